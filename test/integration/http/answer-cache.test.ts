import t from 'tap';
import { bearer, provenance, startTestApp } from '../../helpers/test-app.js';

const json = { 'content-type': 'application/json' };

t.test('kept answers: the same bytes while nothing changes; a write, a new day or another query is answered anew', async (t) => {
  let today = '2024-01-10';
  const h = await startTestApp({}, { today: () => today });
  t.teardown(() => h.close());
  const desk = { ...bearer(h.tokens.deskEtSo), ...json };
  const analyst = bearer(h.tokens.analyst);
  const submit = async (i: number) => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/countries/ET/requests',
      headers: desk,
      payload: { type: 'IdentificationRequestSubmitted', occurredOn: '2024-01-02', data: { requestId: `ID-${i}`, caseRef: `${i}`.padStart(16, 'a'), requestingState: 'NL', channel: 'embassy' }, provenance },
    });
    t.equal(res.statusCode, 201, res.body);
    return (res.json() as { position: number }).position;
  };
  const get = async (url: string) => {
    const res = await h.app.inject({ url, headers: analyst });
    t.equal(res.statusCode, 200, `${url}: ${res.body}`);
    t.equal(res.headers['content-type'], 'application/json; charset=utf-8');
    return res.body;
  };

  const first = await submit(1);
  const profileUrl = `/v1/countries/ET/profile?minPosition=${first}`;
  const profile = await get(profileUrl);
  t.equal(await get(profileUrl), profile, 'asked again: the same answer');
  t.match(JSON.parse(profile), { asOfDate: '2024-01-10', requests: { open: 1, overdue: 0 } });

  // No write in between: only the date moved (the default reply deadline is 30 days).
  today = '2024-03-01';
  t.match(JSON.parse(await get(profileUrl)), { asOfDate: '2024-03-01', requests: { open: 1, overdue: 1 } }, 'a new day: the overdue count moves');

  const timelineUrl = '/v1/countries/ET/timeline?limit=10';
  t.equal((JSON.parse(await get(timelineUrl)) as { entries: unknown[] }).entries.length, 1);
  t.equal((JSON.parse(await get('/v1/countries/ET/timeline?limit=1')) as { entries: unknown[] }).entries.length, 1, 'another query, another answer');
  const scorecardUrl = '/v1/countries/ET/scorecards/2024';
  const scorecard = JSON.parse(await get(scorecardUrl)) as { position: number };
  t.equal(scorecard.position, first);

  const listOf = async (headers: Record<string, string>) => (JSON.parse((await h.app.inject({ url: '/v1/countries', headers })).body) as { countries: { code: string; lastActivity: unknown }[] }).countries;
  const everyCountry = await listOf(analyst);
  t.ok(everyCountry.length > 2);
  t.same((await listOf(bearer(h.tokens.deskEtSo))).map((c) => c.code), ['ET', 'SO'], 'a desk gets its own countries, not the answer kept for the analyst');
  t.equal((await listOf(analyst)).length, everyCountry.length, 'and the analyst still gets every country');

  // A write: every kept answer is built again once the read models have moved.
  const second = await submit(2);
  await h.ctx.readSide.ready(second);
  t.match(JSON.parse(await get(profileUrl)), { requests: { open: 2, overdue: 2 } }, 'the profile after the write');
  t.equal((JSON.parse(await get(timelineUrl)) as { entries: unknown[] }).entries.length, 2, 'the timeline after the write');
  t.equal((JSON.parse(await get(scorecardUrl)) as { position: number }).position, second, 'the scorecard after the write');
  t.not(JSON.stringify((await listOf(analyst)).find((c) => c.code === 'ET')!.lastActivity), JSON.stringify(everyCountry.find((c) => c.code === 'ET')!.lastActivity), 'the country list after the write');
});
