import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Projection, TableSpec } from '../../projections/types.js';

export type ReadModelDatabase = Database.Database;

/**
 * Page size of read models fed live (SQLite's default). Each live commit writes every page it
 * touches to the WAL, and the checkpoint writes them again: with 16 KiB pages the durable ingest
 * p99 at 10 connections was twice as high (24-25 ms against 12-13 ms), because those writes delay
 * the event log's fdatasync. A full rebuild is ~15 % slower with 4 KiB pages; it runs once.
 */
export const LIVE_PAGE_SIZE = 4096;
/** Page size of files built in one go and then only read (as-of views, a replay's scratch copy): a third less page and WAL-frame overhead. */
export const BUILT_ONCE_PAGE_SIZE = 16384;

/**
 * The read models' own SQLite database (separate from the event log). `synchronous = NORMAL` in WAL
 * mode: a power loss may lose the last read-model commits, but each commit carries its checkpoint,
 * so the runner simply projects those events again; the event log stays the durable record.
 */
export function openReadModelDb(path: string, options: { pageSize?: number } = {}): ReadModelDatabase {
  const memory = path === ':memory:' || path === '';
  if (!memory) mkdirSync(dirname(resolve(path)), { recursive: true });
  const db = new Database(path);
  // For a new file only (an existing one keeps its own).
  db.pragma(`page_size = ${options.pageSize ?? LIVE_PAGE_SIZE}`);
  if (!memory) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('cache_size = -65536'); // 64 MiB page cache
  db.exec(`CREATE TABLE IF NOT EXISTS projection_checkpoints (
    name TEXT NOT NULL,
    version INTEGER NOT NULL,
    position INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('live', 'building')),
    PRIMARY KEY (name, version)
  )`);
  return db;
}

/** Physical name of a read-model table: each projection version has its own tables. */
export function physicalTable(projection: string, version: number, table: string): string {
  return `rm_${projection.replace(/[^A-Za-z0-9]/g, '_')}_v${version}_${table}`;
}

function tableDdl(projection: Projection, version: number, spec: TableSpec): string {
  const name = physicalTable(projection.name, version, spec.name);
  const cols = Object.entries(spec.columns ?? {}).map(([c, s]) => `, ${c} ${s.type}`);
  const key = spec.key === 'INTEGER' ? 'k INTEGER PRIMARY KEY' : 'k TEXT PRIMARY KEY';
  const doc = spec.document === false ? '' : ', doc TEXT NOT NULL';
  return `CREATE TABLE IF NOT EXISTS ${name} (${key}${doc}${cols.join('')})`;
}

function indexDdl(projection: Projection, version: number, spec: TableSpec): string[] {
  const name = physicalTable(projection.name, version, spec.name);
  return (spec.indexes ?? []).map((cols, i) => `CREATE INDEX IF NOT EXISTS ${name}_i${i} ON ${name} (${cols.join(', ')})`);
}

/**
 * Creates a projection version's tables. `indexes: false` leaves out the query indexes: a version
 * being built is never queried (only its primary keys are read), and one CREATE INDEX over the
 * finished table is much cheaper than keeping the index up to date row by row.
 */
export function createProjectionTables(db: ReadModelDatabase, projection: Projection, version = projection.version, options: { indexes?: boolean } = {}): void {
  for (const spec of projection.tables) {
    db.exec(tableDdl(projection, version, spec));
    if (options.indexes !== false) for (const sql of indexDdl(projection, version, spec)) db.exec(sql);
  }
}

/** Creates the query indexes of a projection version (no-op for those that exist). */
export function createProjectionIndexes(db: ReadModelDatabase, projection: Projection, version = projection.version): void {
  for (const spec of projection.tables) for (const sql of indexDdl(projection, version, spec)) db.exec(sql);
}

/** Drops every table of one projection version (whatever its table list was). */
export function dropProjectionTables(db: ReadModelDatabase, projection: string, version: number): void {
  const prefix = physicalTable(projection, version, '');
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND substr(name, 1, ?) = ?`)
    .all(prefix.length, prefix) as { name: string }[];
  for (const t of tables) db.exec(`DROP TABLE IF EXISTS ${t.name}`);
}

export interface CheckpointRow {
  name: string;
  version: number;
  position: number;
  status: 'live' | 'building';
}

export function readCheckpoints(db: ReadModelDatabase, name: string): CheckpointRow[] {
  return db.prepare('SELECT name, version, position, status FROM projection_checkpoints WHERE name = ?').all(name) as CheckpointRow[];
}

/**
 * Drops every projection version whose checkpoint lies beyond `headPosition`, the end of the event
 * log the read models are to follow, and returns what it dropped. Such read models belong to another
 * log (an older or cut-short `events.sqlite` beside newer read models): a runner following from their
 * checkpoint would skip every event appended at the positions they had already passed. Dropped
 * versions are built again from the log. Only for the live read models: an as-of view's log is a
 * filtered copy whose last position may lie before the view's checkpoint.
 */
export function dropCheckpointsBeyond(db: ReadModelDatabase, headPosition: number): CheckpointRow[] {
  const ahead = db
    .prepare('SELECT name, version, position, status FROM projection_checkpoints WHERE position > ? ORDER BY name, version')
    .all(headPosition) as CheckpointRow[];
  if (ahead.length === 0) return [];
  db.transaction(() => {
    for (const r of ahead) {
      db.prepare('DELETE FROM projection_checkpoints WHERE name = ? AND version = ?').run(r.name, r.version);
      dropProjectionTables(db, r.name, r.version);
    }
  })();
  return ahead;
}
