import t from 'tap';
import { ethiopiaStory } from '../../helpers/facts.js';
import { bearer, provenance, startTestApp, type TestApp } from '../../helpers/test-app.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function post(h: TestApp, family: string, body: unknown): Promise<string> {
  const res = await h.app.inject({ method: 'POST', url: `/v1/countries/ET/${family}`, headers: { ...bearer(h.tokens.deskEtSo), 'content-type': 'application/json' }, payload: body as Record<string, unknown> });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json().eventId;
}

t.test('profile, timeline and scorecard ?asOf= answer exactly what the live read side answered then', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  const ids: Record<string, string> = {};
  for (const step of ethiopiaStory) ids[step.body.type] = await post(h, step.family, step.body);
  const head = await h.ctx.store.headPosition();
  const get = async (url: string) => {
    const res = await h.app.inject({ method: 'GET', url, headers: bearer(h.tokens.analyst) });
    t.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
    return res.json();
  };
  const urls = ['/v1/countries/ET/profile', '/v1/countries/ET/timeline?limit=500', '/v1/countries/ET/scorecards/2024', '/v1/countries/ET/timeline?family=instruments&limit=2'];
  const then: unknown[] = [];
  for (const u of urls) then.push(await get(`${u}${u.includes('?') ? '&' : '?'}minPosition=${head}`));
  const cutoff = new Date().toISOString();

  await sleep(5);
  await post(h, 'corrections', {
    type: 'EntryCorrected',
    occurredOn: '2024-03-01',
    data: { correctedEventId: ids['ReadmissionRequestAnswered'], reason: 'was rejected', data: { requestId: 'NL-RR-0001', outcome: 'rejected' } },
    provenance,
  });
  await post(h, 'dialogues', { type: 'DialogueSessionHeld', occurredOn: '2024-06-01', data: { trackId: 'ET-NL-1', outcomeSummary: 'Later session.' }, provenance });

  for (const [i, u] of urls.entries()) {
    const asOf = await get(`${u}${u.includes('?') ? '&' : '?'}asOf=${encodeURIComponent(cutoff)}`);
    t.same(asOf, then[i], `${u} as of the cutoff equals the live answer then`);
  }
  const nowTimeline = await get(`/v1/countries/ET/timeline?limit=500&minPosition=${head + 2}`);
  t.equal(nowTimeline.entries.length, ethiopiaStory.length + 2, 'the live timeline moved on');

  const early = await get('/v1/countries/ET/profile?asOf=2001-01-01');
  t.equal(early.asOfDate, '2001-01-01');
  t.equal(early.position, 0);
  t.same(early.instruments, []);
  const bad = await h.app.inject({ method: 'GET', url: '/v1/countries/ET/profile?asOf=soon', headers: bearer(h.tokens.analyst) });
  t.equal(bad.statusCode, 400);
});
