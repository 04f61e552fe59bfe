import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import t from 'tap';
import { errorCatalogue } from '../../src/errors/catalogue.js';
import { ethiopiaStory } from '../helpers/facts.js';
import { provenance, startTestApp, type TestApp } from '../helpers/test-app.js';
import { identificationRequest } from './helpers.js';

type Method = 'GET' | 'POST' | 'DELETE' | 'PUT' | 'PATCH';
interface Route {
  method: Method;
  url: string;
}

/** Every documented route of the app (the OpenAPI document lists all of them, read routes included once they land). */
async function documentedRoutes(h: TestApp): Promise<Route[]> {
  await h.app.ready();
  const doc = h.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  const out: Route[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const method of Object.keys(ops)) {
      if (['get', 'post', 'delete', 'put', 'patch'].includes(method)) out.push({ method: method.toUpperCase() as Method, url: path.replace(/\{(\w+)\}/g, ':$1') });
    }
  }
  return out;
}

const statistics = {
  type: 'ReadmissionStatisticsReported',
  occurredOn: '2024-01-15',
  data: { period: '2023', reportingScope: 'NL', submitted: 10, accepted: 4, travelDocsIssued: 3, source: 'desk' },
  provenance,
};

/** A valid body per family, the base that every mutation below breaks in one way. */
const validBases: Record<string, Record<string, unknown>> = { statistics };
for (const step of ethiopiaStory) validBases[step.family] ??= step.body as unknown as Record<string, unknown>;
validBases['requests'] = identificationRequest('HOSTILE-1');
validBases['tokens'] = { principal: 'someone', role: 'desk', countries: ['ET'] };

const deep = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const huge = 'x'.repeat(100_000);

/** Each mutation turns a valid body into an invalid request (as JSON text or raw bytes). */
const mutations: Record<string, (base: Record<string, unknown>) => string | Buffer> = {
  'impossible date 2024-02-30': (b) => JSON.stringify({ ...b, occurredOn: '2024-02-30', expiresAt: '2024-02-30T00:00:00Z' }),
  'date 2023-02-29': (b) => JSON.stringify({ ...b, occurredOn: '2023-02-29', expiresAt: '2023-02-29T10:00:00Z' }),
  'date in the wrong format': (b) => JSON.stringify({ ...b, occurredOn: '1/2/2024', expiresAt: 'tomorrow' }),
  '__proto__ key at the top': (b) => JSON.stringify(b).replace(/^\{/, '{"__proto__":{"role":"admin"},'),
  '__proto__ key inside data': (b) => JSON.stringify({ ...b, data: {} }).replace('"data":{', '"data":{"__proto__":{"x":1}'),
  'constructor.prototype key': (b) => JSON.stringify(b).replace(/^\{/, '{"constructor":{"prototype":{"isAdmin":true}},'),
  'negative count': () => JSON.stringify({ ...statistics, data: { ...statistics.data, submitted: -5, accepted: -1 }, role: 'nobody' }),
  'accepted > submitted': () => JSON.stringify({ ...statistics, data: { ...statistics.data, submitted: 3, accepted: 4 }, role: 'nobody' }),
  'count as a fraction': () => JSON.stringify({ ...statistics, data: { ...statistics.data, submitted: 1.5 }, role: 'nobody' }),
  'huge number literal': (b) => JSON.stringify({ ...b, role: 'x' }).replace(/"occurredOn":"[^"]*"/, '"occurredOn":1e400').replace('"role":"x"', '"role":1e400'),
  'count beyond range': () => JSON.stringify({ ...statistics, data: { ...statistics.data, submitted: 1e300, travelDocsIssued: 9007199254740993 }, role: 'x' }),
  'NaN literal': (b) => JSON.stringify(b).replace(/^\{/, '{"n":NaN,'),
  'Infinity literal': (b) => JSON.stringify(b).replace(/^\{/, '{"n":-Infinity,'),
  'NaN-ish strings for numbers': () => JSON.stringify({ ...statistics, data: { ...statistics.data, submitted: 'NaN', accepted: '1e3' }, role: 'NaN' }),
  'string of 100k characters': (b) => JSON.stringify({ ...b, provenance: { ...provenance, reference: huge }, principal: huge }),
  'deep nesting in data': (b) => JSON.stringify({ ...b, data: 'X', principal: 'X' }).replace(/"data":"X"|"principal":"X"/, (m) => m.replace('"X"', deep(5000))),
  'deep nesting as the body': () => deep(20_000),
  'unknown field': (b) => JSON.stringify({ ...b, isAdmin: true }),
  'lone surrogate': (b) => JSON.stringify(b).replace(/^\{/, '{"note":"\\ud800",'),
  'invalid UTF-8 bytes': (b) => {
    const text = JSON.stringify(b);
    const cut = text.indexOf('"', 2) + 1;
    return Buffer.concat([Buffer.from(text.slice(0, cut)), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from(text.slice(cut))]);
  },
  'truncated JSON': (b) => JSON.stringify(b).slice(0, -3),
  'array instead of object': (b) => JSON.stringify([b]),
  'null body': () => 'null',
  'empty body': () => '',
  'type of another family or unknown': (b) => JSON.stringify({ ...b, type: b['type'] === 'ReturnDecisionsReported' ? 'DialogueTrackOpened' : 'ReturnDecisionsReported', role: 'root' }),
  'wrong field types': (b) => JSON.stringify({ ...b, data: [], provenance: 'desk', occurredOn: 20240101, principal: 7, role: ['admin'] }),
};

const contentTypes = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  undefined,
];

const pathParams = ['ET', 'ET', 'ET', 'et', 'IQ', 'XX', '__proto__', 'constructor', '..', '%2e%2e', '%00', '%ff%fe', '%E0%A4%A', 'E%0D%0AT', 'A'.repeat(300), '-1', 'NaN', '1e400'];
const queryKeys = ['fromRevision', 'limit', 'minPosition', 'asOf', 'from', 'to', 'family', 'year', 'quarter', 'cursor', '__proto__', 'constructor[prototype][x]', 'a[b][c]'];
const queryValues = ['-1', '-0', 'NaN', 'Infinity', '1e400', '99999999999999999999', '0x10', '2024-02-30', '2024-02-30T25:00:00Z', '', '[]', '{}', '%00', huge.slice(0, 5000)];
const headerValues = ['\u0000', 'a\r\nSet-Cookie: x=1', '"-1"', '*', 'W/"x"', '"1e400"', '"99999999999999999999"', 'x'.repeat(300), '\u00ff\u00fe', ''];

t.test('hostile input against every route: never a 5xx, always problem+json, nothing written', async (t) => {
  const h = await startTestApp({ RCM_RATE_LIMIT_PER_MINUTE: '10000000' });
  t.teardown(() => h.close());
  const routes = await documentedRoutes(h);
  t.ok(routes.some((r) => r.url === '/v1/countries/:country/events'), 'the event-history route is enumerated');
  t.ok(routes.some((r) => r.url === '/v1/tokens/:tokenId' && r.method === 'DELETE'), 'the token routes are enumerated');
  t.ok(routes.some((r) => r.url === '/v1/countries/:country/requests'), 'the fact routes are enumerated');
  const tokens = Object.values(h.tokens);
  const headBefore = await h.ctx.store.headPosition();
  const tokensBefore = JSON.stringify(h.ctx.tokens.list());
  const statuses = new Map<number, number>();

  const request = fc.record({
    route: fc.constantFrom(...routes),
    params: fc.array(fc.oneof(fc.constantFrom(...pathParams), fc.string({ maxLength: 12 }).map(encodeURIComponent)), { minLength: 2, maxLength: 2 }),
    query: fc.dictionary(fc.constantFrom(...queryKeys), fc.oneof(fc.constantFrom(...queryValues), fc.string({ maxLength: 10 })), { maxKeys: 4 }),
    duplicateQuery: fc.boolean(),
    token: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...tokens) }, { weight: 1, arbitrary: fc.constantFrom('', 'Bearer', 'Bearer  x', `Basic ${tokens[0]}`, 'Bearer rcm_\u0000', `Bearer ${tokens[0]}\r\nX: y`) }),
    contentType: fc.constantFrom(...contentTypes),
    mutation: fc.constantFrom(...Object.keys(mutations)),
    family: fc.constantFrom(...Object.keys(validBases)),
    idempotencyKey: fc.option(fc.constantFrom(...headerValues), { nil: undefined }),
    ifMatch: fc.option(fc.constantFrom(...headerValues), { nil: undefined }),
    requestId: fc.option(fc.constantFrom(...headerValues), { nil: undefined }),
  });

  await fc.assert(
    fc.asyncProperty(request, async (r) => {
      let i = 0;
      const url = r.route.url.replace(/:(\w+)/g, () => r.params[i++]!);
      const qs = new URLSearchParams(Object.entries(r.query));
      if (r.duplicateQuery) for (const [k, v] of Object.entries(r.query)) qs.append(k, v);
      const family = /\/v1\/countries\/:country\/([a-z-]+)$/.exec(r.route.url)?.[1] ?? (r.route.url.startsWith('/v1/tokens') ? 'tokens' : r.family);
      const payload = r.route.method === 'GET' || r.route.method === 'DELETE' ? undefined : mutations[r.mutation]!(validBases[family] ?? validBases[r.family]!);
      const headers: Record<string, string> = {};
      if (r.token) headers['authorization'] = r.token.startsWith('Bearer') || r.token.startsWith('Basic') ? r.token : `Bearer ${r.token}`;
      if (r.contentType && payload !== undefined) headers['content-type'] = r.contentType;
      if (r.idempotencyKey !== undefined) headers['idempotency-key'] = r.idempotencyKey;
      if (r.ifMatch !== undefined) headers['if-match'] = r.ifMatch;
      if (r.requestId !== undefined) headers['x-request-id'] = r.requestId;
      const res = await h.app.inject({ method: r.route.method, url: `${url}${qs.size ? `?${qs}` : ''}`, headers, ...(payload === undefined ? {} : { payload }) });
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      const where = `${r.route.method} ${url} [${r.mutation}] -> ${res.statusCode} ${res.body.slice(0, 300)}`;
      if (res.statusCode >= 500) throw new Error(`5xx: ${where}`);
      if (r.route.method !== 'GET' && res.statusCode < 300) throw new Error(`a hostile write was accepted: ${where}`);
      if (res.statusCode >= 400) {
        if (!/^application\/problem\+json/.test(String(res.headers['content-type']))) throw new Error(`not problem+json: ${where}`);
        const p = res.json() as { status: number; code: keyof typeof errorCatalogue; detail: string };
        if (p.status !== res.statusCode || errorCatalogue[p.code]?.status !== res.statusCode || typeof p.detail !== 'string') {
          throw new Error(`problem does not match its status or the catalogue: ${where}`);
        }
      }
      if (String(res.headers['set-cookie'] ?? '') !== '' || Object.keys(res.headers).some((k) => k.toLowerCase() === 'x')) {
        throw new Error(`a request header leaked into the response headers: ${where}`);
      }
    }),
    { numRuns: 600, seed: Number(process.env['RCM_FC_SEED'] ?? Date.now() % 2 ** 31) },
  );
  t.equal(await h.ctx.store.headPosition(), headBefore, 'nothing was written to the event store');
  t.equal(JSON.stringify(h.ctx.tokens.list()), tokensBefore, 'no token was created or revoked');
  t.comment(`hostile input: 600 requests over ${routes.length} routes; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
});

t.test('each hostile body is refused on the fact routes it targets, with the expected code', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  const expected: Record<string, string> = {
    'impossible date 2024-02-30': 'VALIDATION_FAILED',
    '__proto__ key at the top': 'MALFORMED_JSON',
    '__proto__ key inside data': 'MALFORMED_JSON',
    'constructor.prototype key': 'MALFORMED_JSON',
    'negative count': 'VALIDATION_FAILED',
    'accepted > submitted': 'VALIDATION_FAILED',
    'lone surrogate': 'MALFORMED_JSON',
    'invalid UTF-8 bytes': 'MALFORMED_JSON',
    'NaN literal': 'MALFORMED_JSON',
    'deep nesting as the body': 'VALIDATION_FAILED',
    'string of 100k characters': 'VALIDATION_FAILED',
  };
  for (const [name, code] of Object.entries(expected)) {
    const family = name.includes('count') || name.includes('accepted') ? 'statistics' : 'requests';
    const res = await h.app.inject({
      method: 'POST',
      url: `/v1/countries/ET/${family}`,
      headers: { authorization: `Bearer ${h.tokens.deskEtSo}`, 'content-type': 'application/json' },
      payload: mutations[name]!(validBases[family]!),
    });
    t.equal(res.statusCode, 400, `${name}: ${res.body.slice(0, 200)}`);
    t.equal(res.json().code, code, name);
    // These bodies are valid JSON: the answer names the refused keys instead of calling them invalid.
    if (/__proto__|constructor/.test(name)) t.match(res.json().detail, /valid JSON but has a key named "__proto__".*not accepted/, `${name}: ${res.json().detail}`);
  }
  const notJson = await h.app.inject({
    method: 'POST',
    url: '/v1/countries/ET/requests',
    headers: { authorization: `Bearer ${h.tokens.deskEtSo}`, 'content-type': 'application/json' },
    payload: '{"__proto__":{"x":1},',
  });
  t.match(notJson.json(), { code: 'MALFORMED_JSON', detail: /not valid JSON/ }, 'a truncated body with such a key is still called invalid JSON');
  const latin1 = await h.app.inject({
    method: 'POST',
    url: '/v1/countries/ET/requests',
    headers: { authorization: `Bearer ${h.tokens.deskEtSo}`, 'content-type': 'application/json; charset=latin1' },
    payload: JSON.stringify(validBases['requests']),
  });
  t.equal(latin1.statusCode, 415, 'JSON in another charset is refused');
  const badUrl = await h.app.inject({ method: 'GET', url: '/v1/countries/%E0%A4%A/events', headers: { authorization: `Bearer ${h.tokens.auditor}` } });
  t.equal(badUrl.statusCode, 400);
  t.match(badUrl.headers['content-type'], /^application\/problem\+json/, 'a malformed URL is answered with problem+json too');
  t.equal(await h.ctx.store.headPosition(), 0, 'nothing was written');
});

t.test('a request Content-Encoding other than identity is refused with 415 before the body is read', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  const json = JSON.stringify(validBases['requests']);
  const post = (encoding: string | undefined, payload: string | Buffer) =>
    h.app.inject({
      method: 'POST',
      url: '/v1/countries/ET/requests',
      headers: { authorization: `Bearer ${h.tokens.deskEtSo}`, 'content-type': 'application/json', ...(encoding === undefined ? {} : { 'content-encoding': encoding }) },
      payload,
    });
  for (const [encoding, payload] of [
    ['br', json],
    ['gzip', gzipSync(json)],
    ['GZIP', gzipSync(json)],
    ['identity, gzip', gzipSync(json)],
    ['x-unknown', json],
  ] as const) {
    const res = await post(encoding, payload);
    t.equal(res.statusCode, 415, `Content-Encoding: ${encoding}: ${res.body.slice(0, 200)}`);
    t.match(res.headers['content-type'], /^application\/problem\+json/);
    t.match(res.json(), { code: 'UNSUPPORTED_CONTENT_ENCODING', detail: /send the body uncompressed/ }, encoding);
    t.equal(res.headers['accept-encoding'], 'identity', 'the 415 says which coding is accepted (RFC 9110)');
  }
  t.equal(await h.ctx.store.headPosition(), 0, 'nothing was written');
  const unauthenticated = await h.app.inject({ method: 'POST', url: '/v1/countries/ET/requests', headers: { 'content-type': 'application/json', 'content-encoding': 'br' }, payload: json });
  t.equal(unauthenticated.statusCode, 401, 'authentication is checked first');
  t.equal((await post('identity', json)).statusCode, 201, 'identity is no coding: accepted');
  t.equal((await post(undefined, JSON.stringify(identificationRequest('HOSTILE-2')))).statusCode, 201, 'no Content-Encoding: accepted');
});
