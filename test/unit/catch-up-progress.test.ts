import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { countryStateProjection } from '../../projections/index.js';
import { generateHistory } from '../../scripts/generate-history.js';
import { formatCatchUpProgress } from '../../src/app/catch-up-progress.js';
import { openContext } from '../../src/app/open-context.js';
import { loadConfig } from '../../src/config/config.js';
import type { ProjectionStatusEntry } from '../../src/projection-runtime/runner.js';

t.test('one line per state: rebuilding (with its progress), live, failed', async (t) => {
  const base = { headPosition: 1_000_000, lag: 0, error: null };
  const status: ProjectionStatusEntry[] = [
    { ...base, name: 'country-state', version: 4, position: 0, lag: 1_000_000, state: 'rebuilding', rebuild: { version: 5, position: 350_000 } },
    { ...base, name: 'governance', version: 1, position: 1_000_000, state: 'live', rebuild: null },
    { ...base, name: 'other', version: 2, position: 10, state: 'failed', rebuild: null, error: 'boom' },
  ];
  t.equal(
    formatCatchUpProgress(status),
    'Catching up the read models: country-state v5 rebuilding, 350,000 of 1,000,000 events; governance v1 at 1,000,000; other v2 failed (boom)',
  );
});

t.test('openContext reports where the projections stand while they catch up, and stops once they have', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rcm-progress-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  await generateHistory({ events: 2000, out: join(dir, 'events.sqlite'), countries: ['ET', 'SO', 'TN'], years: 2, toYear: 2024, seed: 3, verify: 0 });
  const reports: ProjectionStatusEntry[][] = [];
  // Worker threads take a few hundred ms to start: long enough for reports every 20 ms.
  const config = { ...loadConfig({ RCM_DATA_DIR: dir, RCM_BUILD_WORKERS: '2', RCM_BUILD_WORKERS_MIN_EVENTS: '1' }) };
  const ctx = await openContext(config, { onCatchUpProgress: (s) => reports.push(s), everyMs: 20 });
  t.teardown(() => ctx.close());
  t.ok(reports.length > 0, 'reported while catching up');
  t.match(formatCatchUpProgress(reports[0]!), new RegExp(`^Catching up the read models: country-state v${countryStateProjection.version} rebuilding, [\\d,]+ of 2,000 events; governance v1`));
  const seen = reports.length;
  await new Promise((r) => setTimeout(r, 100));
  t.equal(reports.length, seen, 'no reports once caught up');
});
