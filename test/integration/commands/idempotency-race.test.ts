import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import type { CountryCommand } from '../../../contracts/index.js';
import { CommandService, type RecordInput } from '../../../src/commands/command-service.js';
import { isAppError } from '../../../src/errors/catalogue.js';
import type { EventStore } from '../../../src/store/port.js';
import { openSqliteEventStore } from '../../../src/store/sqlite/index.js';

// Two instances on one log. Instance B looks its key up before instance A commits the same key and
// decides after: the interleaving that once answered the same request 409 REQUEST_EXISTS on B.

/**
 * Two command services on one log file. B's first idempotency lookup reads the log at once but
 * answers only after `commitA()`: call it once A has committed.
 */
function twoInstances(t: Test): { storeA: EventStore; a: CommandService; b: CommandService; commitA: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'rcm-idem-race-'));
  const path = join(dir, 'events.sqlite');
  const storeA = openSqliteEventStore({ path });
  const storeB = openSqliteEventStore({ path });
  t.teardown(async () => {
    await storeA.close();
    await storeB.close();
    rmSync(dir, { recursive: true, force: true });
  });
  let commitA!: () => void;
  const aCommitted = new Promise<void>((resolve) => (commitA = resolve));
  return { storeA, a: new CommandService(storeA), b: new CommandService(lookupAnsweredLate(storeB, aCommitted)), commitA };
}

/** The store, whose first idempotency lookup reads the log at once but answers only after `until`. */
function lookupAnsweredLate(store: EventStore, until: Promise<unknown>): EventStore {
  let first = true;
  return new Proxy(store, {
    get(target, key) {
      if (key === 'findIdempotency' && first) {
        first = false;
        return async (scope: string) => {
          const seen = await target.findIdempotency(scope);
          await until;
          return seen;
        };
      }
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const submit = (requestId: string, caseRef = 'ab'.repeat(16)): CountryCommand =>
  ({
    type: 'IdentificationRequestSubmitted',
    occurredOn: '2025-01-02',
    data: { requestId, caseRef, requestingState: 'NL', channel: 'RCMS' },
    provenance: { sourceKind: 'rcms', reference: 'export', evidenceStatus: 'confirmed' },
  }) as CountryCommand;

const input = (command: CountryCommand, requestHash: string, key = 'k-1'): RecordInput => ({
  country: 'ET',
  principalId: 'desk',
  command,
  idempotency: { key, requestHash },
});

async function outcome(p: Promise<{ replayed: boolean; response: { eventId: string } }>): Promise<string> {
  try {
    const { replayed, response } = await p;
    return `${replayed ? 'replayed' : 'recorded'} ${response.eventId}`;
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
}

t.test('the same request, committed by another instance between the key lookup and the decision, is answered as a replay', async (t) => {
  const { storeA, a, b, commitA } = twoInstances(t);

  const onB = outcome(b.record(input(submit('IR-1'), 'hash-1')));
  const first = await a.record(input(submit('IR-1'), 'hash-1'));
  commitA();
  t.equal(await onB, `replayed ${first.response.eventId}`, 'B answers with the event A recorded');
  t.equal((await storeA.readStream('country-ET')).length, 1, 'one event in the log');
});

t.test('requests waiting on that one in the same instance get the same answer', async (t) => {
  const { a, b, commitA } = twoInstances(t);

  const onB = [outcome(b.record(input(submit('IR-1'), 'hash-1')))];
  await new Promise((resolve) => setImmediate(resolve));
  for (let i = 0; i < 3; i++) onB.push(outcome(b.record(input(submit('IR-1'), 'hash-1'))));
  const first = await a.record(input(submit('IR-1'), 'hash-1'));
  commitA();
  t.same(await Promise.all(onB), Array(4).fill(`replayed ${first.response.eventId}`));
});

t.test('a different request under a key another instance committed meanwhile is IDEMPOTENCY_KEY_REUSED, not its own refusal', async (t) => {
  const { a, b, commitA } = twoInstances(t);

  // The same request id with another case reference: refused REQUEST_EXISTS on its own.
  const onB = outcome(b.record(input(submit('IR-1', 'cd'.repeat(16)), 'hash-2')));
  await a.record(input(submit('IR-1'), 'hash-1'));
  commitA();
  t.equal(await onB, 'IDEMPOTENCY_KEY_REUSED');
});

t.test('a refusal under a key nobody committed stays that refusal', async (t) => {
  const { a } = twoInstances(t);
  await a.record(input(submit('IR-1'), 'hash-1', 'k-1'));
  t.equal(await outcome(a.record(input(submit('IR-1'), 'hash-2', 'k-2'))), 'REQUEST_EXISTS');
});

t.test('another body under a key in progress waits for it: the key is its own if that request records nothing', async (t) => {
  const { a } = twoInstances(t);
  await a.record({ country: 'ET', principalId: 'desk', command: submit('IR-1') });
  // Both sent together under one key: the first is refused (IR-1 exists), so the key stays free for the second.
  const refused = outcome(a.record(input(submit('IR-1'), 'hash-1')));
  const second = outcome(a.record(input(submit('IR-2'), 'hash-2')));
  t.equal(await refused, 'REQUEST_EXISTS');
  t.match(await second, /^recorded /);
  // Once a request has recorded under the key, another body is refused.
  t.equal(await outcome(a.record(input(submit('IR-3'), 'hash-3'))), 'IDEMPOTENCY_KEY_REUSED');
});
