import { restoreDataDir } from '../src/ops/restore.js';
import { parseCommandLine } from './lib/command-line.js';

/**
 * Restores a backup made by `npm run backup` into a new, empty data directory:
 *   npm run restore -- --from backups/2026-01-31 --data-dir ./data-restored
 * Checks every file's sha-256 against the manifest and recomputes every hash chain before any file
 * is put in place. Then start the server with RCM_DATA_DIR pointing at the restored directory.
 */
const USAGE = 'Usage:\n  npm run restore -- --from BACKUP_DIR --data-dir NEW_EMPTY_DIR  (or RCM_DATA_DIR)\n';

async function main(): Promise<void> {
  const { values, exitCode } = parseCommandLine(USAGE, { from: { type: 'string' }, 'data-dir': { type: 'string' } });
  if (exitCode !== undefined) {
    process.exitCode = exitCode;
    return;
  }
  const dataDir = values['data-dir'] ?? process.env['RCM_DATA_DIR'];
  if (!values.from || !dataDir) {
    process.stderr.write(`--from and --data-dir are required\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const summary = await restoreDataDir(values.from, dataDir);
  process.stdout.write(
    `Restored ${summary.files.join(', ')} into ${summary.dataDir}: ${summary.eventsChecked} events in ${summary.streamsChecked} streams verified, head position ${summary.headPosition}\n`,
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`Restore failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
