/**
 * Exports the annual per-country report straight from the data directory (no server needed).
 *
 *   npm run report -- --year 2023 [--format json|csv|md|html] [--as-of 2024-03-01] [--model 1] [--evidence bounded|full] [--live] [--out FILE] [--data-dir ./data]
 *
 * `--as-of` is a date (end of that day, UTC) or a date-time; without it, everything recorded so far.
 * A closed year is frozen at its closure, as over HTTP; `--live`: with every fact recorded since.
 * Without `--out` the report goes to stdout. The manifest (as-of, position, content hash) is
 * printed to stderr; running again with the same `--as-of` gives the same bytes.
 */
import { writeFileSync } from 'node:fs';
import { EvidenceMode } from '../contracts/read-models.js';
import { ReportFormat } from '../contracts/reports.js';
import { loadConfig } from '../src/config/config.js';
import { buildAnnualReport, renderReport } from '../src/reports/index.js';
import { asOfCacheFor, closeAsOfCache } from '../src/as-of/view-cache.js';
import { configuredEventStore, EventLogMissingError, openEventStore } from '../src/store/open-event-store.js';
import { parseCommandLine } from './lib/command-line.js';

const USAGE = `Usage:
  npm run report -- --year 2023 [--format json|csv|md|html] [--as-of 2024-03-01] [--model N] [--evidence bounded|full] [--live] [--out FILE] [--data-dir DIR]
Builds the annual report from a data directory (default RCM_DATA_DIR or ./data), no server needed; without --out it goes to stdout.
`;

async function main(): Promise<number> {
  const { values, exitCode } = parseCommandLine(USAGE, {
    year: { type: 'string' },
    format: { type: 'string', default: 'json' },
    'as-of': { type: 'string' },
    model: { type: 'string' },
    evidence: { type: 'string', default: 'bounded' },
    live: { type: 'boolean', default: false },
    out: { type: 'string' },
    'data-dir': { type: 'string' },
  });
  if (exitCode !== undefined) return exitCode;
  const year = Number(values.year);
  if (!values.year || !Number.isInteger(year)) throw new UsageError('--year is required, e.g. --year 2023');
  const format = ReportFormat.safeParse(values.format);
  if (!format.success) throw new UsageError(`--format must be one of ${ReportFormat.options.join(', ')}`);
  const model = values.model === undefined ? undefined : Number(values.model);
  if (model !== undefined && !Number.isInteger(model)) throw new UsageError('--model must be a version number');
  const evidence = EvidenceMode.safeParse(values.evidence);
  if (!evidence.success) throw new UsageError(`--evidence must be one of ${EvidenceMode.options.join(', ')}`);
  const config = loadConfig(values['data-dir'] ? { ...process.env, RCM_DATA_DIR: values['data-dir'] } : process.env);
  const store = await openEventStore({ ...configuredEventStore(config), existing: true });
  asOfCacheFor(store, { maxBytes: config.asOfCacheBytes, snapshotEvery: config.asOfSnapshotEvery });
  try {
    const report = await buildAnnualReport(store, { year, countries: config.countries, asOf: values['as-of'], model, evidence: evidence.data, frozen: !values.live });
    const bytes = renderReport(report, format.data);
    if (values.out) writeFileSync(values.out, bytes);
    else process.stdout.write(bytes);
    const m = report.manifest;
    process.stderr.write(
      `annual report ${m.year} (${format.data}) as of ${m.asOf}${m.frozen ? ` (frozen at ${m.frozen.frozenAt})` : ''}: position ${m.position}, model v${m.modelVersion}, content hash ${m.contentHash}${values.out ? `, written to ${values.out}` : ''}\n`,
    );
    return 0;
  } finally {
    await closeAsOfCache(store);
    await store.close();
  }
}

class UsageError extends Error {}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`report: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = e instanceof UsageError || e instanceof EventLogMissingError ? 2 : 1;
  },
);
