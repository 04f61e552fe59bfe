import t, { type Test } from 'tap';
import { loadConfig } from '../../src/config/config.js';
import { openContext } from '../../src/app/open-context.js';
import { buildApp } from '../../src/http/app.js';
import { errorCatalogue } from '../../src/errors/catalogue.js';
import { startTestApp } from '../helpers/test-app.js';
import { call, identificationRequest, listenLoopback, pool, readEventLog, type HttpAnswer } from './helpers.js';

/** Two API instances on one data directory: only the store's expected-revision check stands between their writers. */
async function twoInstances(t: Test) {
  const h = await startTestApp();
  // Its projections in this thread, as the first one's (test-app.ts): a second worker thread under the tests' TypeScript loader loads the sources again.
  const other = await openContext(loadConfig({ RCM_DATA_DIR: h.dir, RCM_PROJECTION_THREAD: 'main' }));
  const otherApp = await buildApp(other);
  t.teardown(async () => {
    await otherApp.close();
    await other.close();
    await h.close();
  });
  const urls = [await listenLoopback(h.app), await listenLoopback(otherApp)];
  return { h, urls };
}

/** A refusal is "explained" when it is problem+json with a catalogued code whose status matches. */
function explained(res: HttpAnswer): boolean {
  const code = res.body?.code as keyof typeof errorCatalogue | undefined;
  return (
    /^application\/problem\+json/.test(res.headers.get('content-type') ?? '') &&
    code !== undefined &&
    errorCatalogue[code]?.status === res.status &&
    typeof res.body.detail === 'string'
  );
}

async function revisionsOf(dir: string, streamId: string) {
  const log = await readEventLog(dir);
  return { log, events: log.events.filter((e) => e.streamId === streamId) };
}

t.test('parallel writers without If-Match: every fact recorded once, revisions without gaps', async (t) => {
  const { h, urls } = await twoInstances(t);
  const N = 240;
  const ids = Array.from({ length: N }, (_, i) => `PAR-${i}`);
  let conflicts = 0;
  const answers = await pool(ids, 24, async (id, i) => {
    for (;;) {
      const res = await call(urls[i % 2]!, 'POST', '/v1/countries/ET/requests', { token: h.tokens.deskEtSo, body: identificationRequest(id) });
      // Two instances racing may exhaust the bounded retries: a 409 REVISION_CONFLICT tells the client to send again.
      if (res.status === 409 && res.body?.code === 'REVISION_CONFLICT') {
        conflicts++;
        continue;
      }
      return res;
    }
  });
  t.same(answers.filter((a) => a.status !== 201).map((a) => a.text), [], 'every write was accepted');
  const revisions = answers.map((a) => a.body.streamRevision as number).sort((a, b) => a - b);
  t.same(revisions, Array.from({ length: N }, (_, i) => i), 'acknowledged revisions are 0..N-1: no gap, no duplicate');
  await h.ctx.store.close(); // flush before reading the file from a fresh connection
  const { log, events } = await revisionsOf(h.dir, 'country-ET');
  t.ok(log.verification.ok, 'the chain verifies');
  t.same(events.map((e) => e.streamRevision), revisions, 'the log holds exactly those revisions');
  t.same(new Set(events.map((e) => e.data['requestId'])), new Set(ids), 'no lost update: every request is in the log');
  t.comment(`parallel writers, 2 instances: ${N} facts, ${conflicts} REVISION_CONFLICT answers retried by the client`);
});

t.test('parallel writers with If-Match: 412 when the stream moved, never a lost update', async (t) => {
  const { h, urls } = await twoInstances(t);
  const WRITERS = 12;
  const EACH = 8;
  let preconditionFailed = 0;
  const unexplained: string[] = [];
  const head = async (url: string) => {
    const page = await call(url, 'GET', '/v1/countries/SO/events?fromRevision=0&limit=1000', { token: h.tokens.deskEtSo });
    const events = page.body.events as Array<{ streamRevision: number }>;
    return events.length === 0 ? -1 : events[events.length - 1]!.streamRevision;
  };
  // If-Match names a revision, so the stream needs one first ("-1" for an empty stream is not valid).
  const seed = await call(urls[0]!, 'POST', '/v1/countries/SO/requests', { token: h.tokens.deskEtSo, body: identificationRequest('IFM-seed') });
  t.equal(seed.status, 201);
  const landed: number[] = [0];
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      const url = urls[w % 2]!;
      let seen = await head(url);
      for (let i = 0; i < EACH; ) {
        const res = await call(url, 'POST', '/v1/countries/SO/requests', {
          token: h.tokens.deskEtSo,
          body: identificationRequest(`IFM-${w}-${i}`),
          headers: { 'if-match': `"${seen}"` },
        });
        if (res.status === 201) {
          t.equal(res.headers.get('etag'), `"${res.body.streamRevision}"`, 'ETag names the new revision');
          t.equal(res.body.streamRevision, seen + 1, 'an If-Match write lands right after the revision it named');
          landed.push(res.body.streamRevision);
          seen = res.body.streamRevision;
          i++;
        } else if (res.status === 412 && res.body?.code === 'PRECONDITION_FAILED' && explained(res)) {
          preconditionFailed++;
          seen = await head(url); // reload and decide again
        } else {
          unexplained.push(`${res.status} ${res.text}`);
          return;
        }
      }
    }),
  );
  t.same(unexplained, [], 'every refusal is a 412 PRECONDITION_FAILED');
  t.ok(preconditionFailed > 0, `writers did race (${preconditionFailed} x 412)`);
  t.same(landed.sort((a, b) => a - b), Array.from({ length: WRITERS * EACH + 1 }, (_, i) => i), 'revisions 0..N without gaps or duplicates');
  await h.ctx.store.close();
  const { log, events } = await revisionsOf(h.dir, 'country-SO');
  t.ok(log.verification.ok, 'the chain verifies');
  t.equal(events.length, WRITERS * EACH + 1, 'nothing extra was written by a refused request');
  t.comment(`If-Match writers: ${WRITERS * EACH} facts recorded, ${preconditionFailed} answered 412 and retried after a reload`);
});

t.test('racing answers to one request: exactly one wins, the others are 409 with the rule that refused them', async (t) => {
  const { h, urls } = await twoInstances(t);
  const submit = await call(urls[0]!, 'POST', '/v1/countries/ET/requests', { token: h.tokens.deskEtSo, body: identificationRequest('RACE-1') });
  t.equal(submit.status, 201);
  const outcomes = ['identified-national', 'not-national', 'inconclusive'];
  const answers = await Promise.all(
    Array.from({ length: 30 }, (_, i) =>
      call(urls[i % 2]!, 'POST', '/v1/countries/ET/requests', {
        token: h.tokens.deskEtSo,
        body: { ...identificationRequest('RACE-1', '2024-03-05'), type: 'IdentificationRequestAnswered', data: { requestId: 'RACE-1', outcome: outcomes[i % 3] } },
      }),
    ),
  );
  const won = answers.filter((a) => a.status === 201);
  const refused = answers.filter((a) => a.status === 409);
  t.equal(won.length, 1, 'exactly one answer is recorded');
  t.equal(refused.length, answers.length - 1, 'every other answer is refused');
  t.ok(refused.every((a) => explained(a) && a.body.code === 'REQUEST_ALREADY_ANSWERED'), 'each 409 names REQUEST_ALREADY_ANSWERED');
  await h.ctx.store.close();
  const { events } = await revisionsOf(h.dir, 'country-ET');
  t.same(events.map((e) => e.type), ['IdentificationRequestSubmitted', 'IdentificationRequestAnswered'], 'the log has one submission and one answer');
});

t.test('If-Match naming the true head is accepted by an instance whose cache is behind (another instance wrote)', async (t) => {
  const { h, urls } = await twoInstances(t);
  const post = (url: string, id: string, headers: Record<string, string> = {}) =>
    call(url, 'POST', '/v1/countries/TN/requests', { token: h.tokens.deskTn, body: identificationRequest(id), headers });
  t.equal((await post(urls[1]!, 'STALE-0')).status, 201, 'instance B writes revision 0 (and caches it)');
  t.equal((await post(urls[0]!, 'STALE-1')).status, 201, 'instance A writes revision 1');
  const res = await post(urls[1]!, 'STALE-2', { 'if-match': '"1"' });
  t.equal(res.status, 201, `If-Match "1" is the true head: ${res.text}`);
  t.equal(res.body?.streamRevision, 2);
  const old = await post(urls[1]!, 'STALE-3', { 'if-match': '"1"' });
  t.equal(old.status, 412, 'an If-Match behind the head is still refused');
  t.equal(old.body?.code, 'PRECONDITION_FAILED');
});

t.test('an instance whose cache is behind does not refuse a fact that the current state allows', async (t) => {
  const { h, urls } = await twoInstances(t);
  const desk = await call(urls[0]!, 'POST', '/v1/tokens', { token: h.tokens.admin, body: { principal: 'desk-dz', role: 'desk', countries: ['DZ'] } });
  const token = desk.body.token as string;
  const postAs = (url: string, body: unknown) => call(url, 'POST', '/v1/countries/DZ/requests', { token, body });
  t.equal((await postAs(urls[1]!, identificationRequest('DZ-1'))).status, 201, 'instance B records DZ-1 and caches the stream');
  t.equal((await postAs(urls[0]!, identificationRequest('DZ-2'))).status, 201, 'instance A records DZ-2');
  const answer = { ...identificationRequest('DZ-2', '2024-03-09'), type: 'IdentificationRequestAnswered', data: { requestId: 'DZ-2', outcome: 'not-national' } };
  const res = await postAs(urls[1]!, answer);
  t.equal(res.status, 201, `B answers DZ-2, recorded through A: ${res.text}`);
  const again = await postAs(urls[1]!, answer);
  t.equal(again.status, 409, 'a second answer is still refused');
  t.equal(again.body?.code, 'REQUEST_ALREADY_ANSWERED');
});
