import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Projection } from '../../projections/types.js';
import { iterateCountries } from '../store/sqlite/country-reads.js';
import { CHECK_EVERY, FLUSH_DIRTY_ROWS } from './batch-limits.js';
import { createProjectionIndexes, createProjectionTables, physicalTable } from './read-model-db.js';
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

/** The merge of a finished partitioned build, done in a worker so that the event loop stays free. */
export interface MergeTask {
  readModelsPath: string;
  partPaths: string[];
  projection: string;
  version: number;
  toPosition: number;
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
  const projection = partitionable(projections, task);
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

function partitionable(projections: readonly Projection[], task: { projection: string; version: number }): Projection {
  const projection = projections.find((p) => p.name === task.projection && p.version === task.version);
  if (!projection || projection.partitionedBy !== 'country') throw new Error(`No partitionable projection ${task.projection}@${task.version} in this build`);
  return projection;
}

/**
 * Copies the partitions' rows (their keys are disjoint) into the version's tables of the read-model
 * database, on a connection of its own, in one transaction that also moves the version's checkpoint
 * to `toPosition`; `onMerged` is called once that has committed. Then creates the query indexes in a
 * second transaction (in one, the COMMIT took 4 s longer at 1,000,000 events: CREATE INDEX then
 * reads the new rows back out of the uncommitted WAL) and returns null, or the reason it could not
 * (the runner's switch-over creates them then). ATTACH is not allowed inside a transaction, so the
 * files are attached around it. The runner writes nothing meanwhile: it waits for the merge.
 */
export function mergePartitions(task: MergeTask, projections: readonly Projection[], onMerged: () => void): string | null {
  const projection = partitionable(projections, task);
  const db = new Database(task.readModelsPath, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // As the runner's own connection: a commit of derived rows need not wait for an fsync.
    db.pragma('synchronous = NORMAL');
    task.partPaths.forEach((path, i) => db.prepare(`ATTACH DATABASE ? AS part${i}`).run(path));
    db.transaction(() => {
      task.partPaths.forEach((_, i) => {
        for (const spec of projection.tables) {
          const table = physicalTable(projection.name, task.version, spec.name);
          db.exec(`INSERT INTO main.${table} SELECT * FROM part${i}.${table}`);
        }
      });
      db.prepare('UPDATE projection_checkpoints SET position = ? WHERE name = ? AND version = ?').run(task.toPosition, projection.name, task.version);
    }).immediate();
    onMerged();
    task.partPaths.forEach((_, i) => db.exec(`DETACH DATABASE part${i}`));
    try {
      db.transaction(() => createProjectionIndexes(db, projection, task.version))();
      return null;
    } catch (e) {
      return e instanceof Error ? e.message : String(e);
    }
  } finally {
    db.close();
  }
}
