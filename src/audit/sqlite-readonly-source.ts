import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { prepareEventRead, rowToRawEvent } from '../store/sqlite/rows.js';
import type { RawEventSource } from './raw-event-source.js';

export interface ReadonlyEventLog extends RawEventSource {
  close(): void;
}

/**
 * Opens the embedded event log read-only (the server may keep running: WAL readers do not block
 * the writer), so an auditor's verification can never write to the database it checks.
 */
export function openReadonlyEventLog(path: string): ReadonlyEventLog {
  if (!existsSync(path)) throw new Error(`No event log at ${path}`);
  let db: Database.Database | undefined;
  let page: ReturnType<typeof prepareEventRead<[number, number]>>;
  let head: Database.Statement<[], { position: number }>;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    page = prepareEventRead<[number, number]>(db, 'FROM events WHERE position >= ? ORDER BY position LIMIT ?');
    head = db.prepare<[], { position: number }>('SELECT coalesce(max(position), 0) AS position FROM events');
  } catch (e) {
    db?.close();
    if ((e as { code?: unknown }).code !== 'SQLITE_CANTOPEN') throw e;
    // A live data directory's log is in WAL mode: SQLite reads it only where it may create the -shm file beside it.
    throw new Error(
      `Cannot open ${path} read-only (${(e as Error).message}): a log in WAL mode can be read only where ${basename(path)}-shm can be created beside it. ` +
        'On read-only media, verify a backup made by npm run backup (it can be read anywhere), or copy the data directory to a writable place.',
    );
  }
  const opened = db;
  return {
    headPosition: async () => head.get()?.position ?? 0,
    page: async (fromPosition, limit) => page.all(fromPosition, limit).map(rowToRawEvent),
    close: () => opened.close(),
  };
}
