import { join } from 'node:path';
import Database from 'better-sqlite3';

export interface DirLock {
  release(): void;
}

/**
 * Takes `<dir>/owner.lock` for this connection alone, or returns null when another one holds it (in
 * this process or another). An OS file lock, held through SQLite's exclusive locking mode: released
 * by `release()` or when the holding process dies, so a crash leaves no stale lock behind.
 */
export function lockDir(dir: string): DirLock | null {
  return lockFile(join(dir, 'owner.lock'));
}

/** Takes the lock file at `path` (created if absent) as `lockDir` does, or returns null when another connection holds it. */
export function lockFile(path: string): DirLock | null {
  const db = new Database(path, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // The first write takes the exclusive lock; the locking mode keeps it after the commit.
    db.exec(`BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS owner (pid INTEGER); DELETE FROM owner; INSERT INTO owner VALUES (${process.pid}); COMMIT`);
  } catch (e) {
    db.close();
    if ((e as { code?: string }).code === 'SQLITE_BUSY') return null;
    throw e;
  }
  return { release: () => db.close() };
}
