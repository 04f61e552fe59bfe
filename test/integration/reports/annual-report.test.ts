import { parse } from 'csv-parse/sync';
import t from 'tap';
import { CSV_COLUMNS } from '../../../src/reports/render-csv.js';
import { checkContentHash } from '../../../src/reports/manifest.js';
import { ethiopiaStory } from '../../helpers/facts.js';
import { bearer, provenance, startTestApp, type TestApp } from '../../helpers/test-app.js';
import { checkWellFormedHtml } from '../../unit/reports/well-formed-html.js';

const FORMATS = ['json', 'csv', 'md', 'html'] as const;
const tricky = 'Agreed: <b>"faster" IDs</b>, & a 2nd | line\nwith a newline';

async function post(h: TestApp, country: string, family: string, body: unknown, token = h.tokens.deskEtSo): Promise<{ eventId: string; position: number }> {
  const res = await h.app.inject({
    method: 'POST',
    url: `/v1/countries/${country}/${family}`,
    headers: { ...bearer(token), 'content-type': 'application/json' },
    payload: body as Record<string, unknown>,
  });
  if (res.statusCode !== 201) throw new Error(`${(body as { type: string }).type}: ${res.body}`);
  return res.json();
}

async function report(h: TestApp, year: number, format: string, query = '', token = h.tokens.analyst, headers: Record<string, string> = {}) {
  const res = await h.app.inject({ method: 'GET', url: `/v1/reports/annual/${year}?format=${format}${query}`, headers: { ...bearer(token), ...headers } });
  return res;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

t.test('annual report: as known at a date, reproduced byte for byte after corrections and new facts', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  const ids: Record<string, string> = {};
  for (const step of ethiopiaStory) ids[step.body.type] = (await post(h, 'ET', step.family, step.body)).eventId;
  await post(h, 'ET', 'dialogues', {
    type: 'DialogueSessionHeld',
    occurredOn: '2024-05-14',
    data: { trackId: 'ET-NL-1', location: 'The Hague', participants: ['NL MFA', 'ET MFA'], topics: ['return', 'identification'], outcomeSummary: tricky },
    provenance,
  });
  await post(h, 'ET', 'statistics', {
    type: 'ReturnDecisionsReported',
    occurredOn: '2025-03-01',
    data: { period: '2024', reportingScope: 'NL', count: 240, dataset: 'migr_eiord' },
    provenance: { sourceKind: 'eurostat', reference: 'migr_eiord (extracted 2025-03-01)', evidenceStatus: 'secondary' },
  });
  await post(h, 'ET', 'statistics', {
    type: 'ReturnsReported',
    occurredOn: '2025-03-01',
    data: { period: '2024', reportingScope: 'NL', count: 30, destination: 'third-countries', returnType: 'all', dataset: 'migr_eirtn' },
    provenance: { sourceKind: 'eurostat', reference: 'migr_eirtn (extracted 2025-03-01)', evidenceStatus: 'estimate' },
  });

  // The report "now": its manifest names the cutoff.
  const first: Record<string, { body: string; hash: string }> = {};
  const live = await report(h, 2024, 'json');
  t.equal(live.statusCode, 200, live.body);
  const manifest = live.json().manifest;
  t.match(manifest, { kind: 'annual-report', year: 2024, countries: ['DZ', 'ET', 'SO', 'TN', 'TR'], modelVersion: 1, reportFormatVersion: 5, evidence: 'bounded' });
  t.equal(manifest.position, await h.ctx.store.headPosition(), 'the cutoff covers everything recorded before the request');
  t.ok(checkContentHash(live.json()), 'content hash matches the body');
  t.equal(live.headers['x-content-hash'], manifest.contentHash);
  const asOf = encodeURIComponent(manifest.asOf);
  for (const f of FORMATS) {
    const res = await report(h, 2024, f, `&asOf=${asOf}`);
    t.equal(res.statusCode, 200, `${f}: ${res.body.slice(0, 300)}`);
    first[f] = { body: res.body, hash: String(res.headers['x-content-hash']) };
  }
  t.equal(first['json']!.body, live.body, 'asking with the manifest asOf reproduces the "now" report exactly');

  const et = live.json().report.countries.find((c: { country: string }) => c.country === 'ET');
  t.match(et.visaMeasures, [{ measureId: 'ET-25A-2023', statusAtYearEnd: 'in-force', inForceAtYearEnd: true }]);
  t.match(et.instruments, [{ instrumentId: 'ET-EU-ADM-2018', statusAtYearEnd: 'in-force' }]);
  t.same(et.dialogueSessions.map((s: { on: string }) => s.on), ['2024-05-14'], 'sessions of the report year only');
  t.match(et.returnOperations, [{ operationId: 'OP-2024-07', status: 'executed', returnees: 2 }]);
  t.ok(et.evidence.some((e: { evidenceStatus: string }) => e.evidenceStatus === 'estimate'), 'evidence keeps the evidence status');
  t.ok(et.evidence.every((e: { reference: string; eventId: string }) => e.reference && e.eventId), 'every evidence item names its source');
  const b = et.scorecard.indicators.find((i: { code: string }) => i.code === 'B');
  t.match(b, { numerator: 30, denominator: 240 });

  // Later: a correction, a retraction, new facts, a closed period.
  await sleep(5);
  await post(h, 'ET', 'corrections', {
    type: 'EntryCorrected',
    occurredOn: '2025-04-01',
    data: { correctedEventId: ids['ReadmissionRequestAnswered'], reason: 'Answer was a rejection', data: { requestId: 'NL-RR-0001', outcome: 'rejected' } },
    provenance,
  });
  await post(h, 'ET', 'statistics', {
    type: 'ReturnsReported',
    occurredOn: '2025-04-02',
    data: { period: '2024', reportingScope: 'NL', count: 60, destination: 'third-countries', returnType: 'enforced', dataset: 'national' },
    provenance,
  });
  await post(h, 'ET', 'dialogues', {
    type: 'DialogueSessionHeld',
    occurredOn: '2024-11-20',
    data: { trackId: 'ET-NL-1', location: 'Addis Ababa', participants: ['NL MFA'], topics: ['return'], outcomeSummary: 'Follow-up.' },
    provenance,
  });
  const closed = await h.app.inject({ method: 'POST', url: '/v1/periods/2024/close', headers: { ...bearer(h.tokens.admin), 'content-type': 'application/json' }, payload: {} });
  t.comment(`closing 2024: ${closed.statusCode}`);

  for (const f of FORMATS) {
    // Built anew from the events (not the body kept from the first request).
    const again = await report(h, 2024, f, `&asOf=${asOf}`, h.tokens.auditor, { 'cache-control': 'no-cache' });
    t.equal(again.statusCode, 200);
    t.equal(again.headers['x-report-cache'], 'built');
    t.equal(again.body, first[f]!.body, `${f}: identical bytes as of ${manifest.asOf}`);
    t.equal(again.headers['x-content-hash'], first[f]!.hash, `${f}: identical manifest hash`);
  }

  const now = await report(h, 2024, 'json');
  const nowEt = now.json().report.countries.find((c: { country: string }) => c.country === 'ET');
  t.not(now.json().manifest.contentHash, manifest.contentHash, 'the current report differs');
  t.ok(now.json().manifest.position > manifest.position);
  t.equal(nowEt.dialogueSessions.length, 2, 'the new session is in the current report');
  t.ok(nowEt.evidence.some((e: { status: string }) => e.status === 'corrected'), 'the corrected request shows as corrected');
});

t.test('formats parse back; asOf forms; access; errors', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  for (const step of ethiopiaStory) await post(h, 'ET', step.family, step.body);
  await post(h, 'ET', 'dialogues', {
    type: 'DialogueSessionHeld',
    occurredOn: '2024-05-14',
    data: { trackId: 'ET-NL-1', location: 'The Hague', participants: ['NL MFA'], topics: ['return'], outcomeSummary: tricky },
    provenance: { ...provenance, reference: 'note "A", 2024, <x>' },
  });

  const json = (await report(h, 2024, 'json')).json();
  const q = `&asOf=${encodeURIComponent(json.manifest.asOf)}`;

  const csv = await report(h, 2024, 'csv', q);
  t.match(csv.headers['content-type'], /^text\/csv/);
  t.ok(csv.body.endsWith('\r\n') && !/[^\r]\n/.test(csv.body.replace(/"[^"]*"/g, '')), 'CRLF line ends outside quoted fields');
  const rows = parse(csv.body, { columns: true, relax_column_count: false, relax_quotes: false }) as Record<string, string>[];
  const indicatorCount = json.report.countries[0].scorecard.indicators.length;
  t.equal(rows.length, 5 * indicatorCount, 'one row per country and indicator');
  t.same(Object.keys(rows[0]!), [...CSV_COLUMNS]);
  const etB = rows.find((r) => r['country'] === 'ET' && r['indicator'] === 'B')!;
  t.equal(etB['content_hash'], json.manifest.contentHash);
  t.equal(etB['as_of'], json.manifest.asOf);

  const html = await report(h, 2024, 'html', q);
  t.match(html.headers['content-type'], /^text\/html/);
  t.same(checkWellFormedHtml(html.body), [], 'HTML is well formed');
  t.notMatch(html.body, /<script|<b>|src=|<link/, 'no scripts, no external resources, text escaped');
  t.match(html.body, /&lt;b&gt;&quot;faster&quot; IDs&lt;\/b&gt;, &amp; a 2nd \| line/);
  t.match(html.body, /@media print/);

  const md = await report(h, 2024, 'md', q);
  t.match(md.body, /^# Annual assessment/);
  t.match(md.body, /## ET/);
  t.match(md.body, /a 2nd \\\| line with a newline/, 'pipes escaped and newlines flattened in tables');

  // A date means the end of that day (UTC); before any recording the report is empty but valid.
  const old = (await report(h, 2024, 'json', '&asOf=2001-02-03')).json();
  t.equal(old.manifest.asOf, '2001-02-03T23:59:59.999Z');
  t.equal(old.manifest.position, 0);
  t.same(old.report.countries.find((c: { country: string }) => c.country === 'ET').instruments, []);
  const sameInstant = (await report(h, 2024, 'json', `&asOf=${encodeURIComponent('2001-02-04T01:59:59.999+02:00')}`)).json();
  t.equal(sameInstant.manifest.contentHash, old.manifest.contentHash, 'the same instant written with an offset gives the same report');

  t.equal((await report(h, 2024, 'json', '', h.tokens.deskEtSo)).statusCode, 403, 'desks do not export reports');
  t.equal((await report(h, 2024, 'pdf')).statusCode, 400);
  t.equal((await report(h, 2024, 'json', '&asOf=2024-02-30')).statusCode, 400);
  t.equal((await report(h, 2024, 'json', '&asOf=yesterday')).statusCode, 400);
  t.equal((await report(h, 2024, 'json', '&model=9')).statusCode, 404, 'an unpublished model version');
});

t.test("a year's report lists that year's operations and sessions only, sessions by their date in force after corrections", async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  for (const step of ethiopiaStory) await post(h, 'ET', step.family, step.body);
  const session = (occurredOn: string, outcomeSummary: string) => ({
    type: 'DialogueSessionHeld',
    occurredOn,
    data: { trackId: 'ET-NL-1', location: 'Addis Ababa', participants: ['NL MFA'], topics: ['return'], outcomeSummary },
    provenance,
  });
  const movedIn = await post(h, 'ET', 'dialogues', session('2023-12-30', 'Recorded in 2023, held in 2024.'));
  const movedOut = await post(h, 'ET', 'dialogues', session('2024-03-01', 'Recorded in 2024, held in 2025.'));
  await post(h, 'ET', 'dialogues', session('2024-06-01', 'Held in 2024.'));
  const correct = (eventId: string, occurredOn: string, outcomeSummary: string) =>
    post(h, 'ET', 'corrections', {
      type: 'EntryCorrected',
      occurredOn: '2025-03-01',
      data: { correctedEventId: eventId, reason: 'Wrong date', occurredOn, data: { trackId: 'ET-NL-1', location: 'Addis Ababa', participants: ['NL MFA'], topics: ['return'], outcomeSummary } },
      provenance,
    });
  await correct(movedIn.eventId, '2024-01-05', 'Recorded in 2023, held in 2024.');
  await correct(movedOut.eventId, '2025-01-10', 'Recorded in 2024, held in 2025.');
  await post(h, 'ET', 'return-operations', {
    type: 'ReturnOperationPlanned',
    occurredOn: '2023-05-01',
    data: { operationId: 'OP-2023-01', mode: 'scheduled-escorted', plannedDate: '2023-06-10', plannedReturnees: 1, organiser: 'DT&V' },
    provenance,
  });

  const countryOf = async (year: number) => (await report(h, year, 'json')).json().report.countries.find((c: { country: string }) => c.country === 'ET');
  const y2024 = await countryOf(2024);
  t.same(
    y2024.dialogueSessions.map((s: { on: string }) => s.on),
    ['2024-01-05', '2024-06-01'],
    '2024: the session corrected into the year is in, the one corrected out of it is not',
  );
  t.same(y2024.returnOperations.map((o: { operationId: string }) => o.operationId), ['OP-2024-07']);
  const y2023 = await countryOf(2023);
  t.same(y2023.dialogueSessions, [], '2023: the session corrected to 2024 is no longer there');
  t.same(y2023.returnOperations.map((o: { operationId: string }) => o.operationId), ['OP-2023-01']);
  const y2025 = await countryOf(2025);
  t.same(y2025.dialogueSessions.map((s: { on: string }) => s.on), ['2025-01-10']);
});
