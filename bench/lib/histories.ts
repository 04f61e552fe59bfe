import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { generateHistory, historyFileName } from '../../scripts/generate-history.js';
import { ROOT } from './processes.js';

export const CACHE_DIR = join(ROOT, 'tmp', 'bench');

/**
 * A generated history of `events` events, cached under tmp/bench (same seed, same file): the
 * benchmark generates it once and reuses it. Histories are never modified in place; scenarios
 * that need a data directory copy the file.
 */
export async function history(events: number, log: (line: string) => void): Promise<string> {
  const path = join(CACHE_DIR, historyFileName(events));
  if (existsSync(path) && !existsSync(`${path}-wal`)) return path;
  if (existsSync(path)) {
    // A WAL left next to it means an interrupted generation: regenerate.
    log(`history ${path} looks incomplete; regenerating`);
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  log(`generating a history of ${events.toLocaleString('en')} events (once; cached in ${CACHE_DIR})`);
  const result = await generateHistory({ events, out: path, force: true, verify: 1 });
  log(`  ${result.events.toLocaleString('en')} events, ${Object.keys(result.byType).length} types, ${result.firstDay}..${result.lastDay}, ${result.seconds.toFixed(1)} s`);
  return path;
}

/** Copies a history into a data directory as its event store. */
export function installHistory(historyPath: string, dataDir: string): void {
  mkdirSync(dataDir, { recursive: true });
  copyFileSync(historyPath, join(dataDir, 'events.sqlite'));
}
