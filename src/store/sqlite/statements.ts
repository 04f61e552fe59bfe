import type { SqliteDatabase } from '../open-sqlite.js';
import { prepareEventRead } from './rows.js';

export interface InsertEventParams {
  eventId: string;
  streamId: string;
  streamRevision: number;
  type: string;
  schemaVersion: number;
  country: string | null;
  occurredOn: string;
  recordedAt: string;
  recordedBy: string;
  provenance: string;
  correlationId: string | null;
  causationId: string | null;
  data: string;
  prevHash: string;
  hash: string;
}

/** Every statement the store runs, prepared once per connection. */
export function prepareStatements(db: SqliteDatabase) {
  return {
    begin: db.prepare('BEGIN IMMEDIATE'),
    commit: db.prepare('COMMIT'),
    rollback: db.prepare('ROLLBACK'),
    savepoint: db.prepare('SAVEPOINT append_one'),
    release: db.prepare('RELEASE append_one'),
    rollbackToSavepoint: db.prepare('ROLLBACK TO append_one'),

    streamHead: db.prepare<[string], { revision: number; hash: string }>(
      'SELECT stream_revision AS revision, hash FROM events WHERE stream_id = ? ORDER BY stream_revision DESC LIMIT 1',
    ),
    lastRecordedAt: db.prepare<[], { recordedAt: string }>(
      'SELECT recorded_at AS recordedAt FROM events ORDER BY position DESC LIMIT 1',
    ),
    insertEvent: db.prepare<[InsertEventParams], unknown>(
      `INSERT INTO events (event_id, stream_id, stream_revision, type, schema_version, country, occurred_on,
         recorded_at, recorded_by, provenance, correlation_id, causation_id, data, prev_hash, hash)
       VALUES (@eventId, @streamId, @streamRevision, @type, @schemaVersion, @country, @occurredOn,
         @recordedAt, @recordedBy, @provenance, @correlationId, @causationId, @data, @prevHash, @hash)`,
    ),
    findIdempotency: db.prepare<[string], { requestHash: string; result: string }>(
      'SELECT request_hash AS requestHash, result FROM idempotency_keys WHERE scope = ?',
    ),
    insertIdempotency: db.prepare<[string, string, string, string], unknown>(
      'INSERT INTO idempotency_keys (scope, request_hash, result, created_at) VALUES (?, ?, ?, ?)',
    ),

    readStream: prepareEventRead<[string, number, number]>(
      db,
      'FROM events WHERE stream_id = ? AND stream_revision >= ? ORDER BY stream_revision LIMIT ?',
    ),
    // The same range, skipping other types inside SQLite (the types as a JSON array): no JavaScript object per skipped row.
    readStreamOfTypes: prepareEventRead<[string, number, string, number]>(
      db,
      'FROM events WHERE stream_id = ? AND stream_revision >= ? AND type IN (SELECT value FROM json_each(?)) ORDER BY stream_revision LIMIT ?',
    ),
    readAll: prepareEventRead<[number, number, number]>(
      db,
      'FROM events WHERE position >= ? AND position <= ? ORDER BY position LIMIT ?',
    ),
    // The global streams' events only (a scan that skips the others without reading them into JavaScript).
    readAllGlobal: prepareEventRead<[number, number, number]>(
      db,
      'FROM events WHERE position >= ? AND position <= ? AND country IS NULL ORDER BY position LIMIT ?',
    ),
    headPosition: db.prepare<[], { position: number }>('SELECT coalesce(max(position), 0) AS position FROM events'),
    // SQLite returns the bare columns of the row that holds max(); the UNIQUE index serves it.
    streamHeads: db.prepare<[], { streamId: string; lastRevision: number; lastHash: string }>(
      'SELECT stream_id AS streamId, max(stream_revision) AS lastRevision, hash AS lastHash FROM events GROUP BY stream_id ORDER BY stream_id',
    ),
    positionAt: db.prepare<[string], { position: number }>(
      'SELECT position FROM events WHERE recorded_at <= ? ORDER BY recorded_at DESC, position DESC LIMIT 1',
    ),
  };
}

export type EventStoreStatements = ReturnType<typeof prepareStatements>;
