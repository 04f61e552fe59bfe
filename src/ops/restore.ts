import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BACKUP_FORMAT, BackupError, EVENTS_FILE, MANIFEST_FILE, sha256File, verifyEventStoreFile, BackupManifest } from './backup.js';

export interface RestoreSummary {
  dataDir: string;
  files: string[];
  headPosition: number;
  eventsChecked: number;
  streamsChecked: number;
}

function readManifest(backupDir: string): BackupManifest {
  const path = join(backupDir, MANIFEST_FILE);
  if (!existsSync(path)) throw new BackupError(`${resolve(backupDir)} has no ${MANIFEST_FILE}: not a complete backup`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new BackupError(`${resolve(path)} is not valid JSON (${e instanceof Error ? e.message : String(e)}): the backup is damaged`);
  }
  const format = (json as { format?: unknown } | null)?.format;
  if (format !== BACKUP_FORMAT) throw new BackupError(`Unknown backup format ${JSON.stringify(format)} in ${resolve(path)}; expected ${BACKUP_FORMAT}`);
  const parsed = BackupManifest.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new BackupError(`${resolve(path)} is not a valid backup manifest: ${problems}`);
  }
  const manifest = parsed.data;
  if (!manifest.files.some((f) => f.name === EVENTS_FILE)) throw new BackupError(`The backup has no ${EVENTS_FILE}`);
  return manifest;
}

/**
 * Restores a backup into `dataDir`, which must be absent or empty (a restore never merges into or
 * overwrites a live data directory). Every file is checked against the manifest's sha-256, the
 * event log's hash chains are recomputed on a staged copy, and only then are the files moved into
 * place. Read models come back as they were backed up; the runner catches them up from the log.
 */
export async function restoreDataDir(backupDir: string, dataDir: string): Promise<RestoreSummary> {
  const manifest = readManifest(backupDir);
  if (existsSync(dataDir) && !statSync(dataDir).isDirectory()) throw new BackupError(`${resolve(dataDir)} exists and is not a directory; restore only into a new, empty directory`);
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new BackupError(`Data directory ${resolve(dataDir)} is not empty; restore only into a new, empty directory`);
  }
  for (const f of manifest.files) {
    const path = join(backupDir, f.name);
    if (!existsSync(path)) throw new BackupError(`The backup is missing ${f.name}`);
    const actual = await sha256File(path);
    if (actual !== f.sha256) throw new BackupError(`${f.name} does not match the manifest (sha-256 ${actual}, expected ${f.sha256})`);
  }
  mkdirSync(dataDir, { recursive: true });
  const staging = join(dataDir, `.restore-${process.pid}`);
  mkdirSync(staging);
  try {
    for (const f of manifest.files) copyFileSync(join(backupDir, f.name), join(staging, f.name));
    const { verification, headPosition } = await verifyEventStoreFile(join(staging, EVENTS_FILE));
    if (!verification.ok) {
      throw new BackupError(`The backed-up event log does not verify: ${verification.streamId}@${verification.streamRevision}: ${verification.reason}`);
    }
    if (headPosition !== manifest.events.headPosition) {
      throw new BackupError(`The backed-up event log ends at position ${headPosition}; the manifest says ${manifest.events.headPosition}`);
    }
    // Verification opened the staged log; on close SQLite folds its WAL back, so only the .sqlite files remain.
    for (const f of manifest.files) renameSync(join(staging, f.name), join(dataDir, f.name));
    rmSync(staging, { recursive: true, force: true });
    return {
      dataDir: resolve(dataDir),
      files: manifest.files.map((f) => f.name),
      headPosition,
      eventsChecked: verification.eventsChecked,
      streamsChecked: verification.streamsChecked,
    };
  } catch (e) {
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
}
