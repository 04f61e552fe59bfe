import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { verifyChain, type ChainVerification } from '../store/hash-chain.js';
import { openSqliteEventStore } from '../store/sqlite/index.js';

export const EVENTS_FILE = 'events.sqlite';
export const AUTH_FILE = 'auth.sqlite';
export const MANIFEST_FILE = 'manifest.json';
export const BACKUP_FORMAT = 'rcm-backup/1';

const BackupFile = z.object({
  // A plain `.sqlite` name: a restore never writes outside the data directory.
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.sqlite$/, 'a plain .sqlite file name'),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a sha-256 in hex'),
});
export type BackupFile = z.infer<typeof BackupFile>;

/** `manifest.json` of a backup: what a restore checks before it copies anything. */
export const BackupManifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  createdAt: z.string(),
  sourceDataDir: z.string(),
  /** In the order they were copied: read models first, then tokens, the event log last. */
  files: z.array(BackupFile).min(1),
  events: z.object({ headPosition: z.number().int().nonnegative(), eventsChecked: z.number().int().nonnegative(), streamsChecked: z.number().int().nonnegative() }),
});
export type BackupManifest = z.infer<typeof BackupManifest>;

export class BackupError extends Error {}

/**
 * The databases of a data directory, in backup order. The event log goes last so that a read
 * model's checkpoint in the backup is never ahead of the backed-up log (the runner would otherwise
 * serve effects of events the restored log does not have); the log is the durable record, and
 * read models are re-projected from it anyway.
 */
export function databasesIn(dataDir: string): string[] {
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) throw new BackupError(`${resolve(dataDir)} is not a directory: not a data directory`);
  const names = readdirSync(dataDir).filter((n) => n.endsWith('.sqlite') && statSync(join(dataDir, n)).isFile());
  if (!names.includes(EVENTS_FILE)) throw new BackupError(`${resolve(dataDir)} has no ${EVENTS_FILE}: not a data directory`);
  const rank = (n: string) => (n === EVENTS_FILE ? 2 : n === AUTH_FILE ? 1 : 0);
  return names.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Recomputes every hash chain of an event-store file (streamed in pages, bounded memory). */
export async function verifyEventStoreFile(path: string): Promise<{ verification: ChainVerification; headPosition: number }> {
  const store = openSqliteEventStore({ path });
  try {
    const verification = verifyChain(store.iterateAll(1, undefined, { raw: true }));
    return { verification, headPosition: await store.headPosition() };
  } finally {
    await store.close();
  }
}

function requireEmptyOrAbsent(dir: string, what: string): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) throw new BackupError(`${what} ${resolve(dir)} exists and is not a directory`);
  if (readdirSync(dir).length > 0) throw new BackupError(`${what} ${resolve(dir)} exists and is not empty`);
}

/**
 * Online backup of every database of `dataDir` into the directory `outDir` (created; must be
 * absent or empty), with SQLite's backup API while the server keeps running. Each database is
 * copied in one step, i.e. from one read snapshot: in WAL mode that never blocks writers, and a
 * concurrent commit cannot make the copy restart. The copied event log is verified (every hash
 * chain) before the backup is published; files are written under `<outDir>.partial` and renamed
 * at the end, so an interrupted backup never looks complete.
 */
export async function backupDataDir(dataDir: string, outDir: string, now = new Date()): Promise<BackupManifest> {
  requireEmptyOrAbsent(outDir, 'Backup directory');
  const names = databasesIn(dataDir);
  const partial = `${resolve(outDir)}.partial`;
  rmSync(partial, { recursive: true, force: true });
  // The parent recursively, the directory itself not: a read-only parent then says EROFS or EACCES, not ENOENT.
  mkdirSync(dirname(partial), { recursive: true });
  mkdirSync(partial);
  try {
    for (const name of names) {
      const source = new Database(join(dataDir, name), { readonly: true, fileMustExist: true });
      try {
        // Returning a huge page count copies the whole database in one step (one snapshot).
        await source.backup(join(partial, name), { progress: () => 1 << 30 });
      } finally {
        source.close();
      }
    }
    const { verification, headPosition } = await verifyEventStoreFile(join(partial, EVENTS_FILE));
    if (!verification.ok) {
      throw new BackupError(`The copied event log does not verify: ${verification.streamId}@${verification.streamRevision}: ${verification.reason}`);
    }
    // The copies leave WAL mode: a WAL database can be opened read-only only where SQLite may create
    // its -shm file beside it, so a backup kept on read-only media could not be verified, and a
    // verification elsewhere left -wal and -shm files in the backup. Each server start sets WAL again.
    for (const name of names) {
      const copy = new Database(join(partial, name), { fileMustExist: true });
      try {
        copy.pragma('journal_mode = DELETE');
      } finally {
        copy.close();
      }
    }
    const files: BackupFile[] = [];
    for (const name of names) {
      const path = join(partial, name);
      files.push({ name, bytes: statSync(path).size, sha256: await sha256File(path) });
    }
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      createdAt: now.toISOString(),
      sourceDataDir: resolve(dataDir),
      files,
      events: { headPosition, eventsChecked: verification.eventsChecked, streamsChecked: verification.streamsChecked },
    };
    writeFileSync(join(partial, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    if (existsSync(outDir)) rmSync(outDir, { recursive: true }); // empty, checked above
    renameSync(partial, outDir);
    return manifest;
  } catch (e) {
    rmSync(partial, { recursive: true, force: true });
    throw e;
  }
}
