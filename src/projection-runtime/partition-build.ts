import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Projection } from '../../projections/types.js';
import { iterateCountries } from '../store/sqlite/country-reads.js';
import { CHECK_EVERY, FLUSH_DIRTY_ROWS } from './batch-limits.js';
import { createProjectionTables } from './read-model-db.js';
import { SqliteProjectionTx } from './sqlite-tx.js';

/** One worker's share of a partitioned build: a group of countries, from the first event to `toPosition`. */
export interface PartitionTask {
  eventsPath: string;
  /** A scratch SQLite file of this worker's own (replaced if present). */
  partPath: string;
  projection: string;
  version: number;
  countries: string[];
  toPosition: number;
  maxCachedRows: number;
}

/** Events per scratch transaction: the write-behind flushes bound memory, commits only publish pages. */
const EVENTS_PER_COMMIT = 50_000;

/** Removes a scratch file and what SQLite may have left beside it. */
export function removePart(path: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(path + suffix, { force: true });
}

/**
 * Builds one partition's rows into its scratch file: the same tables (no query indexes) and the same
 * write-behind code as the runner, fed only this group's events in global order. The file is
 * scratch (no journal, no fsync): a crash leaves the build's checkpoint at 0 and it starts over.
 * Returns the number of events applied; `onProgress` gets the last position after each commit.
 */
export function buildPartition(task: PartitionTask, projections: readonly Projection[], onProgress?: (position: number) => void): number {
  const projection = projections.find((p) => p.name === task.projection && p.version === task.version);
  if (!projection || projection.partitionedBy !== 'country') throw new Error(`No partitionable projection ${task.projection}@${task.version} in this build`);
  removePart(task.partPath);
  const events = new Database(task.eventsPath, { readonly: true, fileMustExist: true });
  const db = new Database(task.partPath);
  try {
    db.pragma('page_size = 16384');
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    // 4 MiB: the rows are written in key order and hardly read back (a 16 MiB cache was no faster, and every worker has one).
    db.pragma('cache_size = -4096');
    createProjectionTables(db, projection, task.version, { indexes: false });
    const tx = new SqliteProjectionTx(db, projection, task.version, task.maxCachedRows, true);
    let count = 0;
    let last = 0;
    db.exec('BEGIN');
    for (const e of iterateCountries(events, task.countries, task.toPosition)) {
      projection.apply(e, tx);
      last = e.position;
      if (++count % CHECK_EVERY === 0 && tx.dirtyRows() >= FLUSH_DIRTY_ROWS) tx.flush();
      if (count % EVENTS_PER_COMMIT === 0) {
        tx.flush();
        db.exec('COMMIT');
        onProgress?.(last);
        db.exec('BEGIN');
      }
    }
    tx.flush();
    db.exec('COMMIT');
    return count;
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK');
    db.close();
    events.close();
  }
}
