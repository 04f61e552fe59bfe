import Database from 'better-sqlite3';
import type { ReadModelDatabase } from '../projection-runtime/read-model-db.js';

/** A read transaction on its own connection: what it reads stays as it was when the snapshot was taken. */
export interface Snapshot {
  db: ReadModelDatabase;
  /** Ends the read transaction and gives the connection back. */
  end(): void;
}

/**
 * Connections of their own to the live read-model file, for reads that span many queries and may
 * yield to the event loop in between (the annual report). Each holds a read transaction: WAL mode
 * keeps its snapshot while the runner commits on its own connection, so the reader sees one
 * position throughout and the runner, and every other request, go on meanwhile. Connections are
 * kept for reuse (their page caches stay warm), at most `keep` of them idle.
 */
export class SnapshotReaders {
  private readonly idle: Database.Database[] = [];
  private closed = false;

  constructor(
    private readonly path: string,
    private readonly keep = 2,
  ) {}

  /** A connection in a read transaction; the snapshot is taken by its first read. */
  begin(): Snapshot {
    if (this.closed) throw new Error('snapshot readers are closed');
    const db = this.idle.pop() ?? this.open();
    db.exec('BEGIN');
    let ended = false;
    return {
      db,
      end: () => {
        if (ended) return;
        ended = true;
        db.exec('ROLLBACK');
        if (this.closed || this.idle.length >= this.keep) db.close();
        else this.idle.push(db);
      },
    };
  }

  close(): void {
    this.closed = true;
    for (const db of this.idle.splice(0)) db.close();
  }

  private open(): Database.Database {
    const db = new Database(this.path, { fileMustExist: true });
    db.pragma('query_only = 1');
    db.pragma('busy_timeout = 5000');
    // The report reads the country's rows once per report: a modest cache, kept warm between reports.
    db.pragma('cache_size = -32768');
    return db;
  }
}
