import t from 'tap';
import { MAX_JSON_DEPTH } from '../../../src/http/json-body.js';
import { ethiopiaStory } from '../../helpers/facts.js';
import { bearer, provenance, startTestApp } from '../../helpers/test-app.js';

/** Findings of the security review, each driven through the real app. */

t.test('a body nested deeper than the limit is refused by the body parser (it was a 500 with an Idempotency-Key)', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  const first = ethiopiaStory[0]!;
  const created = await h.app.inject({ method: 'POST', url: `/v1/countries/ET/${first.family}`, headers: bearer(h.tokens.deskEtSo), payload: first.body });
  t.equal(created.statusCode, 201);
  const correction = (depth: number) =>
    `{"type":"EntryCorrected","occurredOn":"2024-01-01","data":{"correctedEventId":"${created.json().eventId}","reason":"x",` +
    `"data":{"title":${'['.repeat(depth)}${']'.repeat(depth)}}},"provenance":${JSON.stringify(provenance)}}`;
  const post = (body: string, key: string) =>
    h.app.inject({ method: 'POST', url: '/v1/countries/ET/corrections', headers: { ...bearer(h.tokens.deskEtSo), 'content-type': 'application/json', 'idempotency-key': key }, payload: body });

  for (const depth of [MAX_JSON_DEPTH, 20_000]) {
    const res = await post(correction(depth), `deep-${depth}`);
    t.equal(res.statusCode, 400, `${depth} levels of arrays inside the body`);
    t.equal(res.json().code, 'VALIDATION_FAILED');
    t.match(res.json().detail, `more than ${MAX_JSON_DEPTH} levels deep`);
  }
  // Just inside the limit the body reaches its schema, which names what is wrong with it.
  const inside = await post(correction(MAX_JSON_DEPTH - 4), 'inside');
  t.equal(inside.statusCode, 400);
  t.match(inside.json().detail, 'The corrected data does not match DialogueTrackOpened');

  const events = await h.app.inject({ url: '/v1/countries/ET/events', headers: bearer(h.tokens.deskEtSo) });
  t.equal(events.json().events.length, 1, 'nothing was recorded');
});

t.test('a source URL that is not http(s) is refused, and reports never link one', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  // A readmission request of the report's year: evidence behind an indicator, listed with its source.
  const submitted = ethiopiaStory.find((s) => s.body.type === 'ReadmissionRequestSubmitted')!.body;
  const request = (requestId: string, source: Record<string, string>) => ({ ...submitted, data: { ...submitted.data, requestId }, provenance: { ...provenance, ...source } });
  const post = (body: unknown) => h.app.inject({ method: 'POST', url: '/v1/countries/ET/requests', headers: bearer(h.tokens.deskEtSo), payload: body as object });
  for (const url of ['javascript:alert(document.domain)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)']) {
    const res = await post(request('NL-RR-0009', { url }));
    t.equal(res.statusCode, 400, url);
    t.same(res.json().errors.map((e: { path: string }) => e.path), ['body.provenance.url']);
  }

  // A fact recorded before the rule (the command service takes what the route validated): its URL is text, not a link.
  await h.ctx.commands.record({ country: 'ET', principalId: 'desk-horn', command: request('NL-RR-0001', { reference: '<img src=x onerror=alert(1)>', url: 'javascript:alert(document.domain)' }) });
  t.equal((await post(request('NL-RR-0002', { reference: 'Visa Code', url: 'https://eur-lex.europa.eu/eli/reg/2019/1155/oj' }))).statusCode, 201, 'an https source is recorded');

  const report = (format: string) => h.app.inject({ url: `/v1/reports/annual/2024?format=${format}&evidence=full&frozen=false`, headers: bearer(h.tokens.analyst) });
  const html = (await report('html')).body;
  t.match(html, '&lt;img src=x onerror=alert(1)&gt;', 'the reference is text');
  t.notMatch(html, /javascript:/i, 'no javascript: link in the HTML report');
  t.match(html, '<a href="https://eur-lex.europa.eu/eli/reg/2019/1155/oj">Visa Code</a>', 'an https source stays a link');
  const md = (await report('md')).body;
  t.match(md, '\\<img src=x onerror=alert(1)>', 'escaped, the reference reads as typed');
  t.notMatch(md, /[^\\]<img/, 'no raw HTML from a desk in the Markdown report');
});

t.test('answers behind a token are kept by no cache; the report is revalidated', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  const created = await h.app.inject({ method: 'POST', url: '/v1/tokens', headers: bearer(h.tokens.admin), payload: { principal: 'desk-new', role: 'desk', countries: ['ET'] } });
  t.equal(created.statusCode, 201);
  t.equal(created.headers['cache-control'], 'no-store', "a new token's secret");
  for (const [url, token, status] of [
    ['/v1/tokens', h.tokens.admin, 200],
    ['/v1/countries/ET/profile', h.tokens.deskEtSo, 200],
    ['/v1/countries', h.tokens.analyst, 200],
    ['/v1/countries/TN/timeline', h.tokens.deskEtSo, 403],
    ['/v1/audit/events', undefined, 401],
  ] as const) {
    const res = await h.app.inject({ url, headers: token ? bearer(token) : {} });
    t.equal(res.statusCode, status, url);
    t.equal(res.headers['cache-control'], 'no-store', `${url} (${status})`);
  }
  const report = await h.app.inject({ url: '/v1/reports/annual/2024', headers: bearer(h.tokens.analyst) });
  t.equal(report.headers['cache-control'], 'private, no-cache', 'the report keeps its validators: a browser may keep it, no shared cache');
});
