import t from 'tap';
import { COUNTRY_FAMILIES } from '../../contracts/index.js';
import { ethiopiaStory } from '../helpers/facts.js';
import { bearer, startTestApp } from '../helpers/test-app.js';
import { identificationRequest } from './helpers.js';

type Who = 'deskInScope' | 'deskOutOfScope' | 'analyst' | 'auditor' | 'admin';
const WHO: Who[] = ['deskInScope', 'deskOutOfScope', 'analyst', 'auditor', 'admin'];

/**
 * The access policy of the README, written out by hand (not read from the routes): `allow` lists
 * who may call; everyone else with a valid token gets 403. Routes not listed here (read models,
 * reports, governance, imports) are still checked for authentication below.
 */
const policy: Array<{ method: 'GET' | 'POST' | 'DELETE'; url: string; allow: Who[] | 'public'; body?: () => unknown }> = [
  { method: 'GET', url: '/health', allow: 'public' },
  { method: 'GET', url: '/ready', allow: 'public' },
  { method: 'GET', url: '/v1/countries', allow: ['deskInScope', 'deskOutOfScope', 'analyst', 'auditor', 'admin'] },
  { method: 'GET', url: '/v1/countries/ET/events', allow: ['deskInScope', 'auditor', 'admin'] },
  { method: 'POST', url: '/v1/tokens', allow: ['admin'], body: () => ({ principal: 'new-analyst', role: 'analyst' }) },
  { method: 'GET', url: '/v1/tokens', allow: ['admin'] },
  { method: 'DELETE', url: '/v1/tokens/00000000-0000-4000-8000-000000000000', allow: ['admin'] },
  ...COUNTRY_FAMILIES.map((family) => ({
    method: 'POST' as const,
    url: `/v1/countries/ET/${family}`,
    allow: ['deskInScope'] as Who[],
    body: () => (family === 'requests' ? identificationRequest(`AUTH-${Math.random().toString(36).slice(2)}`) : ethiopiaStory.find((s) => s.family === family)?.body ?? {}),
  })),
];

t.test('authorisation matrix: every route x every role, scope, and broken tokens', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  const json = { 'content-type': 'application/json' };

  // Broken tokens: a revoked one (revoked over the API) and one that expires.
  const mk = async (body: unknown) => (await h.app.inject({ method: 'POST', url: '/v1/tokens', headers: { ...bearer(h.tokens.admin), ...json }, payload: body as object })).json();
  const revoked = await mk({ principal: 'desk-revoked', role: 'desk', countries: ['ET'] });
  const expiring = await mk({ principal: 'desk-expiring', role: 'desk', countries: ['ET'], expiresAt: new Date(Date.now() + 1500).toISOString() });
  const before = await h.app.inject({ method: 'GET', url: '/v1/countries', headers: bearer(expiring.token) });
  t.equal(before.statusCode, 200, 'the expiring token works before it expires');
  const del = await h.app.inject({ method: 'DELETE', url: `/v1/tokens/${revoked.tokenId}`, headers: bearer(h.tokens.admin) });
  t.equal(del.statusCode, 204, 'admin revokes a token');
  const delAgain = await h.app.inject({ method: 'DELETE', url: `/v1/tokens/${revoked.tokenId}`, headers: bearer(h.tokens.admin) });
  t.equal(delAgain.statusCode, 404, 'a revoked token cannot be revoked twice');
  await new Promise((r) => setTimeout(r, 1600));

  const broken: Record<string, Record<string, string>> = {
    missing: {},
    'malformed (Basic)': { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` },
    'malformed (no scheme)': { authorization: h.tokens.admin },
    'malformed (two tokens)': { authorization: `Bearer ${h.tokens.admin} ${h.tokens.admin}` },
    'unknown token': bearer(`rcm_${'A'.repeat(43)}`),
    revoked: bearer(revoked.token),
    expired: bearer(expiring.token),
  };
  const tokenOf: Record<Who, string> = {
    deskInScope: h.tokens.deskEtSo,
    deskOutOfScope: h.tokens.deskTn,
    analyst: h.tokens.analyst,
    auditor: h.tokens.auditor,
    admin: h.tokens.admin,
  };

  const headBefore = await h.ctx.store.headPosition();
  const tokensBefore = h.ctx.tokens.count();
  let written = 0;
  let tokensCreated = 0;
  const rows: string[] = [];
  for (const route of policy) {
    const cells: string[] = [];
    const send = (headers: Record<string, string>) =>
      h.app.inject({ method: route.method, url: route.url, headers: { ...headers, ...(route.body ? json : {}) }, ...(route.body ? { payload: route.body() as object } : {}) });
    for (const [name, headers] of Object.entries(broken)) {
      const res = await send(headers);
      if (route.allow === 'public') {
        t.equal(res.statusCode, 200, `${route.method} ${route.url} is public (${name})`);
      } else {
        t.equal(res.statusCode, 401, `${route.method} ${route.url} with ${name} token: 401`);
        t.equal(res.json().code, 'UNAUTHENTICATED');
        t.match(res.headers['www-authenticate'], /^Bearer/, '401 carries WWW-Authenticate');
      }
      cells.push(`${name}:${res.statusCode}`);
    }
    for (const who of WHO) {
      const res = await send(bearer(tokenOf[who]));
      const allowed = route.allow === 'public' || route.allow.includes(who);
      if (allowed) {
        t.notOk([401, 403].includes(res.statusCode), `${route.method} ${route.url} as ${who}: allowed (${res.statusCode} ${res.body.slice(0, 120)})`);
        if (route.method === 'POST' && res.statusCode === 201) {
          if (route.url === '/v1/tokens') tokensCreated++;
          else written++;
        }
      } else {
        t.equal(res.statusCode, 403, `${route.method} ${route.url} as ${who}: 403`);
        t.equal(res.json().code, 'FORBIDDEN');
      }
      cells.push(`${who}:${res.statusCode}`);
    }
    rows.push(`${route.method} ${route.url} ${cells.join(' ')}`);
  }
  t.equal(await h.ctx.store.headPosition(), headBefore + written, 'only the allowed desk wrote events');
  t.ok(written >= 5, `the allowed desk could write (${written} facts)`);
  t.equal(h.ctx.tokens.count(), tokensBefore + tokensCreated, 'only the admin created tokens');
  const events = await h.ctx.store.readAll();
  t.ok(events.every((e) => e.recordedBy === 'desk-horn'), 'every event names the in-scope desk as its author');
  t.comment(`authorisation matrix:\n${rows.join('\n')}`);
});

t.test('every other documented route refuses missing, malformed, revoked and expired tokens', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  await h.app.ready();
  const doc = h.app.swagger() as { paths: Record<string, Record<string, { security?: unknown[] }>> };
  const revokedToken = h.ctx.tokens.create({ principal: 'gone', role: 'admin' });
  h.ctx.tokens.revoke(revokedToken.info.tokenId);
  const expired = h.ctx.tokens.create({ principal: 'old', role: 'admin', expiresAt: new Date(Date.now() - 1000).toISOString() });
  let checked = 0;
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (Array.isArray(op.security) && op.security.length === 0) continue; // public: health, ready
      const url = path.replace(/\{country\}/g, 'ET').replace(/\{[^}]+\}/g, 'x1');
      for (const headers of [{}, { authorization: 'Bearer' }, bearer(revokedToken.token), bearer(expired.token)]) {
        const res = await h.app.inject({ method: method.toUpperCase() as 'GET', url, headers });
        t.equal(res.statusCode, 401, `${method.toUpperCase()} ${url} ${JSON.stringify(headers).slice(0, 30)}: ${res.body.slice(0, 100)}`);
      }
      checked++;
    }
  }
  t.ok(checked >= 10, `${checked} authenticated routes checked`);
  t.equal(await h.ctx.store.headPosition(), 0, 'nothing was written');
});

t.test('POST /v1/tokens refuses a token that could never be used as asked: expired at birth, or countries on a role without a country scope', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  const create = (body: object) => h.app.inject({ method: 'POST', url: '/v1/tokens', headers: { ...bearer(h.tokens.admin), 'content-type': 'application/json' }, payload: body });
  const before = h.ctx.tokens.count();
  const past = await create({ principal: 'late', role: 'analyst', expiresAt: '2020-01-01T00:00:00Z' });
  t.equal(past.statusCode, 400, past.body);
  t.match(past.json(), { code: 'VALIDATION_FAILED', errors: [{ path: 'body.expiresAt', message: 'expiresAt must be in the future' }] });
  const now = await create({ principal: 'late', role: 'analyst', expiresAt: new Date(Date.now() - 1).toISOString() });
  t.equal(now.statusCode, 400, 'an expiry a moment ago is in the past too');
  for (const role of ['analyst', 'auditor', 'admin']) {
    const scoped = await create({ principal: `scoped-${role}`, role, countries: ['ET'] });
    t.equal(scoped.statusCode, 400, `${role} with countries: ${scoped.body.slice(0, 200)}`);
    t.match(scoped.json(), { code: 'VALIDATION_FAILED', errors: [{ path: 'body.countries', message: /Only desk tokens take countries; analyst, auditor and admin tokens read every country/ }] });
  }
  t.equal(h.ctx.tokens.count(), before, 'no token was created');
  const future = await create({ principal: 'fixed-term', role: 'analyst', countries: [], expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
  t.equal(future.statusCode, 201, `a future expiry, and an empty country list, are fine: ${future.body.slice(0, 200)}`);
  const desk = await create({ principal: 'desk-new', role: 'desk', countries: ['ET'] });
  t.equal(desk.statusCode, 201, 'a desk takes countries');
});
