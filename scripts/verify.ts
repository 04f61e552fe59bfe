/**
 * Verifies the hash chain of every stream in the data directory's event log.
 *
 *   npm run verify [-- --data-dir ./data] [--json]
 *
 * The embedded SQLite log is opened read-only (the server may keep running); with
 * RCM_EVENTSTORE_URL set, the KurrentDB store is read through the event-store port.
 * Exit code: 0 every chain intact, 1 a broken link was found (or the read models' checkpoints or the
 * answers kept for Idempotency-Keys name events beyond the log's end), 2 the check could not run.
 */
import { join } from 'node:path';
import { progressLine } from '../src/audit/progress.js';
import { portRawSource, type RawEventSource } from '../src/audit/raw-event-source.js';
import { openReadonlyEventLog } from '../src/audit/sqlite-readonly-source.js';
import { verifyLog } from '../src/audit/verify-log.js';
import { checkLogTail, type TailFinding } from '../src/audit/log-tail.js';
import { formatChainReport } from '../src/audit/format-chain-report.js';
import { loadConfig } from '../src/config/config.js';
import { configuredEventStore, openEventStore } from '../src/store/open-event-store.js';
import { parseCommandLine } from './lib/command-line.js';

const USAGE = `Usage:
  npm run verify [-- --data-dir DIR] [--json]
Recomputes every hash chain of the data directory (default RCM_DATA_DIR or ./data). Exit 0: intact; 1: a break or missing events; 2: could not run.
`;

async function main(): Promise<number> {
  const { values, exitCode } = parseCommandLine(USAGE, { 'data-dir': { type: 'string' }, json: { type: 'boolean' } });
  if (exitCode !== undefined) return exitCode;
  const config = loadConfig(values['data-dir'] ? { ...process.env, RCM_DATA_DIR: values['data-dir'] } : process.env);
  let source: RawEventSource;
  let close: () => Promise<void> | void;
  if (config.eventStoreUrl) {
    const store = await openEventStore(configuredEventStore(config));
    source = portRawSource(store);
    close = () => store.close();
  } else {
    const log = openReadonlyEventLog(join(config.dataDir, 'events.sqlite'));
    source = log;
    close = () => log.close();
  }
  try {
    const progress = progressLine('verifying');
    const report = await verifyLog(source, { onProgress: (p) => progress.update(p.eventsRead, p.headPosition) });
    progress.end();
    // The chains cannot show events removed from their end; the embedded store's other records can.
    const tail: TailFinding[] = config.eventStoreUrl ? [] : checkLogTail(join(config.dataDir, 'events.sqlite'), join(config.dataDir, 'read-models.sqlite'));
    if (values.json) process.stdout.write(`${JSON.stringify({ ...report, ok: report.ok && tail.length === 0, tailFindings: tail }, null, 2)}\n`);
    else process.stdout.write(formatChainReport(report) + formatTailFindings(tail));
    return report.ok && tail.length === 0 ? 0 : 1;
  } finally {
    await close();
  }
}

function formatTailFindings(findings: TailFinding[]): string {
  if (findings.length === 0) return '';
  return `\nEvents are missing from the end of the log (the chains cannot show this):\n${findings.map((f) => `  ${f.detail}`).join('\n')}\n`;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`verify: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
