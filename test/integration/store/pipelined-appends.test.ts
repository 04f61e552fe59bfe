import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { CommandService } from '../../../src/commands/command-service.js';
import { WrongExpectedRevisionError } from '../../../src/store/errors.js';
import type { AppendOptions } from '../../../src/store/port.js';
import { openSqliteEventStore, type SqliteEventStore } from '../../../src/store/sqlite/index.js';
import type { PipelinedAppendOptions } from '../../../src/store/sqlite/sqlite-event-store.js';
import { trackOpened } from './fixtures.js';

function withStore(t: Test): SqliteEventStore {
  const dir = mkdtempSync(join(tmpdir(), 'rcm-pipeline-'));
  const store = openSqliteEventStore({ path: join(dir, 'events.sqlite') });
  t.teardown(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return store;
}
const opts = (o: PipelinedAppendOptions) => o as AppendOptions;

t.test('an append decided on a queued append that failed is rejected, even when its revision would fit', async (t) => {
  const store = withStore(t);
  t.equal(store.pipelinesAppends, true);
  await store.append('country-ET', 'no_stream', [trackOpened('ET', 0)]);
  const a = {};
  const b = {};
  const [first, second, unrelated, third] = await Promise.allSettled([
    store.append('country-ET', 5, [trackOpened('ET', 1)], opts({ token: a })), // conflict: fails
    store.append('country-ET', 0, [trackOpened('ET', 2)], opts({ token: b, after: a })), // revision fits, but rests on the failed one
    store.append('country-ET', 0, [trackOpened('ET', 3)]), // not pipelined: commits
    store.append('country-ET', 1, [trackOpened('ET', 4)], opts({ after: b })), // rests on a rejected one: rejected too
  ]);
  t.equal(first.status, 'rejected');
  t.equal(second.status, 'rejected');
  t.ok(second.status === 'rejected' && second.reason instanceof WrongExpectedRevisionError, 'a revision conflict: the caller decides again');
  t.equal(unrelated.status, 'fulfilled');
  t.equal(third.status, 'rejected');
  t.same((await store.readStream('country-ET')).map((e) => e.data['trackId']), ['ET-TRACK-0', 'ET-TRACK-3']);
});

t.test('an append after one that committed commits', async (t) => {
  const store = withStore(t);
  const a = {};
  const results = await Promise.all([
    store.append('country-SO', 'no_stream', [trackOpened('SO', 0)], opts({ token: a })),
    store.append('country-SO', 0, [trackOpened('SO', 1)], opts({ after: a })),
  ]);
  t.same(results.map((r) => r.lastRevision), [0, 1]);
  t.equal(store.stats().largestBatch, 2, 'both in one group commit');
});

t.test('command service: concurrent commands on one country share a group commit', async (t) => {
  const store = withStore(t);
  const commands = new CommandService(store);
  const N = 40;
  const outcomes = await Promise.all(
    Array.from({ length: N }, (_, i) =>
      commands.record({
        country: 'ET',
        principalId: 'desk',
        command: {
          type: 'IdentificationRequestSubmitted',
          occurredOn: '2025-01-02',
          data: { requestId: `ET-IR-${i}`, caseRef: i.toString(16).padStart(32, '0'), requestingState: 'NL', channel: 'RCMS' },
          provenance: { sourceKind: 'rcms', reference: 'export', evidenceStatus: 'confirmed' },
        },
      }),
    ),
  );
  t.same(outcomes.map((o) => o.response.streamRevision).sort((x, y) => x - y), Array.from({ length: N }, (_, i) => i));
  t.ok(store.stats().largestBatch > 1, `appends to one country were pipelined (largest batch ${store.stats().largestBatch})`);
  t.ok(store.stats().transactions < N, 'fewer commits than commands');
});

t.test('command service: a refusal waits for the queued append it rests on', async (t) => {
  const store = withStore(t);
  const commands = new CommandService(store);
  const submit = (requestId: string) =>
    commands.record({
      country: 'SO',
      principalId: 'desk',
      command: {
        type: 'IdentificationRequestSubmitted',
        occurredOn: '2025-01-02',
        data: { requestId, caseRef: 'ab'.repeat(16), requestingState: 'NL', channel: 'RCMS' },
        provenance: { sourceKind: 'rcms', reference: 'export', evidenceStatus: 'confirmed' },
      },
    });
  const [a, b] = await Promise.allSettled([submit('SO-IR-1'), submit('SO-IR-1')]);
  t.equal(a.status, 'fulfilled');
  t.equal(b.status, 'rejected', 'the duplicate is refused once the first one has committed');
  t.equal((await store.readStream('country-SO')).length, 1);
});
