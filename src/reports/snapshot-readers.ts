import Database from 'better-sqlite3';
import type { ReadModelDatabase } from '../projection-runtime/read-model-db.js';

/** A read transaction on its own connection: what it reads stays as it was at its first read. */
export interface Snapshot {
  db: ReadModelDatabase;
  /** Ends the read transaction and gives the connection back. */
  end(): void;
}

/** SQLite's build caps the map at 2 GiB; reads beyond it fall back to ordinary reads. */
const REPORT_MMAP_BYTES = 2 ** 31;

/**
 * Connections of their own to the live read-model file, for reads that span many queries and may
 * yield to the event loop in between (the annual report). Each holds a read transaction: WAL mode
 * keeps its snapshot while the runner commits on its own connection, so the reader sees one
 * position throughout and the runner, and every other request, go on meanwhile.
 *
 * At most `max` are open: a report holds its whole body in memory while it is built, and reports
 * that interleave would otherwise all be in memory at once (each with a page cache). The others
 * wait their turn. Connections are kept for reuse, so their page caches stay warm.
 */
export class SnapshotReaders {
  private readonly idle: Database.Database[] = [];
  private readonly waiting: (() => void)[] = [];
  private inUse = 0;
  private closed = false;

  constructor(
    private readonly path: string,
    private readonly max = 2,
  ) {}

  /** A connection in a read transaction (waiting for one if `max` are in use); its first read takes the snapshot. */
  async begin(): Promise<Snapshot> {
    while (this.inUse >= this.max && !this.closed) await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.closed) throw new Error('snapshot readers are closed');
    this.inUse++;
    let db: Database.Database;
    try {
      db = this.idle.pop() ?? this.open();
      db.exec('BEGIN');
    } catch (e) {
      this.release();
      throw e;
    }
    let ended = false;
    return {
      db,
      end: () => {
        if (ended) return;
        ended = true;
        try {
          db.exec('ROLLBACK');
          if (this.closed) db.close();
          else this.idle.push(db);
        } finally {
          this.release();
        }
      },
    };
  }

  /** Closes the idle connections now and the others as they are given back. */
  close(): void {
    this.closed = true;
    for (const db of this.idle.splice(0)) db.close();
    for (const wake of this.waiting.splice(0)) wake();
  }

  private release(): void {
    this.inUse--;
    this.waiting.shift()?.();
  }

  private open(): Database.Database {
    const db = new Database(this.path, { fileMustExist: true });
    db.pragma('query_only = 1');
    db.pragma('busy_timeout = 5000');
    // A report reads each country's rows once: a modest cache, kept warm between reports.
    db.pragma('cache_size = -32768');
    // Its ~3,400 cited events at 1,000,000 events are looked up at random in a ~1 GB file: mapped,
    // those reads cost no system call each, and stay mapped from one report to the next (a year's
    // lookups: ~60 ms on a fresh connection, ~16 ms once mapped, against ~90 ms read by pread into a
    // cache that six years' reports overflow). Read-only, so nothing is written through the map.
    db.pragma(`mmap_size = ${REPORT_MMAP_BYTES}`);
    return db;
  }
}
