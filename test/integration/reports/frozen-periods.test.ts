import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { dayOf, type Draft } from '../../../scripts/history/story.js';
import { HistoryWriter } from '../../../scripts/history/write.js';
import { bearer, provenance, startTestApp, type TestApp } from '../../helpers/test-app.js';

/*
 * A closed year is frozen: its scorecard, the overview's latest score and the annual report show
 * what was known at the freeze point, however many facts and corrections are recorded for it later;
 * `frozen=false` shows them; an `asOf` before the closure was recorded answers the year open.
 */

const decisions = (period: string, count: number) => ({ period, reportingScope: 'EU27_2020', count, dataset: 'migr_eiord' });
const returns = (period: string, count: number) => ({ period, reportingScope: 'EU27_2020', count, destination: 'all', returnType: 'all', dataset: 'migr_eirtn' });

/**
 * 2024 for ET, recorded in the past (the writer records each fact at 09:00 the day after it):
 * figures on 11 February 2025, a revised returns figure on 21 March (after the data cutoff), and
 * the year closed on 31 March with data cutoff 15 March. Its freeze point: 15 March, 23:59:59.999.
 */
function writeHistory(path: string): { decisionsId: string } {
  const w = new HistoryWriter(path);
  const ids = { decisionsId: randomUUID() };
  const fact = (day: number, type: string, data: Record<string, unknown>, eventId = randomUUID()): Draft => ({ country: 'ET', streamId: 'country-ET', day, type, data, provenance, eventId });
  w.add(fact(dayOf(2025, 2, 10), 'ReturnDecisionsReported', decisions('2024', 1000), ids.decisionsId));
  w.add(fact(dayOf(2025, 2, 10), 'ReturnsReported', returns('2024', 100)));
  w.add(fact(dayOf(2025, 3, 20), 'ReturnsReported', returns('2024', 400)));
  w.add({ country: null, streamId: 'reporting-periods', day: dayOf(2025, 3, 30), type: 'PeriodClosed', data: { period: '2024', dataCutoff: '2025-03-15' }, provenance, eventId: randomUUID() });
  w.close();
  return ids;
}

async function post(h: TestApp, family: string, body: Record<string, unknown>): Promise<{ position: number; recordedAt: string; eventId: string }> {
  const res = await h.app.inject({ method: 'POST', url: `/v1/countries/ET/${family}`, headers: { ...bearer(h.tokens.deskEtSo), 'content-type': 'application/json' }, payload: body });
  if (res.statusCode !== 201) throw new Error(`${String(body['type'])}: ${res.body}`);
  return res.json();
}

async function get(h: TestApp, url: string, headers: Record<string, string> = {}) {
  const res = await h.app.inject({ method: 'GET', url, headers: { ...bearer(h.tokens.analyst), ...headers } });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return res;
}

type Card = { provisional: boolean; frozen?: { period: string; frozenAt: string; closedAt: string; dataCutoff: string | null }; position: number; indicators: { code: string; numerator: number | null; denominator: number | null }[] };
const card = async (h: TestApp, url: string): Promise<Card> => (await get(h, url)).json();
const b = (c: Card) => c.indicators.find((i) => i.code === 'B')!;
const et = (report: { report: { countries: { country: string }[] } }) => report.report.countries.find((c) => c.country === 'ET') as unknown as { scorecard: Card };
const latest = async (h: TestApp, query = '') => (await get(h, `/v1/countries${query}`)).json().countries.find((c: { code: string }) => c.code === 'ET').latestScore;

/** Every answer about a frozen year, to compare before and after late facts. */
async function frozenAnswers(h: TestApp, year: number) {
  // The overview first: on a fresh app it must fetch the frozen scorecard it needs before answering.
  const overview = await latest(h);
  const json = await get(h, `/v1/reports/annual/${year}?format=json`);
  const csv = await get(h, `/v1/reports/annual/${year}?format=csv`);
  const md = await get(h, `/v1/reports/annual/${year}?format=md`);
  return {
    scorecard: await card(h, `/v1/countries/ET/scorecards/${year}`),
    quarter: await card(h, `/v1/countries/ET/scorecards/${year}?quarter=1`),
    latest: overview,
    json: json.body,
    etag: json.headers['etag'],
    csv: csv.body,
    md: md.body,
  };
}

t.test('a closed year with a data cutoff is frozen at the end of that day; late facts and corrections show only in the live figures', async (t) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rcm-frozen-'));
  mkdirSync(dataDir, { recursive: true });
  const { decisionsId } = writeHistory(join(dataDir, 'events.sqlite'));
  const h = await startTestApp({ RCM_DATA_DIR: dataDir });
  t.teardown(async () => {
    await h.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const frozenAt = '2025-03-15T23:59:59.999Z';
  const closedAt = '2025-03-31T09:00:00.000Z';

  const before = await frozenAnswers(h, 2024);
  t.match(before.scorecard, { provisional: false, frozen: { period: '2024', dataCutoff: '2025-03-15', closedOn: '2025-03-30', closedAt, frozenAt } });
  t.match(b(before.scorecard), { numerator: 100, denominator: 1000 }, 'the figure revised after the data cutoff is not in');
  t.equal(before.scorecard.position, 2, 'the position of the freeze point');
  t.match(before.quarter, { frozen: { period: '2024', frozenAt } }, 'a quarter of a closed year is frozen with it');
  t.match(before.latest, { year: 2024, provisional: false, frozen: { frozenAt } }, 'the overview agrees');
  const manifest = JSON.parse(before.json).manifest;
  t.match(manifest, { asOf: closedAt, position: 2, frozen: { frozenAt, closedAt } }, 'asked for now: the closure names the cutoff');
  const etReport = et(JSON.parse(before.json));
  t.match(etReport.scorecard, { provisional: false, frozen: { frozenAt } }, "the report's country entry names the closure");
  t.match(b(etReport.scorecard), { numerator: 100 });
  t.match(before.md, `| Frozen | 2024 closed on 2025-03-30, data cutoff 2025-03-15 (recorded ${closedAt}): as known at ${frozenAt}`);
  t.match(before.csv.split('\r\n')[1], `,${closedAt},${frozenAt},2,`, 'CSV: as_of, frozen_at, position');

  // Before the closure was recorded the year was open: as asked.
  const open = await card(h, '/v1/countries/ET/scorecards/2024?asOf=2025-03-25');
  t.equal(open.provisional, true);
  t.notOk('frozen' in open);
  t.match(b(open), { numerator: 400 }, 'the revised figure, recorded by then');
  const openReport = (await get(h, '/v1/reports/annual/2024?asOf=2025-03-25')).json();
  t.notOk('frozen' in openReport.manifest);
  t.equal(et(openReport).scorecard.provisional, true);
  // At or after the closure: the freeze point.
  t.same(await card(h, `/v1/countries/ET/scorecards/2024?asOf=${closedAt}`), before.scorecard, 'asOf at the closure: frozen');
  t.same(await card(h, '/v1/countries/ET/scorecards/2024?asOf=2025-06-30'), before.scorecard, 'asOf later: frozen');
  t.equal((await get(h, `/v1/reports/annual/2024?asOf=${closedAt}`)).body, before.json, "asking with the manifest's asOf gives the same bytes");

  // Late facts for 2024, recorded now: a revised returns figure and a correction of the decisions.
  await post(h, 'statistics', { type: 'ReturnsReported', occurredOn: '2025-05-01', data: returns('2024', 700), provenance });
  const corrected = await post(h, 'corrections', {
    type: 'EntryCorrected',
    occurredOn: '2025-05-02',
    data: { correctedEventId: decisionsId, reason: 'Eurostat revision', data: decisions('2024', 2000) },
    provenance,
  });
  await h.ctx.readSide.ready(corrected.position);

  const after = await frozenAnswers(h, 2024);
  t.same(after, before, 'scorecard, quarter, overview, report (manifest, JSON, CSV, Markdown and ETag): unchanged');
  const live = await card(h, '/v1/countries/ET/scorecards/2024?frozen=false');
  t.match(b(live), { numerator: 700, denominator: 2000 }, 'frozen=false: the live figures');
  t.equal(live.provisional, false, 'still a closed year');
  t.notOk('frozen' in live);
  const liveReport = (await get(h, '/v1/reports/annual/2024?frozen=false')).json();
  t.notOk('frozen' in liveReport.manifest);
  t.equal(liveReport.manifest.position, corrected.position);
  t.match(b(et(liveReport).scorecard), { numerator: 700, denominator: 2000 });
  t.match(await latest(h, '?frozen=false'), { year: 2024, provisional: false });
  t.notOk('frozen' in (await latest(h, '?frozen=false')));
  // The caches keep the two apart, whichever is asked first.
  t.same(await card(h, '/v1/countries/ET/scorecards/2024'), before.scorecard);
  t.equal((await get(h, '/v1/reports/annual/2024?format=json')).body, before.json);
  t.match(b(await card(h, '/v1/countries/ET/scorecards/2024?frozen=false')), { numerator: 700 });
  t.equal((await get(h, '/v1/reports/annual/2024?frozen=false')).json().manifest.contentHash, liveReport.manifest.contentHash);
});

t.test('a year closed without a data cutoff is frozen when the closure was recorded', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  await post(h, 'statistics', { type: 'ReturnDecisionsReported', occurredOn: '2026-02-01', data: decisions('2025', 500), provenance });
  const first = await post(h, 'statistics', { type: 'ReturnsReported', occurredOn: '2026-02-01', data: returns('2025', 50), provenance });
  const close = await h.app.inject({ method: 'POST', url: '/v1/periods/2025/close', headers: { ...bearer(h.tokens.admin), 'content-type': 'application/json' }, payload: {} });
  t.equal(close.statusCode, 201, close.body);
  const closedAt = close.json().recordedAt as string;
  await h.ctx.readSide.ready(close.json().position);

  const before = await frozenAnswers(h, 2025);
  t.match(before.scorecard, { provisional: false, frozen: { period: '2025', dataCutoff: null, closedAt, frozenAt: closedAt } });
  t.match(JSON.parse(before.json).manifest, { asOf: closedAt, position: close.json().position });
  t.match(before.latest, { year: 2025, provisional: false, frozen: { frozenAt: closedAt } });
  const justBefore = new Date(Date.parse(closedAt) - 1).toISOString();
  const open = await card(h, `/v1/countries/ET/scorecards/2025?asOf=${justBefore}`);
  t.equal(open.provisional, true, 'a millisecond before the closure: open');
  t.notOk('frozen' in open);
  t.equal(open.position, first.position);

  const revised = await post(h, 'statistics', { type: 'ReturnsReported', occurredOn: '2026-03-01', data: returns('2025', 80), provenance });
  await h.ctx.readSide.ready(revised.position);
  t.same(await frozenAnswers(h, 2025), before, 'unchanged after a late fact');
  t.match(b(await card(h, '/v1/countries/ET/scorecards/2025?frozen=false')), { numerator: 80 });
  t.match(b(await card(h, '/v1/countries/ET/scorecards/2025')), { numerator: 50 });
});
