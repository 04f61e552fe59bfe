import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventStore } from '../store/port.js';

/**
 * The as-of views a cache keeps across restarts, listed in `<cache dir>/views.json`. A view is a
 * pure function of the events of its streams up to its position and of its projections' versions,
 * so a later start may answer from it, once it has checked that the log still holds the same
 * events there (another log, or one restored from a backup that lacks them, would not).
 */
export interface KeptView {
  /** File name in the cache directory. */
  file: string;
  /** Its streams and projections (`name@version`): the family's `durableKey` in view-cache.ts. */
  family: string;
  position: number;
  /** Per stream, the first revision not folded. */
  revisions: Record<string, number>;
  /** Per stream with events folded, the id of the last one (at revision `revisions[stream] - 1`). */
  lastFolded: Record<string, string>;
  requested: boolean;
  lastUsed: number;
  bytes: number;
}

export const KEPT_VIEWS_FILE = 'views.json';
const FORMAT = 'rcm-as-of-views';
const VERSION = 1;

/** The kept views listed in `dir`; none when there is no list, and none (with a warning) when it is damaged. */
export function readKeptViews(dir: string, onWarning: (message: string) => void): KeptView[] {
  let text: string;
  try {
    text = readFileSync(join(dir, KEPT_VIEWS_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') onWarning(`As-of view list ${join(dir, KEPT_VIEWS_FILE)} could not be read (${(e as Error).message}); the views are built again`);
    return [];
  }
  try {
    const doc = JSON.parse(text) as { format?: unknown; version?: unknown; views?: unknown };
    if (doc.format === FORMAT && doc.version === VERSION && Array.isArray(doc.views) && doc.views.every(isKeptView)) return doc.views as KeptView[];
  } catch {
    // reported below
  }
  onWarning(`As-of view list ${join(dir, KEPT_VIEWS_FILE)} is damaged; the views are built again`);
  return [];
}

/** A view's file name: `asof-<pid>-<n>.sqlite`, or `asof-<pid>-<n>-<m>.sqlite` for a copy made by a worker's build. */
export const VIEW_FILE = /^asof-\d+-\d+(?:-\d+)?\.sqlite$/;

function isKeptView(v: unknown): boolean {
  const k = v as Partial<KeptView> | null;
  return (
    typeof k === 'object' &&
    k !== null &&
    typeof k.file === 'string' &&
    VIEW_FILE.test(k.file) &&
    typeof k.family === 'string' &&
    Number.isSafeInteger(k.position) &&
    Number.isSafeInteger(k.lastUsed) &&
    Number.isSafeInteger(k.bytes) &&
    typeof k.requested === 'boolean' &&
    isRecordOf(k.revisions, (x) => Number.isSafeInteger(x)) &&
    isRecordOf(k.lastFolded, (x) => typeof x === 'string')
  );
}

function isRecordOf(r: unknown, ok: (x: unknown) => boolean): boolean {
  return typeof r === 'object' && r !== null && !Array.isArray(r) && Object.values(r).every(ok);
}

/** Replaces the list: written to a temporary file, synced, renamed over the old one. */
export function writeKeptViews(dir: string, views: readonly KeptView[]): void {
  const path = join(dir, KEPT_VIEWS_FILE);
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, JSON.stringify({ format: FORMAT, version: VERSION, views }));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/** Flushes a view file to disk: it is listed only afterwards, so a listed file is whole after a power loss too. */
export async function syncViewFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/**
 * Whether the store still holds the events the view was built from: per stream, the last event
 * folded is the same one at the same revision and the next one (if any) lies after the position.
 */
export async function logStillHolds(store: Pick<EventStore, 'readStream'>, view: KeptView, streams: readonly string[]): Promise<boolean> {
  for (const stream of streams) {
    const next = view.revisions[stream] ?? 0;
    if (next > 0) {
      const [last] = await store.readStream(stream, { fromRevision: next - 1, limit: 1 });
      if (!last || last.streamRevision !== next - 1 || last.eventId !== view.lastFolded[stream] || last.position > view.position) return false;
    }
    const [after] = await store.readStream(stream, { fromRevision: next, limit: 1 });
    if (after && after.position <= view.position) return false;
  }
  return true;
}
