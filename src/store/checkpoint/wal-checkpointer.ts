import { once } from 'node:events';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { PACKAGE_ROOT } from '../../package-root.js';

/** Plain JavaScript beside this module's source (workers do not inherit tsx's loader). */
const CHECKPOINT_WORKER = join(PACKAGE_ROOT, 'src', 'store', 'checkpoint', 'checkpoint-worker.mjs');

/** A WAL-mode database whose connection in this thread lets the checkpointer do the checkpoints. */
export interface CheckpointTarget {
  path: string;
  /** `PRAGMA wal_autocheckpoint = pages` on the service's own connection (0: never in this thread). */
  setAutoCheckpoint(pages: number): void;
}

/** A better-sqlite3 connection as a target (its automatic checkpoints are toggled while it is open). */
export function checkpointTargetOf(db: Database.Database): CheckpointTarget {
  return {
    path: db.name,
    setAutoCheckpoint: (pages) => {
      if (db.open) db.pragma(`wal_autocheckpoint = ${pages}`);
    },
  };
}

export interface WalCheckpointerOptions {
  /** Milliseconds between checkpoint rounds. Default 250. */
  intervalMs?: number;
  onWarning?: (message: string) => void;
}

/** SQLite's default: checkpoint in COMMIT once the WAL holds this many pages. */
const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;

/**
 * Moves WAL checkpoints of the service's databases off the event loop into a worker thread. With
 * SQLite's automatic checkpoint, the COMMIT that crosses 1,000 WAL pages copies them into the
 * database file and fsyncs it on the main thread; under load that was a fifth of the server's CPU
 * time. If the worker dies, automatic checkpoints come back on, so the WAL never grows unbounded.
 */
export class WalCheckpointer {
  private readonly worker: Worker;
  private stopped = false;

  constructor(
    private readonly targets: readonly CheckpointTarget[],
    options: WalCheckpointerOptions = {},
  ) {
    const warn = options.onWarning ?? ((m) => process.emitWarning(m));
    for (const t of targets) t.setAutoCheckpoint(0);
    this.worker = new Worker(CHECKPOINT_WORKER, {
      workerData: { paths: targets.map((t) => t.path), intervalMs: options.intervalMs ?? 250 },
    });
    this.worker.unref();
    this.worker.on('message', (m: { type: string; message?: string }) => {
      if (m.type === 'warning' && m.message) warn(m.message);
    });
    const fallBack = (why: string) => {
      if (this.stopped) return;
      this.stopped = true;
      warn(`WAL checkpointer stopped (${why}); checkpoints are back in the committing thread`);
      this.restoreAutoCheckpoint();
    };
    this.worker.on('error', (e) => fallBack(e.message));
    this.worker.on('exit', (code) => fallBack(`exit ${code}`));
  }

  /** Runs a last checkpoint round and stops the worker; the connections checkpoint themselves again. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const done = once(this.worker, 'exit');
    this.worker.ref(); // an unref'd worker would let the process exit before close() finishes
    this.worker.postMessage({ type: 'stop' });
    await done;
    this.restoreAutoCheckpoint();
  }

  private restoreAutoCheckpoint(): void {
    for (const t of this.targets) {
      try {
        t.setAutoCheckpoint(SQLITE_DEFAULT_AUTOCHECKPOINT);
      } catch {
        // that connection is already closed
      }
    }
  }
}
