import t from 'tap';
import type { ReadModelDatabase } from '../../../src/projection-runtime/read-model-db.js';
import { ReadSide } from '../../../src/projection-runtime/read-side.js';
import { ProjectionRunner } from '../../../src/projection-runtime/runner.js';
import type { AsOfView } from '../../../src/as-of/as-of-read-side.js';
import { CountrySections } from '../../../src/reports/country-sections.js';
import { appendTo, projectedStore } from './helpers.js';

/**
 * Paged reads cost the same on the first page and the thousandth: SQLite reads each page in index
 * order, starting at the cursor, with no sort. Checked on the plans of the statements the read
 * side actually prepares (a regression here is invisible on small data and linear in history).
 */

/** The paged statements (LIMIT) prepared while `read` runs on a fresh ReadSide, with their query plans. */
function pagedPlans(db: ReadModelDatabase, runner: ProjectionRunner, read: (rs: ReadSide) => void): { sql: string; plan: string }[] {
  const prepared: string[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    prepared.push(sql);
    return prepare(sql);
  }) as typeof db.prepare;
  try {
    read(new ReadSide(db, runner, { countries: ['ET'], today: () => '2023-06-30' }));
  } finally {
    db.prepare = prepare;
  }
  return prepared
    .filter((sql) => /\bLIMIT\b/.test(sql))
    .map((sql) => {
      const params = new Array<null>(sql.split('?').length - 1).fill(null);
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' / ');
      return { sql, plan };
    });
}

t.test('pages of open requests and of the timeline start at their cursor and need no sort', async (t) => {
  const { store, db, runner } = projectedStore(t, 'plans');
  for (let i = 0; i < 6; i++) {
    await appendTo(store, 'ET', 'ReadmissionRequestSubmitted', '2023-01-02', {
      requestId: `R${i}`,
      caseRef: 'ab'.repeat(8),
      requestingState: 'NL',
      procedure: 'normal',
      personCategory: 'own-national',
    });
  }
  await runner.start();

  const profile = pagedPlans(db, runner, (rs) => {
    const first = rs.profile('ET', undefined, { requestsLimit: 2 });
    rs.profile('ET', undefined, { requestsLimit: 2, requestsCursor: first.requests.nextCursor! });
  });
  const requestPages = profile.filter((p) => /kind = 'request' AND open = 1/.test(p.sql));
  t.equal(requestPages.length, 2, 'the first page and a later one');
  for (const { sql, plan } of profile) t.notMatch(plan, /TEMP B-TREE|\bSCAN\b/, `read in index order: ${sql}\n${plan}`);
  t.match(requestPages[1]!.plan, /\(sort_date,k\)<\(\?,\?\)/, 'the later page starts at its cursor');

  const timeline = pagedPlans(db, runner, (rs) => {
    for (const family of [undefined, 'requests']) {
      const first = rs.timeline('ET', { limit: 2, ...(family ? { family } : {}) });
      rs.timeline('ET', { limit: 2, cursor: first.nextCursor!, ...(family ? { family } : {}) });
    }
  });
  t.equal(timeline.length, 4);
  for (const { sql, plan } of timeline) t.notMatch(plan, /TEMP B-TREE|\bSCAN\b/, `read in index order: ${sql}\n${plan}`);
  for (const { plan } of [timeline[1]!, timeline[3]!]) t.match(plan, /occurred_on>\?/, `a later page starts at its cursor: ${plan}`);
});

t.test("a report's cited events are found through the event_id index, all in one statement", async (t) => {
  const { store, db, runner } = projectedStore(t, 'evidence-plan');
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) {
    const r = await appendTo(store, 'ET', 'ReadmissionRequestSubmitted', `2023-01-0${i + 1}`, { requestId: `R${i}`, caseRef: 'ab'.repeat(8), requestingState: 'NL', procedure: 'normal', personCategory: 'own-national' });
    ids.push(r.events[0]!.eventId);
  }
  await runner.start();
  const prepared: string[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => (prepared.push(sql), prepare(sql))) as typeof db.prepare;
  let evidence;
  try {
    const view = { db, readSide: new ReadSide(db, runner, { countries: ['ET'] }) } as unknown as AsOfView;
    evidence = new CountrySections(view, 'ET', 2023, '2023-12-31').evidence([ids[3]!, ids[0]!, 'not-an-event', ids[3]!, ids[1]!]);
  } finally {
    db.prepare = prepare;
  }
  t.same(evidence.map((e) => e.eventId), [ids[0], ids[1], ids[3]], 'each cited event once, in date order; an unknown id is left out');
  const lookups = prepared.filter((sql) => /json_each/.test(sql));
  t.equal(lookups.length, 1, 'one statement for every cited event');
  const plan = (prepare(`EXPLAIN QUERY PLAN ${lookups[0]!}`).all('[]') as { detail: string }[]).map((r) => r.detail).join(' / ');
  t.match(plan, /SEARCH t USING INDEX \S+ \(event_id=\?\)/, `the timeline is searched by id, never scanned: ${plan}`);
});
