import { backupDataDir } from '../src/ops/backup.js';
import { parseCommandLine } from './lib/command-line.js';

/**
 * Online backup of the embedded databases (event log, tokens, read models) while the server runs:
 *   npm run backup -- --out backups/2026-01-31 [--data-dir ./data]
 * `--out` names a new directory: one .sqlite file per database and manifest.json (sha-256 of each
 * file, log head position, chain verification). Exit code 0 on success, 1 on failure.
 */
const USAGE = 'Usage:\n  npm run backup -- --out NEW_DIR [--data-dir DIR]  (default data dir: RCM_DATA_DIR or ./data)\n';

async function main(): Promise<void> {
  const { values, exitCode } = parseCommandLine(USAGE, { out: { type: 'string' }, 'data-dir': { type: 'string' } }, undefined, ['out']);
  if (exitCode !== undefined) {
    process.exitCode = exitCode;
    return;
  }
  const dataDir = values['data-dir'] ?? process.env['RCM_DATA_DIR'] ?? './data';
  const manifest = await backupDataDir(dataDir, values.out!);
  process.stdout.write(
    `Backup of ${manifest.sourceDataDir} written to ${values.out}: ${manifest.files.map((f) => f.name).join(', ')}; ` +
      `${manifest.events.eventsChecked} events in ${manifest.events.streamsChecked} streams verified, head position ${manifest.events.headPosition}\n`,
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`Backup failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
