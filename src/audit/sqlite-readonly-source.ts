import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
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
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const page = prepareEventRead<[number, number]>(db, 'FROM events WHERE position >= ? ORDER BY position LIMIT ?');
  const head = db.prepare<[], { position: number }>('SELECT coalesce(max(position), 0) AS position FROM events');
  return {
    headPosition: async () => head.get()?.position ?? 0,
    page: async (fromPosition, limit) => page.all(fromPosition, limit).map(rowToRawEvent),
    close: () => db.close(),
  };
}
