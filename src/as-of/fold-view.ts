import Database from 'better-sqlite3';
import type { StoredEvent } from '../../contracts/index.js';
import type { Projection } from '../../projections/types.js';
import { AppError } from '../errors/catalogue.js';
import { BUILT_ONCE_PAGE_SIZE, openReadModelDb, type ReadModelDatabase } from '../projection-runtime/read-model-db.js';
import { ProjectionRunner } from '../projection-runtime/runner.js';
import { FrozenLog } from './frozen-log.js';
import type { StreamsReader } from './streams-reader.js';

/**
 * A view file: the journal stays in memory and nothing is synced while it is built. A file being
 * built is never recovered after a crash (it is not listed in views.json yet), and after each
 * commit the file is complete, so a plain file copy of it is a consistent snapshot. A finished view
 * or copy is flushed to disk before it is listed.
 */
export function openViewFile(file: string, fresh: boolean): ReadModelDatabase {
  const db = fresh ? openReadModelDb(file, { pageSize: BUILT_ONCE_PAGE_SIZE }) : new Database(file);
  db.pragma('journal_mode = MEMORY');
  db.pragma('synchronous = OFF');
  return db;
}

/** A view file and what it has folded: every event of its streams up to `position`. */
export interface FoldedView {
  file: string;
  position: number;
  /** Per stream, the first revision not folded. */
  revisions: Record<string, number>;
  /** Per stream with events folded, the id of the last one. */
  lastFolded: Record<string, string>;
}

export interface FoldOptions {
  db: ReadModelDatabase;
  file: string;
  reader: StreamsReader;
  /** The reader's first chunk (already read: an empty one means there was nothing to fold). */
  first: StoredEvent[];
  /** What the file had folded before (a copy of an earlier view), per stream. */
  lastFolded: Record<string, string>;
  projections: readonly Projection[];
  snapshotEvery: number;
  batchSize: number;
  maxBatchMs: number;
  /** A name for the next intermediate copy. */
  newFile(): string;
  /** Copies a file (never synchronously in the server's thread: a view at 1,000,000 events is ~80 MB). */
  copyFile(from: string, to: string): Promise<void>;
  /** After each chunk but the last, the file is copied: the copy, as a base for cutoffs in between. */
  onSnapshot(copy: FoldedView): void;
  onFolded(events: number): void;
  /** Checked between chunks: true ends the fold with an error. */
  cancelled(): boolean;
}

/**
 * Folds the reader's events into the view file, `snapshotEvery` at a time, with the same runner and
 * projections as the live read models. Returns what the file then holds and the runner that names
 * its live tables. Used in the server's thread and in a worker thread alike.
 */
export async function foldView(o: FoldOptions): Promise<{ folded: Omit<FoldedView, 'file' | 'position'>; runner: ProjectionRunner }> {
  const lastFolded = { ...o.lastFolded };
  let chunk = o.first;
  for (;;) {
    if (o.cancelled()) throw new Error('The as-of view build was cancelled (the cache is closing)');
    const revisions = o.reader.revisions();
    for (const e of chunk) lastFolded[e.streamId] = e.eventId;
    const runner = new ProjectionRunner({ store: new FrozenLog(chunk), db: o.db, projections: o.projections, batchSize: o.batchSize, maxBatchMs: o.maxBatchMs });
    await runner.start();
    await runner.stop();
    await checkBuilt(runner, chunk.length > 0 ? chunk[chunk.length - 1]!.position : 0);
    o.onFolded(chunk.length);
    const more = chunk.length === o.snapshotEvery ? await o.reader.next(o.snapshotEvery) : [];
    if (more.length === 0) return { folded: { revisions, lastFolded: { ...lastFolded } }, runner };
    // The file now holds the view at the chunk's last event: keep a copy as a base for cutoffs in between.
    const copy = o.newFile();
    await o.copyFile(o.file, copy);
    o.onSnapshot({ file: copy, position: chunk[chunk.length - 1]!.position, revisions, lastFolded: { ...lastFolded } });
    chunk = more;
  }
}

/** Every projection must have folded every event: a failed one would leave a view that answers from too few. */
async function checkBuilt(runner: ProjectionRunner, lastPosition: number): Promise<void> {
  for (const s of await runner.status()) {
    if (s.state !== 'live' || s.position < lastPosition) {
      throw new AppError('NOT_CAUGHT_UP', `The as-of read models could not be built: projection ${s.name} ${s.error ? `failed (${s.error})` : `stopped at position ${s.position}`}`);
    }
  }
}
