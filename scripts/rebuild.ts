/**
 * Rebuilds every projection from an event-store file into a fresh read-model file and prints the
 * rate beside a raw read + JSON.parse baseline of the same events measured in the same run.
 *
 *   node --import tsx scripts/rebuild.ts --events tmp/bench/history-1000000.sqlite \
 *     [--read-models tmp/rebuild/read-models.sqlite] [--batch 50000] [--cache 5000] [--workers N] [--no-baseline] [--json]
 *
 * The read-model file is deleted first. Peak RSS: the highest RSS sampled after each batch and the
 * process's maxRSS (which also covers the baseline pass, run first; it holds one row at a time).
 */
import { parseCommandLine } from './lib/command-line.js';
import { rawReadBaseline, rebuildAll } from '../src/projection-runtime/rebuild-all.js';

const USAGE = `Usage:
  npm run rebuild -- --events EVENTS_SQLITE [--read-models FILE] [--batch N] [--cache N] [--workers 0-8] [--no-baseline] [--json]
Times a full rebuild of every projection from an event log (npm run generate writes one) into a fresh read-model file.
`;

async function main(): Promise<void> {
  const { values, exitCode } = parseCommandLine(USAGE, {
    events: { type: 'string' },
    'read-models': { type: 'string', default: 'tmp/rebuild/read-models.sqlite' },
    batch: { type: 'string' },
    cache: { type: 'string' },
    workers: { type: 'string' },
    'no-baseline': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  }, undefined, ['events']);
  if (exitCode !== undefined) {
    process.exitCode = exitCode;
    return;
  }
  const events = values.events!;
  if (values.workers !== undefined && !/^[0-8]$/.test(values.workers)) throw new Error('--workers must be 0 (one thread, global order) to 8');
  const baseline = values['no-baseline'] ? null : rawReadBaseline(events);
  const tty = process.stderr.isTTY && !values.json;
  const rebuild = await rebuildAll({
    eventsPath: events,
    readModelsPath: values['read-models'],
    ...(values.batch ? { batchSize: Number(values.batch) } : {}),
    ...(values.cache ? { maxCachedRows: Number(values.cache) } : {}),
    ...(values.workers ? { workers: Number(values.workers) } : {}),
    onProgress: tty ? (pos, head) => process.stderr.write(`\r${pos.toLocaleString('en')} / ${head.toLocaleString('en')}`) : undefined,
  });
  if (tty) process.stderr.write('\n');
  const maxRssMiB = process.resourceUsage().maxRSS / 1024;
  const ratio = baseline ? rebuild.eventsPerSecond / baseline.eventsPerSecond : null;
  const result = { rebuild, baseline, ratio, maxRssMiB };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const n = (x: number) => Math.round(x).toLocaleString('en');
  process.stdout.write(
    [
      `rebuild  ${n(rebuild.events)} events in ${rebuild.seconds.toFixed(1)} s (CPU ${rebuild.cpuSeconds.toFixed(1)} s): ${n(rebuild.eventsPerSecond)} events/s (${rebuild.projections.join(', ')})`,
      baseline ? `baseline raw read + JSON.parse: ${n(baseline.eventsPerSecond)} events/s (${baseline.seconds.toFixed(1)} s, CPU ${baseline.cpuSeconds.toFixed(1)} s)` : 'baseline: skipped',
      ratio === null ? '' : `ratio    ${ratio.toFixed(3)} wall, ${(baseline!.cpuSeconds / rebuild.cpuSeconds).toFixed(3)} by CPU time (target >= 0.4, and >= 150,000 events/s)`,
      `peak RSS ${rebuild.peakRssMiB.toFixed(0)} MiB sampled per batch; process maxRSS ${maxRssMiB.toFixed(0)} MiB (target <= 300 MB)`,
    ]
      .filter(Boolean)
      .join('\n') + '\n',
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
