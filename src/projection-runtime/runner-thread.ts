import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors/catalogue.js';
import { PACKAGE_ROOT } from '../package-root.js';
import type { EventStore } from '../store/port.js';
import { PositionWaiters } from './position-waiters.js';
import type { ReadModelFeed } from './read-model-feed.js';
import type { ProjectionStatusEntry } from './runner.js';

const BOOT = join(PACKAGE_ROOT, 'src', 'projection-runtime', 'partition-worker-boot.mjs');
/** The worker's entry beside this module: .ts under tsx, .js in the transpiled service. */
const ENTRY = new URL(`./runner-thread-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url).href;

/** What the worker is started with (structured-cloned). */
export interface RunnerThreadOptions {
  /** The SQLite event log the main thread appends to (the worker reads it on its own connection). */
  eventsPath: string;
  readModelsPath: string;
  maxBatchMs?: number;
  partitionedBuild?: { workers: number; minEvents?: number };
}

export type ToWorker =
  | { type: 'commit'; position: number }
  | { type: 'wait'; position: number; timeoutMs: number }
  | { type: 'status'; id: number }
  | { type: 'stop' };

export type ToMain =
  | { type: 'served'; position: number; versions: [string, number][]; allLive: boolean }
  | { type: 'caught-up' }
  | { type: 'catch-up-failed'; message: string }
  | { type: 'status'; id: number; entries?: ProjectionStatusEntry[]; error?: string }
  | { type: 'error'; projection: string; message: string }
  | { type: 'stopped' };

export interface ThreadedProjectionRunnerOptions extends RunnerThreadOptions {
  /** The log the main thread appends to: its commits are passed on to the worker. */
  store: EventStore;
  /** A projection failed on an event, or the worker failed ('(runner)'). Default: a process warning. */
  onError?: (projection: string, error: Error) => void;
  /**
   * After the worker died unexpectedly, it is started again this long after (default 1 s; it
   * resumes from the checkpoints). Each further death before a catch-up succeeds doubles the delay,
   * up to `maxRestartDelayMs` (default 60 s), so a worker that cannot start does not spin.
   */
  restartDelayMs?: number;
  maxRestartDelayMs?: number;
}

/**
 * The projection runner in a worker thread, so its batches (about 10 ms each under sustained
 * appends) never hold the event loop that answers requests. The worker owns the read-model writes;
 * this proxy passes the log's commits on and keeps what the worker last said it serves, which
 * settles read-your-writes waits. Readers on this thread read the read-model file on their own
 * connection, inside read transactions (ReadSide): what they see is always a committed batch.
 * A worker that dies is started again; it resumes from the read models' checkpoints.
 */
export class ThreadedProjectionRunner implements ReadModelFeed {
  private worker: Worker | null = null;
  private served = { position: 0, allLive: false, versions: new Map<string, number>() };
  private readonly waiters = new PositionWaiters(() => this.served);
  private readonly statusRequests = new Map<number, { resolve: (e: ProjectionStatusEntry[]) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private unsubscribe: (() => void) | null = null;
  private stopping = false;
  private restartTimer: NodeJS.Timeout | null = null;
  /** Deaths since the last catch-up that succeeded. */
  private failedStarts = 0;
  private stopped: Promise<void> | null = null;
  private head = 0;

  constructor(private readonly options: ThreadedProjectionRunnerOptions) {}

  /** Starts the worker; resolves once its catch-up at start is done (rejects if it failed; it tries again on the next commit). */
  start(): Promise<void> {
    this.unsubscribe = this.options.store.onCommit((position) => {
      if (position <= this.head) return;
      this.head = position;
      this.post({ type: 'commit', position });
    });
    return this.spawn();
  }

  private spawn(): Promise<void> {
    const { store: _store, onError: _onError, restartDelayMs: _delay, maxRestartDelayMs: _max, ...data } = this.options;
    const worker = new Worker(BOOT, { workerData: { entry: ENTRY, ...data } });
    this.worker = worker;
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const settle = (error?: Error) => {
        if (settled) return;
        settled = true;
        if (error) reject(error);
        else resolve();
      };
      worker.on('message', (m: ToMain) => {
        switch (m.type) {
          case 'served':
            this.served = { position: m.position, allLive: m.allLive, versions: new Map(m.versions) };
            this.waiters.settle();
            break;
          case 'caught-up':
            this.failedStarts = 0;
            settle();
            break;
          case 'catch-up-failed':
            settle(new Error(m.message));
            break;
          case 'status': {
            const request = this.statusRequests.get(m.id);
            this.statusRequests.delete(m.id);
            if (m.entries) request?.resolve(m.entries);
            else request?.reject(new Error(m.error ?? 'status failed'));
            break;
          }
          case 'error':
            this.report(m.projection, new Error(m.message));
            break;
          case 'stopped':
            break;
        }
      });
      worker.on('error', (e) => this.report('(runner)', e));
      worker.on('exit', (code) => {
        if (this.worker === worker) this.worker = null;
        const error = new Error(`The projection runner's worker thread exited (code ${code})`);
        settle(error);
        for (const r of this.statusRequests.values()) r.reject(error);
        this.statusRequests.clear();
        if (this.stopping) return;
        const delay = Math.min((this.options.restartDelayMs ?? 1000) * 2 ** this.failedStarts++, this.options.maxRestartDelayMs ?? 60_000);
        this.report('(runner)', new Error(`${error.message}; starting it again in ${delay} ms`));
        this.restartTimer = setTimeout(() => {
          this.restartTimer = null;
          if (!this.stopping) this.spawn().catch(() => undefined);
        }, delay);
      });
    });
  }

  private report(projection: string, error: Error): void {
    if (this.options.onError) this.options.onError(projection, error);
    else process.emitWarning(`projection runner: ${projection}: ${error.message}`);
  }

  private post(m: ToWorker): void {
    this.worker?.postMessage(m);
  }

  /** Stops following; the worker finishes (or rolls back) its batch, closes its connections and exits. */
  stop(): Promise<void> {
    this.stopped ??= (async () => {
      this.stopping = true;
      this.unsubscribe?.();
      if (this.restartTimer) clearTimeout(this.restartTimer);
      const worker = this.worker;
      if (worker) {
        const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
        worker.postMessage({ type: 'stop' } satisfies ToWorker);
        await exited;
      }
      this.waiters.close(new AppError('NOT_CAUGHT_UP', 'The projection runner stopped'));
    })();
    return this.stopped;
  }

  servedPosition(): number {
    return this.served.position;
  }

  liveVersions(): Map<string, number> {
    return new Map(this.served.versions);
  }

  waitForPosition(position: number, timeoutMs = 5000): Promise<void> {
    return this.waiters.waitFor(position, timeoutMs, () => this.options.store.headPosition(), () => this.post({ type: 'wait', position, timeoutMs }));
  }

  status(): Promise<ProjectionStatusEntry[]> {
    if (!this.worker) return Promise.reject(new AppError('NOT_CAUGHT_UP', 'The projection runner is not running'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.statusRequests.set(id, { resolve, reject });
      this.post({ type: 'status', id });
    });
  }
}
