import { connect, type Socket } from 'node:net';
import t from 'tap';
import { gzipSync } from 'node:zlib';
import { eiordTsv } from '../unit/imports/fixtures.js';
import { bearer, startTestApp } from '../helpers/test-app.js';
import { call, identificationRequest, listenLoopback } from './helpers.js';

const problemJson = /^application\/problem\+json/;

t.test('a body over RCM_BODY_LIMIT is refused with 413 before it reaches the store', async (t) => {
  const h = await startTestApp({ RCM_BODY_LIMIT: '2048' });
  t.teardown(() => h.close());
  const body = { ...identificationRequest('BIG-1'), provenance: { sourceKind: 'nl-desk', reference: 'x'.repeat(4000), evidenceStatus: 'confirmed' } };
  const res = await h.app.inject({ method: 'POST', url: '/v1/countries/ET/requests', headers: { ...bearer(h.tokens.deskEtSo), 'content-type': 'application/json' }, payload: body });
  t.equal(res.statusCode, 413);
  t.match(res.headers['content-type'], problemJson);
  t.equal(res.json().code, 'PAYLOAD_TOO_LARGE');
  t.equal(res.json().detail, "The body is larger than this route's limit of 2048 bytes; nothing was recorded", 'the detail names the limit');
  const small = await h.app.inject({ method: 'POST', url: '/v1/countries/ET/requests', headers: { ...bearer(h.tokens.deskEtSo), 'content-type': 'application/json' }, payload: identificationRequest('SMALL-1') });
  t.equal(small.statusCode, 201, 'a body within the limit is accepted');
  t.equal(await h.ctx.store.headPosition(), 1, 'only the small fact was written');
});

t.test('per-token rate limit: 429 with Retry-After, other tokens and /health unaffected', async (t) => {
  const h = await startTestApp({ RCM_RATE_LIMIT_PER_MINUTE: '5' });
  t.teardown(() => h.close());
  const get = (token: string) => h.app.inject({ method: 'GET', url: '/v1/countries', headers: bearer(token) });
  for (let i = 0; i < 5; i++) t.equal((await get(h.tokens.analyst)).statusCode, 200, `request ${i + 1} of 5`);
  const limited = await get(h.tokens.analyst);
  t.equal(limited.statusCode, 429, 'the 6th request in the minute is refused');
  t.match(limited.headers['content-type'], problemJson);
  t.equal(limited.json().code, 'RATE_LIMITED');
  t.ok(Number(limited.headers['retry-after']) > 0, `Retry-After: ${limited.headers['retry-after']}`);
  t.equal((await get(h.tokens.auditor)).statusCode, 200, 'another token has its own budget');
  for (let i = 0; i < 8; i++) t.equal((await h.app.inject({ method: 'GET', url: '/health' })).statusCode, 200, 'health checks are not rate limited');
  const desk = await h.app.inject({ method: 'POST', url: '/v1/countries/ET/requests', headers: { ...bearer(h.tokens.deskEtSo), 'content-type': 'application/json' }, payload: identificationRequest('RL-1') });
  t.equal(desk.statusCode, 201, 'writes count per token too, and this desk has budget left');
});

t.test('rate limit: requests without a valid token count per address, so guessing tokens is throttled', async (t) => {
  const h = await startTestApp({ RCM_RATE_LIMIT_PER_MINUTE: '5' });
  t.teardown(() => h.close());
  const get = (headers: Record<string, string>, remoteAddress = '127.0.0.9') => h.app.inject({ method: 'GET', url: '/v1/countries', headers, remoteAddress });
  const statuses: number[] = [];
  // A new guess each time: were guesses keyed by their own hash, each would get a fresh budget.
  for (let i = 0; i < 4; i++) statuses.push((await get(bearer(`rcm_guess${i}${'x'.repeat(40)}`))).statusCode);
  statuses.push((await get({})).statusCode);
  t.same(statuses, [401, 401, 401, 401, 401], 'five anonymous or bad-token calls from one address are answered 401');
  const sixth = await get(bearer(`rcm_guess9${'x'.repeat(40)}`));
  t.equal(sixth.statusCode, 429, 'the sixth from that address is refused, whatever token it guesses');
  t.equal(sixth.json().code, 'RATE_LIMITED');
  t.equal((await get({}, '127.0.0.10')).statusCode, 401, 'another address has its own budget');
  t.equal((await get(bearer(h.tokens.analyst))).statusCode, 200, 'a valid token from the throttled address counts on its own budget');
  t.equal((await h.app.inject({ method: 'GET', url: '/no-such-route', remoteAddress: '127.0.0.9' })).statusCode, 429, 'unknown routes count too');
});

t.test('security headers (helmet) on API answers and on errors', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  for (const res of [await h.app.inject({ method: 'GET', url: '/health' }), await h.app.inject({ method: 'GET', url: '/v1/countries' })]) {
    t.equal(res.headers['x-content-type-options'], 'nosniff');
    t.match(res.headers['content-security-policy'], /default-src 'self'/);
    t.match(res.headers['strict-transport-security'], /max-age=\d+/);
    t.ok(res.headers['x-frame-options'], 'x-frame-options');
    t.ok(res.headers['referrer-policy'], 'referrer-policy');
    t.notOk(res.headers['x-powered-by'], 'no x-powered-by');
  }
});

t.test('overload is answered with 503 and Retry-After (under-pressure), then the service recovers', async (t) => {
  const h = await startTestApp({ RCM_MAX_EVENT_LOOP_DELAY_MS: '1' });
  t.teardown(() => h.close());
  const app = h.app as unknown as { memoryUsage(): { eventLoopDelay: number }; isUnderPressure(): boolean };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  // Block the event loop, then wait for under-pressure's next sample to see it (it samples once a second).
  const until = Date.now() + 400;
  while (Date.now() < until) {
    /* busy: simulates a stalled event loop */
  }
  for (let i = 0; i < 50 && !app.isUnderPressure(); i++) await sleep(100);
  t.ok(app.isUnderPressure(), `under pressure (event-loop delay ${app.memoryUsage().eventLoopDelay.toFixed(1)} ms)`);
  const res = await h.app.inject({ method: 'POST', url: '/v1/countries/ET/requests', headers: { ...bearer(h.tokens.deskEtSo), 'content-type': 'application/json' }, payload: identificationRequest('OVL-1') });
  t.equal(res.statusCode, 503, 'shed with 503');
  t.match(res.headers['content-type'], problemJson);
  t.equal(res.json().code, 'OVERLOADED');
  t.equal(res.headers['retry-after'], '5');
  t.equal(await h.ctx.store.headPosition(), 0, 'a shed request writes nothing');
  const health = await h.app.inject({ method: 'GET', url: '/health' });
  t.equal(health.statusCode, 200, 'liveness answers while requests are shed (an orchestrator must not restart a busy server)');
  const ready = await h.app.inject({ method: 'GET', url: '/ready' });
  t.equal(ready.statusCode, 503, 'not ready while requests are shed');
  t.match(ready.headers['content-type'], problemJson);
  t.match(ready.json(), { code: 'NOT_READY', checks: { load: { ok: false, detail: /overloaded: event-loop delay \d+ ms \(limit 1 ms\)/ }, eventStore: { ok: true } } });
  for (let i = 0; i < 50 && app.isUnderPressure(); i++) await sleep(100);
  const after = await h.app.inject({ method: 'POST', url: '/v1/countries/ET/requests', headers: { ...bearer(h.tokens.deskEtSo), 'content-type': 'application/json' }, payload: identificationRequest('OVL-1') });
  t.equal(after.statusCode, 201, 'accepted again once the pressure is gone');
  const readyAfter = await h.app.inject({ method: 'GET', url: '/ready' });
  t.match(readyAfter.json(), { checks: { load: { ok: true, detail: 'requests accepted' } } }, 'the load check passes again');
});

/** Sends raw bytes on a new connection and collects everything the server writes until it closes the connection. */
function rawExchange(port: number, bytes: string): Promise<{ answer: string; closedAfterMs: number | null }> {
  const socket = connect({ host: '127.0.0.1', port });
  const started = performance.now();
  let answer = '';
  socket.on('data', (d) => (answer += d.toString()));
  socket.on('error', () => {}); // a reset after the answer is not the test's concern
  socket.write(bytes);
  return new Promise((resolve) => {
    const guard = setTimeout(() => {
      socket.destroy();
      resolve({ answer, closedAfterMs: null });
    }, 15_000); // bound of the test, far above the configured timeouts
    socket.on('close', () => {
      clearTimeout(guard);
      resolve({ answer, closedAfterMs: performance.now() - started });
    });
  });
}

/** Status, headers and JSON body of a raw HTTP/1.1 answer. */
function parseRawAnswer(answer: string): { status: number; headers: Record<string, string>; body: any } {
  const [head = '', body = ''] = answer.split('\r\n\r\n', 2);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const at = line.indexOf(':');
    headers[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim();
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = body;
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: parsed };
}

t.test('errors of the HTTP layer, before a request reaches the routes, answer problem+json with a catalogue code', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  const port = Number(new URL(await listenLoopback(h.app)).port);
  const cases = [
    { name: 'a malformed request line', bytes: 'GARBAGE\r\n\r\n', status: 400, code: 'BAD_REQUEST' },
    { name: 'headers over the size limit', bytes: `GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'x'.repeat(20 * 1024)}\r\n\r\n`, status: 431, code: 'HEADERS_TOO_LARGE' },
  ];
  for (const c of cases) {
    const { answer, closedAfterMs } = await rawExchange(port, c.bytes);
    const res = parseRawAnswer(answer);
    t.equal(res.status, c.status, `${c.name}: ${answer.split('\r\n')[0]}`);
    t.match(res.headers['content-type'], problemJson, `${c.name}: problem+json`);
    t.match(res.body, { status: c.status, code: c.code, detail: String }, `${c.name}: ${JSON.stringify(res.body)}`);
    t.equal(Number(res.headers['content-length']), Buffer.byteLength(JSON.stringify(res.body)), `${c.name}: Content-Length matches the body`);
    t.not(closedAfterMs, null, `${c.name}: the connection is closed`);
  }
  t.equal((await call(`http://127.0.0.1:${port}`, 'GET', '/health')).status, 200, 'the server goes on answering');
});

t.test('a client that stops sending mid-request gets 408 near RCM_REQUEST_TIMEOUT_MS, body or headers', async (t) => {
  const h = await startTestApp({ RCM_REQUEST_TIMEOUT_MS: '1000' });
  t.teardown(() => h.close());
  const port = Number(new URL(await listenLoopback(h.app)).port);
  const stalls = {
    'in the body': `POST /v1/countries/ET/requests HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${h.tokens.deskEtSo}\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"type":`,
    'in the headers': `POST /v1/countries/ET/requests HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${h.tokens.deskEtSo}\r\nContent-Ty`,
  };
  for (const [where, bytes] of Object.entries(stalls)) {
    const { answer, closedAfterMs } = await rawExchange(port, bytes);
    t.not(closedAfterMs, null, `${where}: the server closed the stalled connection`);
    // Node checks every 100 ms at this limit; the idle-socket timeout (2 s) must not come first.
    t.ok(closedAfterMs !== null && closedAfterMs >= 900 && closedAfterMs < 1900, `${where}: closed after ${closedAfterMs?.toFixed(0)} ms (limit 1000 ms)`);
    const res = parseRawAnswer(answer);
    t.equal(res.status, 408, `${where}: ${answer.split('\r\n')[0] || 'connection closed without an answer'}`);
    t.match(res.headers['content-type'], problemJson, `${where}: problem+json`);
    t.match(res.body, { status: 408, code: 'REQUEST_TIMEOUT', detail: /within 1 s/ }, `${where}: ${JSON.stringify(res.body)}`);
  }
  t.equal(await h.ctx.store.headPosition(), 0, 'nothing was written');
});

t.test('an answer that takes longer than the connection inactivity timeout is delivered', async (t) => {
  // Socket inactivity timeout: 2 x RCM_REQUEST_TIMEOUT_MS = 2 s. Node destroyed the socket of a
  // request still being worked on at that point, without an answer (a cold annual report at 1M: minutes).
  const h = await startTestApp({ RCM_REQUEST_TIMEOUT_MS: '1000' });
  t.teardown(() => h.close());
  const base = await listenLoopback(h.app);
  const commands = h.ctx.commands;
  const preview = commands.preview.bind(commands);
  let delayed = false;
  commands.preview = async (country, list) => {
    if (!delayed) {
      delayed = true;
      await new Promise((r) => setTimeout(r, 3000)); // as a long parse of a large file would
    }
    return preview(country, list);
  };
  const began = performance.now();
  const res = await fetch(`${base}/v1/imports/eurostat?dataset=migr_eiord&dryRun=true`, {
    method: 'POST',
    headers: { authorization: `Bearer ${h.tokens.analyst}`, 'content-type': 'text/tab-separated-values' },
    body: eiordTsv(),
  }).then(
    async (r) => `answered ${r.status} ${JSON.stringify(await r.json())}`,
    (e: Error) => `no answer (${e.message})`,
  );
  t.ok(performance.now() - began > 2500, 'the answer came after the inactivity timeout');
  t.match(res, /^answered 200 .*"recorded":13/, res.slice(0, 200));
});

t.test('an import whose client disconnects before it is answered records nothing', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  const base = await listenLoopback(h.app);
  const serverSockets: Socket[] = [];
  h.app.server.on('connection', (s: Socket) => serverSockets.push(s));
  // The client gives up while the import checks its plan (as during a long parse of a large file);
  // the check goes on once the server has seen the connection close.
  const commands = h.ctx.commands;
  const preview = commands.preview.bind(commands);
  const gaveUp = new AbortController();
  let checked = false;
  commands.preview = async (country, list) => {
    if (!checked) {
      checked = true;
      gaveUp.abort();
      let bound: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(serverSockets.map((s) => (s.destroyed ? undefined : new Promise((r) => s.once('close', r))))),
        new Promise((r) => (bound = setTimeout(r, 15_000))),
      ]);
      clearTimeout(bound); // else it holds the test process for its 15 s
    }
    return preview(country, list);
  };
  const res = await fetch(`${base}/v1/imports/eurostat?dataset=migr_eiord`, {
    method: 'POST',
    headers: { authorization: `Bearer ${h.tokens.analyst}`, 'content-type': 'application/gzip' },
    body: gzipSync(eiordTsv()),
    signal: gaveUp.signal,
  }).then(
    (r) => `answered ${r.status}`,
    (e: Error) => `no answer (${e.message})`,
  );
  t.match(res, /^no answer/, res);
  t.ok(checked, 'the import reached its check after the connection closed');
  // Imports run one at a time: once a later one is answered, the first has ended.
  const later = await fetch(`${base}/v1/imports/eurostat?dataset=migr_eiord&dryRun=true`, {
    method: 'POST',
    headers: { authorization: `Bearer ${h.tokens.analyst}`, 'content-type': 'text/tab-separated-values' },
    body: eiordTsv(),
  });
  t.equal(later.status, 200);
  t.match(await later.json(), { recorded: 13 }, 'the later dry run would still record everything');
  t.equal(await h.ctx.store.headPosition(), 0, 'nothing was recorded behind the client\'s back');
});
