import { parseArgs } from 'node:util';
import { BackupError } from '../src/ops/backup.js';
import { restoreDataDir } from '../src/ops/restore.js';

/**
 * Restores a backup made by `npm run backup` into a new, empty data directory:
 *   npm run restore -- --from backups/2026-01-31 --data-dir ./data-restored
 * Checks every file's sha-256 against the manifest and recomputes every hash chain before any file
 * is put in place. Then start the server with RCM_DATA_DIR pointing at the restored directory.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { from: { type: 'string' }, 'data-dir': { type: 'string' } },
    strict: true,
  });
  const dataDir = values['data-dir'] ?? process.env['RCM_DATA_DIR'];
  if (!values.from || !dataDir) throw new BackupError('Usage: npm run restore -- --from BACKUP_DIR --data-dir NEW_EMPTY_DIR');
  const summary = await restoreDataDir(values.from, dataDir);
  process.stdout.write(
    `Restored ${summary.files.join(', ')} into ${summary.dataDir}: ${summary.eventsChecked} events in ${summary.streamsChecked} streams verified, head position ${summary.headPosition}\n`,
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`Restore failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
