import type { SqliteDatabase } from '../open-sqlite.js';

/**
 * Commits made through other connections to the same file (a command-line import while the server
 * runs, another instance on the data directory) are not heard through our own appends. SQLite's
 * `data_version` changes exactly when another connection has committed, so a cheap poll of it tells
 * `onChange`. Returns the function that stops the poll.
 */
export function watchForeignCommits(db: SqliteDatabase, intervalMs: number, onChange: () => void): () => void {
  const version = () => db.pragma('data_version', { simple: true }) as number;
  let seen = version();
  const timer = setInterval(() => {
    try {
      const now = version();
      if (now === seen) return;
      seen = now;
      onChange();
    } catch {
      // A busy or closing database: the next tick looks again.
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
