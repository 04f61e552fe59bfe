import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import t from 'tap';
import { buildAnnualReport } from '../../../src/reports/build-annual-report.js';
import { checkContentHash } from '../../../src/reports/manifest.js';
import { ReportCache } from '../../../src/reports/report-cache.js';
import { ethiopiaStory } from '../../helpers/facts.js';
import { bearer, provenance, startTestApp, type TestApp } from '../../helpers/test-app.js';
import { generatedWithLiveReadModels } from '../../unit/as-of/history.js';

const get = (h: TestApp, url: string, headers: Record<string, string> = {}) =>
  h.app.inject({ method: 'GET', url, headers: { ...bearer(h.tokens.analyst), ...headers } });

/** Records a fact for ET; returns its recordedAt. */
async function post(h: TestApp, family: string, body: unknown): Promise<string> {
  const res = await h.app.inject({ method: 'POST', url: `/v1/countries/ET/${family}`, headers: { ...bearer(h.tokens.deskEtSo), 'content-type': 'application/json' }, payload: body as Record<string, unknown> });
  if (res.statusCode !== 201) throw new Error(res.body);
  return (res.json() as { recordedAt: string }).recordedAt;
}

const session = (occurredOn: string, outcomeSummary: string) => ({
  type: 'DialogueSessionHeld',
  occurredOn,
  data: { trackId: 'ET-NL-1', location: 'The Hague', participants: ['NL MFA', 'ET MFA'], topics: ['return'], outcomeSummary },
  provenance,
});

/** The report without the service's note of where its body came from. */
const withoutSource = ({ manifest, report }: { manifest: unknown; report: unknown }) => JSON.stringify({ manifest, report });

t.test('over HTTP: a body is kept until something is recorded, a report of "now" names the settled cutoff, no-cache builds anew', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  let lastRecordedAt = '';
  for (const step of ethiopiaStory) lastRecordedAt = await post(h, step.family, step.body);

  const first = await get(h, '/v1/reports/annual/2024');
  t.equal(first.statusCode, 200, first.body);
  t.equal(first.headers['x-report-cache'], 'built');
  t.equal(first.headers['cache-control'], 'private, no-cache');
  await new Promise((r) => setTimeout(r, 3));
  const second = await get(h, '/v1/reports/annual/2024');
  t.equal(second.headers['x-report-cache'], 'hit', 'nothing recorded since: the body is kept');
  t.equal(first.json().manifest.asOf, lastRecordedAt, 'the cutoff of "now" is the last fact\'s time (recorded today)');
  t.equal(second.json().manifest.asOf, first.json().manifest.asOf, 'and stays so while nothing is recorded');
  t.equal(second.headers['x-report-as-of'], lastRecordedAt);
  t.equal(second.json().manifest.position, first.json().manifest.position);
  t.ok(checkContentHash(second.json()), 'the content hash matches the body');
  t.equal(second.body, first.body, 'the same bytes');
  t.equal(second.headers['etag'], first.headers['etag'], 'and ETag');

  const reproduced = await get(h, `/v1/reports/annual/2024?asOf=${encodeURIComponent(second.json().manifest.asOf)}`, { 'cache-control': 'no-cache' });
  t.equal(reproduced.headers['x-report-cache'], 'built', 'Cache-Control: no-cache builds anew');
  t.equal(reproduced.body, second.body, 'and the build gives the kept answer byte for byte');

  const formats = await Promise.all(['csv', 'md', 'html'].map((f) => get(h, `/v1/reports/annual/2024?format=${f}`)));
  t.same(formats.map((r) => r.headers['x-report-cache']), ['hit', 'hit', 'hit'], 'one body serves every format');

  await post(h, 'dialogues', session('2024-06-02', 'Recorded after the first report.'));
  const after = await get(h, '/v1/reports/annual/2024');
  t.equal(after.headers['x-report-cache'], 'built', 'a fact recorded since moves the cutoff position: built anew');
  t.ok(after.json().manifest.position > first.json().manifest.position);
  const et = after.json().report.countries.find((c: { country: string }) => c.country === 'ET');
  t.ok(et.dialogueSessions.some((s: { on: string }) => s.on === '2024-06-02'), 'with the new fact');
  t.equal((await get(h, '/v1/reports/annual/2023')).headers['x-report-cache'], 'built', 'other years have bodies of their own');
});

t.test('over HTTP: the ETag names the bytes; If-None-Match answers 304', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  for (const step of ethiopiaStory) await post(h, step.family, step.body);
  const live = await get(h, '/v1/reports/annual/2024');
  const url = `/v1/reports/annual/2024?asOf=${encodeURIComponent(live.json().manifest.asOf)}`;
  const full = await get(h, url);
  const etag = String(full.headers['etag']);
  t.equal(etag, `W/"${full.headers['x-content-hash']}.json"`, 'weak: the bytes may travel compressed');
  t.equal(etag, live.headers['etag'], 'the same manifest, the same ETag');

  const notModified = await get(h, url, { 'if-none-match': etag });
  t.equal(notModified.statusCode, 304);
  t.equal(notModified.body, '', 'no body');
  t.equal(notModified.headers['etag'], etag);
  t.equal((await get(h, url, { 'if-none-match': `"other", ${etag.slice(2)}` })).statusCode, 304, 'a list, compared weakly');
  t.equal((await get(h, url, { 'if-none-match': '*' })).statusCode, 304);
  t.equal((await get(h, `${url}&format=csv`, { 'if-none-match': etag })).statusCode, 200, 'another format has other bytes');
  t.equal((await get(h, url, { 'if-none-match': '"stale"' })).statusCode, 200);

  t.equal((await get(h, '/v1/reports/annual/2024', { 'if-none-match': etag })).statusCode, 304, 'the report of "now" too, while nothing is recorded');

  await post(h, 'dialogues', session('2024-06-02', 'Recorded after the cutoff.'));
  t.equal((await get(h, url, { 'if-none-match': etag })).statusCode, 304, 'a past cutoff keeps its bytes whatever is recorded later');
  const now = await get(h, '/v1/reports/annual/2024', { 'if-none-match': etag });
  t.equal(now.statusCode, 200, 'the report now is another one');
  t.not(now.headers['etag'], etag);
  t.equal((await get(h, '/v1/reports/annual/2024', { 'if-none-match': String(now.headers['etag']) })).statusCode, 304, 'and revalidates in turn');
});

t.test('over HTTP: answers over 1 KB are compressed for clients that accept it', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  for (const step of ethiopiaStory) await post(h, step.family, step.body);
  const plain = await get(h, '/v1/reports/annual/2024');
  t.notOk(plain.headers['content-encoding'], 'not asked: not compressed');
  for (const [encoding, decode] of [
    ['br', brotliDecompressSync],
    ['gzip', gunzipSync],
  ] as const) {
    const res = await get(h, '/v1/reports/annual/2024', { 'accept-encoding': `${encoding}` });
    t.equal(res.headers['content-encoding'], encoding);
    t.match(String(res.headers['vary']), /accept-encoding/i);
    t.ok(res.rawPayload.length * 4 < plain.rawPayload.length, `${encoding}: ${res.rawPayload.length} of ${plain.rawPayload.length} bytes`);
    const body = JSON.parse(decode(res.rawPayload).toString('utf8'));
    t.same(body.report, plain.json().report, `${encoding}: the same report`);
    t.ok(checkContentHash(body));
  }
  const small = await get(h, '/health', { 'accept-encoding': 'gzip' });
  t.notOk(small.headers['content-encoding'], 'small answers go as they are');
});

t.test('over HTTP: concurrent requests for one body share its build; RCM_REPORT_CACHE_MB=0 keeps none', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  for (const step of ethiopiaStory) await post(h, step.family, step.body);
  const asOf = encodeURIComponent(new Date().toISOString());
  const answers = await Promise.all([1, 2, 3].map(() => get(h, `/v1/reports/annual/2024?asOf=${asOf}`)));
  t.same(answers.map((a) => a.headers['x-report-cache']).sort(), ['built', 'shared', 'shared']);
  t.ok(answers.every((a) => a.body === answers[0]!.body));

  const off = await startTestApp({ RCM_REPORT_CACHE_MB: '0' });
  t.teardown(() => off.close());
  const res = await get(off, '/v1/reports/annual/2024');
  t.equal(res.statusCode, 200);
  t.notOk('x-report-cache' in res.headers);
});

t.test('a kept body answers exactly what a build at the new cutoff would; a new day is a new body', async (t) => {
  const countries = ['ET', 'SO', 'TN'];
  const h = await generatedWithLiveReadModels({ events: 2000, countries, years: 4, seed: 21 });
  t.teardown(() => h.close());
  const { live } = h;
  const cache = new ReportCache(64 * 1024 * 1024);
  const last = Date.parse(h.recordedAt[h.recordedAt.length - 1]!);
  // The same day, hours apart, nothing recorded between: one body. The next day: another.
  const day = new Date(last + 86_400_000);
  day.setUTCHours(1, 0, 0, 0);
  const at = (hours: number) => () => new Date(day.getTime() + hours * 3_600_000);
  const year = new Date(last).getUTCFullYear();
  const built = await buildAnnualReport(h.store, { year, countries, live, cache, now: at(0) });
  const kept = await buildAnnualReport(h.store, { year, countries, live, cache, now: at(20) });
  const nextDay = await buildAnnualReport(h.store, { year, countries, live, cache, now: at(24) });
  t.same([built.cache, kept.cache, nextDay.cache], ['built', 'hit', 'built']);
  const dayStart = (d: Date) => `${d.toISOString().slice(0, 10)}T00:00:00.000Z`;
  t.same([built.manifest.asOf, kept.manifest.asOf], [dayStart(day), dayStart(day)], 'nothing recorded that day: "now" is the day\'s start');
  t.equal(kept.manifest.contentHash, built.manifest.contentHash, 'one answer for the whole day');
  t.equal(nextDay.manifest.asOf, dayStart(at(24)()));
  for (const r of [kept, nextDay]) {
    const scratch = await buildAnnualReport(h.store, { year, countries, asOf: r.manifest.asOf, scratch: true });
    t.equal(withoutSource(r), withoutSource(scratch), `as of ${r.manifest.asOf}: the report built from the events`);
  }
  t.same(cache.stats(), { entries: 2, bytes: cache.stats().bytes, maxBytes: 64 * 1024 * 1024, hits: 1, shared: 0, builds: 2 });
  t.ok(cache.stats().bytes > 0);
});
