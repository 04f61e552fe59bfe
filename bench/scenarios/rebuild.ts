import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ratio, type ScenarioResult } from '../lib/figures.js';
import { runWorker } from '../lib/processes.js';
import { freshDataDir } from '../lib/rcm-server.js';
import { median } from '../lib/stats.js';

interface WorkerResult {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  maxRssMiB: number;
  /** Worker threads the runner built the country projections with (0: none, global order in one thread). */
  workers: number;
}

/**
 * Projection rebuild from the whole log against a raw read + JSON.parse of the same file, each in
 * its own process (so peak RSS is the work's own), alternating, `rounds` times; medians reported.
 */
export async function rebuildScenario(historyPath: string, options: { rounds: number }): Promise<ScenarioResult> {
  const raw: WorkerResult[] = [];
  const rebuild: WorkerResult[] = [];
  for (let round = 0; round < options.rounds; round++) {
    raw.push(await runWorker<WorkerResult>('bench/workers/raw-read.ts', [historyPath]));
    const dir = freshDataDir('rebuild');
    try {
      rebuild.push(await runWorker<WorkerResult>('bench/workers/rebuild.ts', [historyPath, join(dir, 'read-models.sqlite')], { timeoutMs: 900_000 }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const events = rebuild[0]?.events ?? 0;
  const rate = median(rebuild.map((r) => r.eventsPerSecond));
  const baseRate = median(raw.map((r) => r.eventsPerSecond));
  const rss = Math.max(...rebuild.map((r) => r.maxRssMiB));
  const baseRss = Math.max(...raw.map((r) => r.maxRssMiB));
  const r = ratio(rate, baseRate);
  return {
    scenario: 'rebuild',
    figures: [
      {
        scenario: 'projection rebuild',
        figure: `events/s, all projections, ${events.toLocaleString('en')} events`,
        unit: '/s',
        value: rate,
        baseline: baseRate,
        baselineLabel: 'raw read + JSON.parse',
        ratio: r,
        target: '>= 150,000/s and >= 0.4 of baseline',
        met: rate >= 150_000 && r >= 0.4,
        notes:
          (rebuild[0]?.workers ?? 0) > 0
            ? `country-state built by ${rebuild[0]!.workers} worker threads (one per core, as the service does), then merged; the baseline reads in one thread`
            : 'built in one thread, in global order (one core)',
      },
      {
        scenario: 'projection rebuild',
        figure: 'peak RSS',
        unit: 'MiB',
        value: rss,
        baseline: baseRss,
        baselineLabel: 'raw read peak RSS',
        ratio: ratio(rss, baseRss),
        target: '<= 300 MB',
        met: rss * 1.048576 <= 300,
      },
    ],
    details: { rounds: options.rounds, raw, rebuild },
  };
}
