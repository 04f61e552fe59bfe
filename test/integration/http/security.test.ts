import t from 'tap';
import { MAX_JSON_DEPTH } from '../../../src/http/json-body.js';
import { ethiopiaStory } from '../../helpers/facts.js';
import { bearer, provenance, startTestApp } from '../../helpers/test-app.js';

/** Findings of the security review, each driven through the real app. */

t.test('a body nested deeper than the limit is refused before anything sees it (it was a 500 with an Idempotency-Key)', async (t) => {
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
    t.equal(res.json().code, 'BAD_REQUEST');
    t.match(res.json().detail, `more than ${MAX_JSON_DEPTH} levels deep`);
  }
  // Just inside the limit the body reaches its schema, which names what is wrong with it.
  const inside = await post(correction(MAX_JSON_DEPTH - 4), 'inside');
  t.equal(inside.statusCode, 400);
  t.equal(inside.json().code, 'VALIDATION_FAILED');

  const events = await h.app.inject({ url: '/v1/countries/ET/events', headers: bearer(h.tokens.deskEtSo) });
  t.equal(events.json().events.length, 1, 'nothing was recorded');
});
