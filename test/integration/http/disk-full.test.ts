import type Database from 'better-sqlite3';
import t from 'tap';
import { bearer, provenance, startTestApp, type TestApp } from '../../helpers/test-app.js';

/*
 * A full disk, as SQLite sees it: `max_page_count` pinned to the database's current size makes the
 * next write that needs a page fail with SQLITE_FULL, the error a full disk gives (the real disk is
 * test/reliability/disk-full.test.ts, where a tmpfs can be mounted).
 */

type Db = Database.Database;
const json = { 'content-type': 'application/json' };

/** The connection of a store: private in the adapters, reached here only to simulate the full disk. */
const dbOf = (o: object) => (o as { db: Db }).db;

function fill(db: Db): () => void {
  const pages = db.pragma('page_count', { simple: true }) as number;
  db.pragma(`max_page_count = ${pages}`);
  return () => db.pragma('max_page_count = 4294967294');
}

function submit(h: TestApp, i: number) {
  return h.app.inject({
    method: 'POST',
    url: '/v1/countries/ET/requests',
    headers: { ...bearer(h.tokens.deskEtSo), ...json, 'idempotency-key': `disk-full-${i}` },
    payload: {
      type: 'IdentificationRequestSubmitted',
      occurredOn: '2024-01-10',
      data: { requestId: `IR-${i}`, caseRef: 'ab'.repeat(16), requestingState: 'NL', channel: 'RCMS' },
      provenance,
    },
  });
}

t.test('a write on a full disk answers 507 STORAGE_FULL, records nothing, and goes through once there is space', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  const free = fill(dbOf(h.ctx.store));
  let accepted = 0;
  let refused = await submit(h, 0);
  // The last page may still have room for a few events.
  while (refused.statusCode === 201 && accepted < 1000) refused = await submit(h, ++accepted);
  t.equal(refused.statusCode, 507, refused.body);
  t.equal(refused.headers['content-type'], 'application/problem+json; charset=utf-8');
  t.equal(refused.headers['retry-after'], '60');
  t.match(refused.json(), { code: 'STORAGE_FULL', status: 507, detail: /^The disk holding the service's data is full, so nothing of this request was stored/ });
  t.equal(await h.ctx.store.headPosition(), accepted, 'every acknowledged fact is stored, the refused one is not');

  // Reads go on.
  const timeline = await h.app.inject({ method: 'GET', url: `/v1/countries/ET/timeline?minPosition=${accepted}`, headers: bearer(h.tokens.analyst) });
  t.equal(timeline.statusCode, 200, timeline.body);

  free();
  // The same request (same Idempotency-Key) is recorded once, as if it were new: the refusal kept nothing.
  const retried = await submit(h, accepted);
  t.equal(retried.statusCode, 201, retried.body);
  t.equal(retried.headers['idempotent-replayed'], undefined);
  t.equal(await h.ctx.store.headPosition(), accepted + 1);
});

t.test('a token created on a full disk answers 507 too', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  const create = () =>
    h.app.inject({ method: 'POST', url: '/v1/tokens', headers: { ...bearer(h.tokens.admin), ...json }, payload: { principal: 'desk-new', role: 'desk', countries: ['ET'] } });
  const free = fill(dbOf(h.ctx.tokens));
  let res = await create();
  for (let i = 0; res.statusCode === 201 && i < 1000; i++) res = await create();
  t.equal(res.statusCode, 507, res.body);
  t.equal(res.json().code, 'STORAGE_FULL');
  free();
  t.equal((await create()).statusCode, 201);
});
