/**
 * Rebuilds every projection from the event log into a scratch database and compares it row by row
 * with the live read models of the data directory (each at its live checkpoint).
 *
 *   npm run replay [-- --data-dir ./data] [--json] [--keep-scratch]
 *
 * The server may keep running. Exit code: 0 no difference, 1 differences found, 2 could not run.
 */
import { join } from 'node:path';
import { formatReplayReport } from '../src/audit/format-replay-report.js';
import { progressLine } from '../src/audit/progress.js';
import { replayAndCompare } from '../src/audit/replay.js';
import { loadConfig } from '../src/config/config.js';
import { configuredEventStore, openEventStore } from '../src/store/open-event-store.js';
import { parseCommandLine } from './lib/command-line.js';

const USAGE = `Usage:
  npm run replay [-- --data-dir DIR] [--json] [--keep-scratch]
Rebuilds every projection into a scratch database and compares it with the live read models (default RCM_DATA_DIR or ./data). Exit 0: no difference; 1: differences; 2: could not run.
`;

async function main(): Promise<number> {
  const { values, exitCode } = parseCommandLine(USAGE, { 'data-dir': { type: 'string' }, json: { type: 'boolean' }, 'keep-scratch': { type: 'boolean' } });
  if (exitCode !== undefined) return exitCode;
  const config = loadConfig(values['data-dir'] ? { ...process.env, RCM_DATA_DIR: values['data-dir'] } : process.env);
  const store = await openEventStore({ ...configuredEventStore(config), existing: true });
  try {
    const progress = progressLine('replaying');
    const report = await replayAndCompare({
      store,
      liveDbPath: join(config.dataDir, 'read-models.sqlite'),
      keepScratch: values['keep-scratch'] ?? false,
      onProgress: (p) => progress.update(p.position, p.target),
    });
    progress.end();
    process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReplayReport(report));
    return report.ok ? 0 : 1;
  } finally {
    await store.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`replay: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
