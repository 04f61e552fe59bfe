import t, { type Test } from 'tap';
import { loadConfig } from '../../src/config/config.js';
import { openContext } from '../../src/app/open-context.js';
import { buildApp } from '../../src/http/app.js';
import { startTestApp } from '../helpers/test-app.js';
import { call, identificationRequest, listenLoopback, readEventLog } from './helpers.js';

const PARALLEL = 40;

async function setup(t: Test, instances: 1 | 2) {
  const h = await startTestApp();
  const urls = [await listenLoopback(h.app)];
  let closeOther = async () => {};
  if (instances === 2) {
    // Its projections in this thread, as the first one's (test-app.ts): a second worker thread under the tests' TypeScript loader loads the sources again.
    const other = await openContext(loadConfig({ RCM_DATA_DIR: h.dir, RCM_PROJECTION_THREAD: 'main' }));
    const otherApp = await buildApp(other);
    urls.push(await listenLoopback(otherApp));
    closeOther = async () => {
      await otherApp.close();
      await other.close();
    };
  }
  t.teardown(async () => {
    await closeOther();
    await h.close();
  });
  return { h, urls, closeOther };
}

for (const instances of [1, 2] as const) {
  t.test(`the same Idempotency-Key sent ${PARALLEL}x in parallel (${instances} instance(s)): one event, one answer`, async (t) => {
    const { h, urls, closeOther } = await setup(t, instances);
    const body = identificationRequest(`IDEM-${instances}`);
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        call(urls[i % urls.length]!, 'POST', '/v1/countries/ET/requests', { token: h.tokens.deskEtSo, body, headers: { 'idempotency-key': 'same-key-1' } }),
      ),
    );
    t.same(answers.filter((a) => a.status !== 201).map((a) => a.text), [], 'every caller gets 201');
    const distinct = new Set(answers.map((a) => a.text));
    t.equal(distinct.size, 1, 'every caller gets the same response body');
    const fresh = answers.filter((a) => a.headers.get('idempotent-replayed') !== 'true');
    t.equal(fresh.length, 1, 'exactly one answer is the original, the others say Idempotent-Replayed');
    t.ok(answers.every((a) => a.headers.get('etag') === `"${a.body.streamRevision}"`), 'replays carry the same ETag');
    await closeOther();
    await h.ctx.store.close();
    const log = await readEventLog(h.dir);
    t.equal(log.events.length, 1, 'exactly one event was appended');
    t.equal(log.events[0]?.eventId, answers[0]!.body.eventId, 'and it is the one every caller was told about');
    t.comment(`idempotency, ${instances} instance(s): ${PARALLEL} parallel requests, ${log.events.length} event, ${distinct.size} distinct response`);
  });

  t.test(`the same key with different bodies in parallel (${instances} instance(s)): one fact, the rest 422`, async (t) => {
    const { h, urls, closeOther } = await setup(t, instances);
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        call(urls[i % urls.length]!, 'POST', '/v1/countries/ET/requests', {
          token: h.tokens.deskEtSo,
          body: identificationRequest(`KEYREUSE-${i % 4}`),
          headers: { 'idempotency-key': 'same-key-2' },
        }),
      ),
    );
    const ok = answers.filter((a) => a.status === 201);
    const reused = answers.filter((a) => a.status === 422);
    t.equal(ok.length + reused.length, PARALLEL, `only 201 or 422: ${answers.map((a) => a.status).join(',')}`);
    t.equal(new Set(ok.map((a) => a.body.eventId)).size, 1, 'every 201 names the same event');
    t.ok(reused.every((a) => a.body?.code === 'IDEMPOTENCY_KEY_REUSED'), 'each 422 is IDEMPOTENCY_KEY_REUSED');
    await closeOther();
    await h.ctx.store.close();
    const log = await readEventLog(h.dir);
    t.equal(log.events.length, 1, 'exactly one event was appended');
    t.ok(ok.every((a) => a.body.eventId === log.events[0]!.eventId), 'the stored fact is the one the 201s report');
  });
}

t.test('keys are per principal: two desks may use the same key for their own facts', async (t) => {
  const { h, urls } = await setup(t, 1);
  const a = await call(urls[0]!, 'POST', '/v1/countries/ET/requests', { token: h.tokens.deskEtSo, body: identificationRequest('PP-1'), headers: { 'idempotency-key': 'k' } });
  const b = await call(urls[0]!, 'POST', '/v1/countries/TN/requests', { token: h.tokens.deskTn, body: identificationRequest('PP-2'), headers: { 'idempotency-key': 'k' } });
  t.equal(a.status, 201);
  t.equal(b.status, 201);
  t.not(a.body.eventId, b.body.eventId, 'two facts, not a replay across principals');
});
