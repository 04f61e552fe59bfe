import { randomUUID } from 'node:crypto';
import t, { type Test } from 'tap';
import { countryStreamId, DialogueTrackOpened, ReadmissionRequestSubmitted } from '../../../contracts/index.js';
import { bearer, provenance, startTestApp } from '../../helpers/test-app.js';
import { ethiopiaStory } from '../../helpers/facts.js';

const json = { 'content-type': 'application/json' };

t.test('a desk records one fact of every family for Ethiopia', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  let revision = -1;
  let position = 0;
  for (const step of ethiopiaStory) {
    const res = await h.app.inject({
      method: 'POST',
      url: `/v1/countries/ET/${step.family}`,
      headers: { ...bearer(h.tokens.deskEtSo), ...json },
      payload: step.body,
    });
    t.equal(res.statusCode, 201, `${step.body.type}: ${res.body}`);
    const body = res.json();
    t.equal(body.streamRevision, revision + 1, 'revisions have no gaps');
    t.ok(body.position > position, 'global position grows');
    t.match(body, { type: step.body.type, streamId: 'country-ET', eventId: /^[0-9a-f-]{36}$/, hash: /^[0-9a-f]{64}$/ });
    t.ok(!Number.isNaN(Date.parse(body.recordedAt)), 'recordedAt is a date-time');
    t.equal(res.headers.etag, `"${body.streamRevision}"`);
    revision = body.streamRevision;
    position = body.position;
  }
  const page = await h.app.inject({ method: 'GET', url: '/v1/countries/ET/events?limit=5', headers: bearer(h.tokens.auditor) });
  t.equal(page.statusCode, 200);
  t.equal(page.json().events.length, 5);
  t.equal(page.json().nextRevision, 5);
  t.equal(page.json().events[0].recordedBy, 'desk-horn', 'every event records its principal');
});

t.test('status codes', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  const desk = { ...bearer(h.tokens.deskEtSo), ...json };
  const post = (url: string, payload: unknown, headers: Record<string, string> = desk) =>
    h.app.inject({ method: 'POST', url, headers, payload: payload as string });
  const track = ethiopiaStory[0].body;

  const expectProblem = (t: Test, res: Awaited<ReturnType<typeof post>>, status: number, code: string) => {
    t.equal(res.statusCode, status, `${code}: ${res.body}`);
    t.match(res.headers['content-type'], /^application\/problem\+json/);
    t.match(res.json(), { status, code, title: String, detail: String });
  };

  await t.test('400 malformed JSON', async (t) => {
    expectProblem(t, await post('/v1/countries/ET/dialogues', '{"type": '), 400, 'MALFORMED_JSON');
  });
  await t.test('400 schema, with the offending field paths', async (t) => {
    const res = await post('/v1/countries/ET/dialogues', { ...track, occurredOn: '2024-02-30', data: { ...track.data, level: 'x' } });
    expectProblem(t, res, 400, 'VALIDATION_FAILED');
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    t.ok(paths.includes('body.occurredOn'), `paths: ${paths}`);
    t.ok(paths.some((p: string) => p.startsWith('body.data.level')), `paths: ${paths}`);
  });
  await t.test('400 event type of another family', async (t) => {
    const res = await post('/v1/countries/et/instruments', track);
    expectProblem(t, res, 400, 'VALIDATION_FAILED');
    // The route it belongs to, not only the types of this one.
    t.same(res.json().errors, [{ path: 'body.type', message: 'DialogueTrackOpened belongs to dialogues, not instruments: post it to /v1/countries/ET/dialogues' }]);
    const cased = await post('/v1/countries/ET/dialogues', { ...track, type: 'dialogueTrackOpened' });
    t.equal(cased.json().detail, 'body.type: Event types are case-sensitive: did you mean DialogueTrackOpened?');
    const both = await post('/v1/countries/ET/statistics', { ...track, type: 'DIALOGUETRACKOPENED' });
    t.equal(both.json().detail, 'body.type: Event types are case-sensitive: did you mean DialogueTrackOpened? It belongs to dialogues: post it to /v1/countries/ET/dialogues');
    // A plain typo still lists the family's types; a governance type is not a desk's.
    t.match((await post('/v1/countries/ET/dialogues', { ...track, type: 'DialogSessionHeld' })).json().detail, /^body\.type: Invalid discriminator value\. Expected 'DialogueTrackOpened'/);
    t.match((await post('/v1/countries/ET/dialogues', { ...track, type: 'PeriodClosed' })).json().detail, /^body\.type: Invalid discriminator value/);
  });
  await t.test('400 unknown field and prototype pollution key', async (t) => {
    expectProblem(t, await post('/v1/countries/ET/dialogues', { ...track, extra: 1 }), 400, 'VALIDATION_FAILED');
    const res = await post('/v1/countries/ET/dialogues', `{"type":"DialogueTrackOpened","__proto__":{"admin":true}}`);
    t.equal(res.statusCode, 400);
  });
  await t.test('401 missing, malformed and unknown token', async (t) => {
    expectProblem(t, await post('/v1/countries/ET/dialogues', track, json), 401, 'UNAUTHENTICATED');
    expectProblem(t, await post('/v1/countries/ET/dialogues', track, { ...json, authorization: 'Basic abc' }), 401, 'UNAUTHENTICATED');
    expectProblem(t, await post('/v1/countries/ET/dialogues', track, { ...json, ...bearer('rcm_' + 'x'.repeat(40)) }), 401, 'UNAUTHENTICATED');
  });
  await t.test('403 wrong role and country outside the desk scope', async (t) => {
    expectProblem(t, await post('/v1/countries/ET/dialogues', track, { ...json, ...bearer(h.tokens.analyst) }), 403, 'FORBIDDEN');
    expectProblem(t, await post('/v1/countries/ET/dialogues', track, { ...json, ...bearer(h.tokens.deskTn) }), 403, 'FORBIDDEN');
  });
  await t.test('404 unknown country and unknown route', async (t) => {
    expectProblem(t, await post('/v1/countries/IQ/dialogues', track), 404, 'COUNTRY_NOT_CONFIGURED');
    expectProblem(t, await post('/v1/countries/ET/gossip', track), 404, 'NOT_FOUND');
    // Said first: a body that cannot be recorded anyway is not worth correcting (it was a 400 on the body).
    for (const url of ['/v1/countries/IQ/return-operations', '/v1/countries/iq/return-operations']) {
      const res = await post(url, { type: 'ReturnOperationPlanned', occurredOn: '2026-11-01', data: { operationId: 'OP-IQ-1', mode: 'charter' } });
      expectProblem(t, res, 404, 'COUNTRY_NOT_CONFIGURED');
      t.match(res.json().detail, /^Country IQ is not configured; configured: ET, /);
    }
    expectProblem(t, await post('/v1/countries/IRQ/return-operations', {}), 400, 'VALIDATION_FAILED');
  });
  await t.test('409 lifecycle conflict', async (t) => {
    const res = await post('/v1/countries/ET/dialogues', ethiopiaStory[1].body);
    t.equal(res.statusCode, 409, res.body);
    t.match(res.json(), { status: 409, code: String, detail: /ET-NL-1/ });
  });
  await t.test('412 If-Match: a moved stream, a revision not reached yet, an empty stream ("-1")', async (t) => {
    const so = (trackId: string, ifMatch: string) => post('/v1/countries/SO/dialogues', { ...track, data: { ...track.data, trackId } }, { ...desk, 'if-match': ifMatch });
    const refused = async (res: Awaited<ReturnType<typeof post>>, detail: RegExp) => {
      expectProblem(t, res, 412, 'PRECONDITION_FAILED');
      t.match(res.json(), { title: 'The stream is not at the revision in If-Match', detail }, res.json().detail);
    };
    await refused(await so('SO-1', '"0"'), /country-SO has no events yet \(If-Match: "-1" expects that\)/);
    const first = await so('SO-1', '"-1"');
    t.equal(first.statusCode, 201, `"-1" on an empty stream: ${first.body}`);
    t.equal(first.headers.etag, '"0"');
    await refused(await so('SO-2', '"-1"'), /"-1" expects country-SO to have no events, but it is at revision 0/);
    await refused(await so('SO-2', '"5"'), /names revision 5 but country-SO is only at revision 0/);
    const fresh = await so('SO-2', '"0"');
    t.equal(fresh.statusCode, 201);
    await refused(await so('SO-3', '"0"'), /names revision 0 but country-SO has moved on to revision 1/);
    expectProblem(t, await so('SO-3', '"-2"'), 400, 'VALIDATION_FAILED');
  });
  await t.test('413 body too large', async (t) => {
    const big = { ...track, data: { ...track.data, parties: Array.from({ length: 5000 }, () => 'x'.repeat(100)) } };
    expectProblem(t, await post('/v1/countries/ET/dialogues', big), 413, 'PAYLOAD_TOO_LARGE');
  });
  await t.test('415 wrong content type', async (t) => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/countries/ET/dialogues',
      headers: { ...bearer(h.tokens.deskEtSo), 'content-type': 'text/plain' },
      payload: JSON.stringify(track),
    });
    expectProblem(t, res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    t.equal(res.json().detail, 'Content-Type text/plain is not accepted here; send application/json', 'names what was sent and what to send');
  });
  await t.test('422 Idempotency-Key reused with another body', async (t) => {
    const headers = { ...desk, 'idempotency-key': 'k-422' };
    t.equal((await post('/v1/countries/TN/dialogues', track, { ...json, ...bearer(h.tokens.deskTn), 'idempotency-key': 'k-422' })).statusCode, 201);
    t.equal((await post('/v1/countries/ET/dialogues', track, headers)).statusCode, 201, 'keys are scoped per principal');
    const other = { ...track, data: { ...track.data, title: 'Another title' } };
    expectProblem(t, await post('/v1/countries/ET/dialogues', other, headers), 422, 'IDEMPOTENCY_KEY_REUSED');
    // The same body for another country is another request too: the detail must not say "a different request body".
    const elsewhere = await post('/v1/countries/SO/dialogues', track, headers);
    expectProblem(t, elsewhere, 422, 'IDEMPOTENCY_KEY_REUSED');
    t.match(elsewhere.json().detail, /already used for another request \(another body, or the same body for another country or family\)/);
  });
  await t.test('no rejected request left anything in the store', async (t) => {
    const all = await h.ctx.store.readAll();
    t.same(
      all.map((e) => [e.streamId, e.type, (e.data as { trackId?: string }).trackId]),
      [
        ['country-SO', 'DialogueTrackOpened', 'SO-1'],
        ['country-SO', 'DialogueTrackOpened', 'SO-2'],
        ['country-TN', 'DialogueTrackOpened', 'ET-NL-1'],
        ['country-ET', 'DialogueTrackOpened', 'ET-NL-1'],
      ],
    );
  });
});

t.test("a correction's data is validated with paths from the body, like the schema's own errors", async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  const headers = { ...bearer(h.tokens.deskEtSo), ...json };
  const statistics = ethiopiaStory.find((s) => s.family === 'statistics')!.body;
  const recorded = await h.app.inject({ method: 'POST', url: '/v1/countries/ET/statistics', headers, payload: statistics });
  t.equal(recorded.statusCode, 201, recorded.body);
  const correction = {
    type: 'EntryCorrected',
    occurredOn: '2024-03-05',
    data: { correctedEventId: recorded.json().eventId, reason: 'Wrong count copied', data: { ...statistics.data, count: -5 } },
    provenance,
  };
  const res = await h.app.inject({ method: 'POST', url: '/v1/countries/ET/corrections', headers, payload: correction });
  t.equal(res.statusCode, 400, res.body);
  t.match(res.json(), { code: 'VALIDATION_FAILED', detail: 'The corrected data does not match ReturnDecisionsReported (count: Counts cannot be negative)', errors: [{ path: 'body.data.data.count', message: String }] });
  const schema = await h.app.inject({ method: 'POST', url: '/v1/countries/ET/corrections', headers, payload: { ...correction, data: { ...correction.data, reason: 7 } } });
  t.match(schema.json(), { code: 'VALIDATION_FAILED', errors: [{ path: 'body.data.reason' }] }, 'the schema names its paths the same way');
});

t.test('idempotency: sequential retry returns the original response and appends nothing', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  const headers = { ...bearer(h.tokens.deskEtSo), ...json, 'idempotency-key': 'retry-1' };
  const body = ethiopiaStory[0].body;
  const first = await h.app.inject({ method: 'POST', url: '/v1/countries/ET/dialogues', headers, payload: body });
  // Same JSON with the keys in another order is the same request.
  const reordered = { provenance: body.provenance, data: body.data, occurredOn: body.occurredOn, type: body.type };
  const second = await h.app.inject({ method: 'POST', url: '/v1/countries/ET/dialogues', headers, payload: reordered });
  t.equal(first.statusCode, 201);
  t.equal(second.statusCode, 201);
  t.same(second.json(), first.json());
  t.equal(second.headers['idempotent-replayed'], 'true');
  t.equal((await h.ctx.store.readAll()).length, 1);
});

t.test('idempotency: concurrent requests with one key yield one event and the same response', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  const headers = { ...bearer(h.tokens.deskEtSo), ...json, 'idempotency-key': 'burst-1' };
  const responses = await Promise.all(
    Array.from({ length: 20 }, () =>
      h.app.inject({ method: 'POST', url: '/v1/countries/ET/dialogues', headers, payload: ethiopiaStory[0].body }),
    ),
  );
  t.same(new Set(responses.map((r) => r.statusCode)), new Set([201]));
  t.equal(new Set(responses.map((r) => r.body)).size, 1, 'every response is the same');
  t.equal((await h.ctx.store.readAll()).length, 1, 'exactly one event');
});

t.test('concurrent writers on one country: no lost update, revisions without gaps', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  const headers = { ...bearer(h.tokens.deskEtSo), ...json };
  const responses = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      h.app.inject({
        method: 'POST',
        url: '/v1/countries/ET/requests',
        headers,
        payload: {
          type: 'IdentificationRequestSubmitted',
          occurredOn: '2024-01-02',
          data: { requestId: `ID-${i}`, caseRef: `${i}`.padStart(16, 'a'), requestingState: 'NL', channel: 'embassy' },
          provenance,
        },
      }),
    ),
  );
  t.same(new Set(responses.map((r) => r.statusCode)), new Set([201]));
  const revisions = responses.map((r) => r.json().streamRevision).sort((a, b) => a - b);
  t.same(revisions, Array.from({ length: 50 }, (_, i) => i));
});

t.test('a fact dated after today is refused on the injected clock, for new facts and corrections alike', async (t) => {
  let today = '2024-03-10';
  const h = await startTestApp({}, { today: () => today });
  t.teardown(() => h.close());
  const desk = { ...bearer(h.tokens.deskEtSo), ...json };
  const post = (family: string, type: string, occurredOn: string, data: Record<string, unknown>) =>
    h.app.inject({ method: 'POST', url: `/v1/countries/ET/${family}`, headers: desk, payload: { type, occurredOn, data, provenance } });
  const track = { trackId: 'T-FUT', title: 'Dialogue', level: 'senior-officials', format: 'NL-bilateral', parties: ['NL', 'ET'] };
  for (const occurredOn of ['9999-12-31', '2099-01-01', '2024-03-12']) {
    const res = await post('dialogues', 'DialogueTrackOpened', occurredOn, track);
    t.equal(res.statusCode, 409, res.body);
    t.match(res.json(), { code: 'FACT_DATED_IN_FUTURE', detail: new RegExp(`DialogueTrackOpened is dated ${occurredOn}, after today \\(2024-03-10 UTC`) });
  }
  const opened = await post('dialogues', 'DialogueTrackOpened', '2024-03-11', track);
  t.equal(opened.statusCode, 201, `the next day (UTC) is today east of UTC: ${opened.body}`);
  const correction = (occurredOn: string, corrected: string) =>
    post('corrections', 'EntryCorrected', occurredOn, { correctedEventId: opened.json().eventId, reason: 'Wrong date.', data: track, occurredOn: corrected });
  const future = await correction('2024-03-10', '2099-01-01');
  t.equal(future.statusCode, 409, future.body);
  t.match(future.json(), { code: 'FACT_DATED_IN_FUTURE', detail: /The corrected DialogueTrackOpened .* is dated 2099-01-01/ });
  t.match((await correction('2024-03-20', '2024-03-01')).json(), { code: 'FACT_DATED_IN_FUTURE', detail: /EntryCorrected is dated 2024-03-20/ });
  // The clock moves on: what was ahead is now allowed.
  today = '2024-03-20';
  t.equal((await correction('2024-03-20', '2024-03-15')).statusCode, 201);
  t.equal((await post('dialogues', 'DialogueTrackOpened', '2024-03-12', { ...track, trackId: 'T-2' })).statusCode, 201);
});

t.test('a mistyped year (0206 for 2026) is refused naming the field, in occurredOn, in the data and in a correction', async (t) => {
  const h = await startTestApp({}, { today: () => '2026-12-07' });
  t.teardown(() => h.close());
  const desk = { ...bearer(h.tokens.deskEtSo), ...json };
  const post = (family: string, body: Record<string, unknown>) => h.app.inject({ method: 'POST', url: `/v1/countries/ET/${family}`, headers: desk, payload: { ...body, provenance } });
  const track = { trackId: 'T-TYPO', title: 'Dialogue', level: 'senior-officials', format: 'NL-bilateral', parties: ['NL', 'ET'] };
  const refusedAt = async (family: string, body: Record<string, unknown>, path: string) => {
    const res = await post(family, body);
    t.equal(res.statusCode, 400, res.body);
    t.same(res.json().errors, [{ path, message: 'Expected a date from 1900-01-01 on (check the year)' }], path);
  };
  await refusedAt('dialogues', { type: 'DialogueTrackOpened', occurredOn: '0206-11-12', data: track }, 'body.occurredOn');
  const plan = { operationId: 'OP-TYPO', mode: 'national-charter', plannedDate: '0026-12-10', plannedReturnees: 2, organiser: 'DT&V' };
  await refusedAt('return-operations', { type: 'ReturnOperationPlanned', occurredOn: '2026-11-12', data: plan }, 'body.data.plannedDate');
  const opened = await post('dialogues', { type: 'DialogueTrackOpened', occurredOn: '2026-11-12', data: track });
  t.equal(opened.statusCode, 201, opened.body);
  const correction = { correctedEventId: opened.json().eventId, reason: 'Wrong date.', data: track, occurredOn: '0026-11-12' };
  await refusedAt('corrections', { type: 'EntryCorrected', occurredOn: '2026-12-01', data: correction }, 'body.data.occurredOn');
  const events = await h.ctx.store.readStream(countryStreamId('ET'));
  t.same(events.map((e) => e.occurredOn), ['2026-11-12'], 'nothing recorded but the valid fact');
});

t.test('a future-dated fact recorded before the rule blocks nothing and can be corrected to its real date', async (t) => {
  const h = await startTestApp({}, { today: () => '2024-03-10' });
  t.teardown(() => h.close());
  const track = { trackId: 'T-OLD', title: 'Dialogue', level: 'senior-officials', format: 'NL-bilateral', parties: ['NL', 'ET'] };
  const stored = await h.ctx.store.append(countryStreamId('ET'), 'no_stream', [
    {
      eventId: randomUUID(),
      type: 'DialogueTrackOpened',
      schemaVersion: DialogueTrackOpened.schemaVersion,
      country: 'ET',
      occurredOn: '9999-12-31',
      recordedBy: 'desk-horn',
      provenance,
      data: DialogueTrackOpened.data.parse(track) as Record<string, unknown>,
    },
  ]);
  const desk = { ...bearer(h.tokens.deskEtSo), ...json };
  const post = (family: string, type: string, data: Record<string, unknown>) =>
    h.app.inject({ method: 'POST', url: `/v1/countries/ET/${family}`, headers: desk, payload: { type, occurredOn: '2024-03-10', data, provenance } });
  const other = await post('dialogues', 'DialogueTrackOpened', { ...track, trackId: 'T-NEW' });
  t.equal(other.statusCode, 201, other.body);
  // A follow-up of the misdated track itself would precede it: the refusal names the date to correct.
  const early = await post('dialogues', 'DialogueSessionHeld', { trackId: 'T-OLD', outcomeSummary: 'Met.' });
  t.match(early.json(), { code: 'FACT_PREDATES_ENTITY', detail: 'Dialogue track T-OLD was opened on 9999-12-31; DialogueSessionHeld cannot be dated 2024-03-10' });
  const fix = await post('corrections', 'EntryCorrected', { correctedEventId: stored.events[0]!.eventId, reason: 'Date typed wrong.', data: track, occurredOn: '2024-01-15' });
  t.equal(fix.statusCode, 201, fix.body);
  const session = await post('dialogues', 'DialogueSessionHeld', { trackId: 'T-OLD', outcomeSummary: 'Met.' });
  t.equal(session.statusCode, 201, session.body);

  // A request submitted on the last day a date can name: its deadline lies past year 9999.
  const request = { requestId: 'NL-RR-9999', caseRef: '9f86d081884c7d659a2feaa0c55ad015', requestingState: 'NL', procedure: 'normal', personCategory: 'own-national' };
  const late = await h.ctx.store.append(countryStreamId('ET'), 'any', [
    { ...(await h.ctx.store.readStream(countryStreamId('ET')))[0]!, eventId: randomUUID(), type: 'ReadmissionRequestSubmitted', schemaVersion: ReadmissionRequestSubmitted.schemaVersion, data: ReadmissionRequestSubmitted.data.parse(request) as Record<string, unknown> },
  ]);
  const profile = await h.app.inject({ method: 'GET', url: `/v1/countries/ET/profile?minPosition=${late.lastPosition}`, headers: bearer(h.tokens.analyst) });
  t.equal(profile.statusCode, 200, profile.body);
  t.match(profile.json().requests.openRequests, [{ requestId: 'NL-RR-9999', deadline: '9999-12-31' }], 'the deadline is the last day a date can name');
});
