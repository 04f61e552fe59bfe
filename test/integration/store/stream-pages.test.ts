import t from 'tap';
import { openSqliteEventStore } from '../../../src/store/sqlite/index.js';
import { streamPages } from '../../../src/store/stream-pages.js';
import { sessionHeldV1, trackOpened } from './fixtures.js';

t.test('streamPages: pages from a revision, of some types, with the event loop free between them', async (t) => {
  const store = openSqliteEventStore({ path: ':memory:' });
  t.teardown(() => store.close());
  for (let i = 0; i < 12; i++) await store.append('country-ET', 'any', [i % 4 === 0 ? sessionHeldV1('ET') : trackOpened('ET', i)]);

  let immediateRan = false;
  setImmediate(() => (immediateRan = true));
  const seen: { revisions: number[]; immediateRan: boolean }[] = [];
  for await (const page of streamPages(store, 'country-ET', { fromRevision: 2, pageSize: 4 })) seen.push({ revisions: page.map((e) => e.streamRevision), immediateRan });
  t.same(seen, [
    { revisions: [2, 3, 4, 5], immediateRan: false },
    { revisions: [6, 7, 8, 9], immediateRan: true },
    { revisions: [10, 11], immediateRan: true },
  ], 'a callback queued before the read ran before the second page');

  const sessions: number[] = [];
  for await (const page of streamPages(store, 'country-ET', { types: ['DialogueSessionHeld'], pageSize: 2 })) sessions.push(...page.map((e) => e.streamRevision));
  t.same(sessions, [0, 4, 8]);
});
