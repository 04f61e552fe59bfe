import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { asOfCacheFor } from '../../../src/as-of/view-cache.js';
import { buildAnnualReport } from '../../../src/reports/build-annual-report.js';
import { ethiopiaStory } from '../../helpers/facts.js';
import { bearer, startTestApp } from '../../helpers/test-app.js';
import { generatedStore } from '../../unit/as-of/history.js';

t.test('the annual report from cached per-country views equals the report from one scratch view of all countries', async (t) => {
  const countries = ['ET', 'SO', 'TN'];
  const h = await generatedStore({ events: 3000, countries, years: 4, seed: 5 });
  t.teardown(() => h.close());
  const n = h.recordedAt.length;
  // Cutoffs through the history (corrections and retractions land between them), a date, and after the end.
  const cutoffs = [h.recordedAt[Math.floor(n * 0.3)]!, h.recordedAt[Math.floor(n * 0.6)]!, h.recordedAt[Math.floor(n * 0.6)]!.slice(0, 10), h.recordedAt[n - 1]!, '2030-01-01'];
  for (const asOf of cutoffs) {
    for (const year of [2022, 2023]) {
      const cached = await buildAnnualReport(h.store, { year, countries, asOf });
      const scratch = await buildAnnualReport(h.store, { year, countries, asOf, scratch: true });
      t.equal(JSON.stringify(cached), JSON.stringify(scratch), `${year} as of ${asOf}`);
    }
  }
  const stats = asOfCacheFor(h.store).stats();
  t.ok(stats.hits > 0, `the second year reused the views of the first (${stats.hits} hits)`);
  t.ok(stats.fromSnapshot + stats.aliases > 0, 'later cutoffs started from earlier views');
  const none = await buildAnnualReport(h.store, { year: 2023, countries: [], asOf: cutoffs[1] });
  const noneScratch = await buildAnnualReport(h.store, { year: 2023, countries: [], asOf: cutoffs[1], scratch: true });
  t.equal(JSON.stringify(none), JSON.stringify(noneScratch), 'no country: the governance streams alone');
});

t.test('the server keeps its as-of views beside the read models, listed when it closes', async (t) => {
  const h = await startTestApp();
  let closed = false;
  t.teardown(async () => {
    if (!closed) await h.close();
  });
  for (const step of ethiopiaStory) {
    const res = await h.app.inject({ method: 'POST', url: `/v1/countries/ET/${step.family}`, headers: { ...bearer(h.tokens.deskEtSo), 'content-type': 'application/json' }, payload: step.body as Record<string, unknown> });
    t.equal(res.statusCode, 201);
  }
  const asOf = new Date(Date.now() + 60_000).toISOString();
  const first = await h.app.inject({ method: 'GET', url: `/v1/countries/ET/scorecards/2024?asOf=${encodeURIComponent(asOf)}`, headers: bearer(h.tokens.analyst) });
  t.equal(first.statusCode, 200);
  const again = await h.app.inject({ method: 'GET', url: `/v1/countries/ET/scorecards/2024?asOf=${encodeURIComponent(asOf)}`, headers: bearer(h.tokens.analyst) });
  t.equal(again.body, first.body, 'the cached view answers the same bytes');
  const dir = join(h.dir, 'as-of-cache');
  t.ok(readdirSync(dir).some((f) => f.endsWith('.sqlite')), 'a view file in <data dir>/as-of-cache');
  await h.app.close();
  const views = (JSON.parse(readFileSync(join(dir, 'views.json'), 'utf8')) as { views: { file: string }[] }).views.map((v) => v.file).sort();
  t.same(views, readdirSync(dir).filter((f) => f.endsWith('.sqlite')).sort(), 'every file left is a listed view (kept for the next start)');
  await h.ctx.close();
  closed = true;
});
