/**
 * Latency of a closed year's scorecard and annual report through `app.inject`, on a generated
 * history (in which every year is closed on 31 March of the next, data cutoff 15 March):
 *   node --import ./test/helpers/ts-loader.mjs bench/tools/frozen-year.ts [--events 50000] [--year 2023] [--later 200]
 * For each country the first scorecard request (its view may have to be built) and later ones;
 * then the report: first request, later ones (kept), and built anew (`Cache-Control: no-cache`).
 * Prints median and p99 in ms. The history and the data directory are temporary.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateHistory } from '../../scripts/generate-history.js';
import { bearer, startTestApp } from '../../test/helpers/test-app.js';
import { summarize } from '../lib/stats.js';

const { values } = parseArgs({ options: { events: { type: 'string', default: '50000' }, year: { type: 'string', default: '2023' }, later: { type: 'string', default: '200' } } });
const countries = ['ET', 'SO', 'TN', 'DZ', 'TR'];
const year = Number(values.year);
const later = Number(values.later);

const tmp = mkdtempSync(join(tmpdir(), 'rcm-frozen-bench-'));
const history = join(tmp, 'history.sqlite');
await generateHistory({ events: Number(values.events), out: history, countries, years: 8, toYear: 2025, seed: 7, verify: 0 });
const dataDir = join(tmp, 'data');
const { mkdirSync } = await import('node:fs');
mkdirSync(dataDir);
copyFileSync(history, join(dataDir, 'events.sqlite'));
// Load shedding off: the machine may be shared, and what is measured here is each request's own time.
const h = await startTestApp({ RCM_DATA_DIR: dataDir, RCM_COUNTRIES: countries.join(','), RCM_MAX_EVENT_LOOP_DELAY_MS: '0' });
const headers = bearer(h.tokens.analyst);

async function time(url: string, extra: Record<string, string> = {}): Promise<number> {
  const began = process.hrtime.bigint();
  const res = await h.app.inject({ method: 'GET', url, headers: { ...headers, ...extra } });
  const ms = Number(process.hrtime.bigint() - began) / 1e6;
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return ms;
}
const fmt = (xs: number[]) => {
  const s = summarize(xs);
  return `median ${s.p50.toFixed(2)} ms, p99 ${s.p99.toFixed(2)} ms (n=${xs.length})`;
};

try {
  const periods = (await h.app.inject({ method: 'GET', url: '/v1/periods', headers })).json() as { periods: { period: string; dataCutoff: string | null; recordedAt: string }[] };
  console.log(`closed: ${JSON.stringify(periods.periods.find((p) => p.period === String(year)))}`);
  const first: number[] = [];
  for (const c of countries) first.push(await time(`/v1/countries/${c}/scorecards/${year}`));
  console.log(`scorecard ${year}, first request per country: ${first.map((x) => x.toFixed(1)).join(', ')} ms`);
  const again: number[] = [];
  for (let i = 0; i < later; i++) again.push(await time(`/v1/countries/${countries[i % countries.length]}/scorecards/${year}`));
  console.log(`scorecard ${year}, later requests: ${fmt(again)}`);
  const overview: number[] = [];
  for (let i = 0; i < later; i++) overview.push(await time('/v1/countries'));
  console.log(`overview, later requests: ${fmt(overview)}`);
  const reportFirst = await time(`/v1/reports/annual/${year}`);
  console.log(`report ${year}, first request: ${reportFirst.toFixed(1)} ms`);
  const kept: number[] = [];
  for (let i = 0; i < later; i++) kept.push(await time(`/v1/reports/annual/${year}`));
  console.log(`report ${year}, later requests: ${fmt(kept)}`);
  const anew: number[] = [];
  for (let i = 0; i < Math.max(5, later / 10); i++) anew.push(await time(`/v1/reports/annual/${year}`, { 'cache-control': 'no-cache' }));
  console.log(`report ${year}, built anew: ${fmt(anew)}`);
} finally {
  await h.close();
  rmSync(tmp, { recursive: true, force: true });
}
