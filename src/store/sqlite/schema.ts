import type { SqliteDatabase } from '../open-sqlite.js';

/**
 * Schema migrations of the event-store database, applied in order; `PRAGMA user_version` holds the
 * number of migrations applied. Append new entries, never edit an applied one.
 */
export const eventStoreMigrations: readonly string[] = [
  // 1: the event log and the idempotency claims.
  `
  CREATE TABLE events (
    position INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL UNIQUE,
    stream_id TEXT NOT NULL,
    stream_revision INTEGER NOT NULL CHECK (stream_revision >= 0),
    type TEXT NOT NULL,
    schema_version INTEGER NOT NULL CHECK (schema_version >= 1),
    country TEXT,
    occurred_on TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    provenance TEXT NOT NULL CHECK (json_valid(provenance)),
    correlation_id TEXT,
    causation_id TEXT,
    data TEXT NOT NULL CHECK (json_valid(data)),
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    UNIQUE (stream_id, stream_revision)
  ) STRICT;
  -- "As known at T" -> position cutoff; recorded_at is non-decreasing in position order.
  CREATE INDEX events_recorded_at ON events (recorded_at);
  CREATE TABLE idempotency_keys (
    scope TEXT PRIMARY KEY,
    request_hash TEXT NOT NULL,
    result TEXT NOT NULL CHECK (json_valid(result)),
    created_at TEXT NOT NULL
  ) STRICT;
  `,
];

/** Brings the schema up to date in one transaction; refuses a database newer than this code. */
export function migrateEventStore(db: SqliteDatabase): { from: number; to: number } {
  const from = Number(db.pragma('user_version', { simple: true }));
  const to = eventStoreMigrations.length;
  if (from > to) {
    throw new Error(`Event-store schema version ${from} is newer than this build supports (${to})`);
  }
  if (from < to) {
    db.transaction(() => {
      for (let v = from; v < to; v++) db.exec(eventStoreMigrations[v] as string);
      db.pragma(`user_version = ${to}`);
    }).immediate();
  }
  return { from, to };
}
