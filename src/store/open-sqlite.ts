import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';

export type SqliteDatabase = Database.Database;

export interface OpenSqliteOptions {
  /** Milliseconds a writer waits for another connection's lock before SQLITE_BUSY. Default 5000. */
  busyTimeoutMs?: number;
  readonly?: boolean;
  /**
   * 'full' (default): SQLite fsyncs the WAL inside every COMMIT. 'normal': COMMIT does not fsync;
   * only for a connection whose commits are made durable by the caller (the event log's WalSync).
   */
  synchronous?: 'full' | 'normal';
}

/** SQLite's numeric values for `synchronous`. */
const SYNCHRONOUS = { normal: 1, full: 2 } as const;

function isMemoryPath(path: string): boolean {
  return path === ':memory:' || path === '';
}

/**
 * Opens (or creates, with its directory) a SQLite database with the settings every database of
 * this service needs: WAL, `synchronous = FULL` (unless the caller makes commits durable itself),
 * a busy timeout and foreign keys.
 *
 * `synchronous` is set explicitly and read back because better-sqlite3 is compiled with
 * SQLITE_DEFAULT_WAL_SYNCHRONOUS=1 (NORMAL): in WAL mode NORMAL can lose the last acknowledged
 * commits on power loss, and an acknowledged event must survive that.
 */
export function openSqliteDatabase(path: string, options: OpenSqliteOptions = {}): SqliteDatabase {
  const memory = isMemoryPath(path);
  if (!memory && !options.readonly) mkdirSync(dirname(resolve(path)), { recursive: true });
  const db = new Database(path, { readonly: options.readonly ?? false });
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
    if (!options.readonly) {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      // An in-memory database cannot use WAL and reports 'memory'; a file must be in WAL.
      if (!memory && mode !== 'wal') throw new Error(`SQLite ${path}: journal_mode is ${String(mode)}, expected wal`);
    }
    const wanted = options.synchronous ?? 'full';
    db.pragma(`synchronous = ${wanted.toUpperCase()}`);
    const sync = db.pragma('synchronous', { simple: true });
    if (sync !== SYNCHRONOUS[wanted]) throw new Error(`SQLite ${path}: synchronous is ${String(sync)}, expected ${SYNCHRONOUS[wanted]} (${wanted})`);
    db.pragma('foreign_keys = ON');
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/** Reads back the durability settings (for health checks and tests). */
export function sqliteDurability(db: SqliteDatabase): { journalMode: string; synchronous: number } {
  return {
    journalMode: String(db.pragma('journal_mode', { simple: true })),
    synchronous: Number(db.pragma('synchronous', { simple: true })),
  };
}
