/**
 * The event-store contract: behaviour every adapter behind src/store/port.ts must show.
 * Run it with `runEventStoreContract(t, 'sqlite', () => openSqliteEventStore(...))`; the KurrentDB
 * adapter runs the same suite.
 */
import type tap from 'tap';
import { GENESIS_HASH } from '../../../contracts/envelope.js';
import { DuplicateEventIdError, IdempotencyConflictError, WrongExpectedRevisionError } from '../../../src/store/errors.js';
import { verifyChain } from '../../../src/store/hash-chain.js';
import type { AppendResult, EventStore } from '../../../src/store/port.js';
import { sessionHeldV1, streamOf, trackOpened } from './fixtures.js';

/** A tap test object (the root `t` or a subtest). */
export type Test = Parameters<Parameters<typeof tap.test>[0]>[0];

export type MakeStore = () => EventStore | Promise<EventStore>;

function settledSplit<T>(results: PromiseSettledResult<T>[]) {
  const ok = results.filter((r): r is PromiseFulfilledResult<T> => r.status === 'fulfilled').map((r) => r.value);
  const errors = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as unknown);
  return { ok, errors };
}

export function runEventStoreContract(t: Test, name: string, makeStore: MakeStore): void {
  const withStore = (title: string, fn: (t: Test, store: EventStore) => Promise<void>) =>
    t.test(`${name}: ${title}`, async (t) => {
      const store = await makeStore();
      t.teardown(() => store.close());
      await fn(t, store);
    });

  withStore('an empty store', async (t, store) => {
    t.equal(await store.headPosition(), 0);
    t.same(await store.readAll(), []);
    t.same(await store.readStream('country-XX'), []);
    t.same(await store.streamHeads(), []);
    t.equal(await store.positionAt(new Date().toISOString()), 0);
    t.equal(await store.findIdempotency('nobody:nothing'), undefined);
  });

  withStore('append assigns revisions, positions, recordedAt and the hash chain', async (t, store) => {
    const before = new Date().toISOString();
    const events = [trackOpened('ET', 1), trackOpened('ET', 2), trackOpened('ET', 3)];
    const result = await store.append(streamOf('ET'), 'no_stream', events);
    t.equal(result.streamId, 'country-ET');
    t.equal(result.lastRevision, 2);
    t.same(result.events.map((e) => e.streamRevision), [0, 1, 2]);
    t.same(result.events.map((e) => e.eventId), events.map((e) => e.eventId));
    t.ok(result.events[0]!.position < result.events[1]!.position && result.events[1]!.position < result.events[2]!.position);
    t.equal(result.lastPosition, result.events[2]!.position);
    t.equal(await store.headPosition(), result.lastPosition);
    for (const e of result.events) {
      t.match(e.recordedAt, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      t.ok(e.recordedAt >= before, 'recordedAt is assigned at append time');
      t.match(e.hash, /^[a-f0-9]{64}$/);
    }

    const stored = await store.readStream('country-ET');
    t.equal(stored.length, 3);
    t.equal(stored[0]!.prevHash, GENESIS_HASH, 'revision 0 links to the genesis hash');
    t.equal(stored[1]!.prevHash, stored[0]!.hash);
    t.equal(stored[2]!.prevHash, stored[1]!.hash);
    t.same(stored.map((e) => e.hash), result.events.map((e) => e.hash));
    t.same(stored[0]!.data, events[0]!.data);
    t.same(stored[0]!.provenance, events[0]!.provenance);
    t.equal(stored[0]!.correlationId, 'corr-1');
    t.notOk('causationId' in stored[0]!, 'absent optional fields stay absent');
    t.equal(stored[0]!.recordedBy, 'desk-et');
    t.equal(stored[0]!.country, 'ET');
  });

  withStore('expected revision: exact, any, and mismatches', async (t, store) => {
    await store.append('country-SO', 'no_stream', [trackOpened('SO', 1)]);
    const second = await store.append('country-SO', 0, [trackOpened('SO', 2)]);
    t.equal(second.lastRevision, 1, 'exact expected revision appends');
    const third = await store.append('country-SO', 'any', [trackOpened('SO', 3)]);
    t.equal(third.lastRevision, 2, "'any' appends at the head");

    const stale = await store.append('country-SO', 0, [trackOpened('SO', 4)]).catch((e: unknown) => e);
    t.type(stale, WrongExpectedRevisionError);
    t.match(stale, { code: 'REVISION_CONFLICT', streamId: 'country-SO', expected: 0, actual: 2 });

    const exists = await store.append('country-SO', 'no_stream', [trackOpened('SO', 5)]).catch((e: unknown) => e);
    t.type(exists, WrongExpectedRevisionError, 'no_stream on an existing stream is a conflict');
    t.match(exists, { expected: 'no_stream', actual: 2 });

    const missing = await store.append('country-TN', 4, [trackOpened('TN', 1)]).catch((e: unknown) => e);
    t.type(missing, WrongExpectedRevisionError);
    t.match(missing, { streamId: 'country-TN', expected: 4, actual: 'no_stream' });

    t.equal((await store.readStream('country-SO')).length, 3, 'rejected appends wrote nothing');
    t.same(await store.readStream('country-TN'), []);
  });

  withStore('event ids are unique across the log; a duplicate rolls back its whole append', async (t, store) => {
    const first = trackOpened('ET', 1);
    await store.append('country-ET', 'no_stream', [first]);
    const fresh = trackOpened('DZ', 1);
    const dup = await store.append('country-DZ', 'any', [fresh, { ...trackOpened('DZ', 2), eventId: first.eventId }]).catch((e: unknown) => e);
    t.type(dup, DuplicateEventIdError);
    t.match(dup, { code: 'DUPLICATE_EVENT_ID', eventId: first.eventId });
    t.same(await store.readStream('country-DZ'), [], 'the other event of that append is not stored either');
    t.equal(await store.headPosition(), 1);
  });

  withStore('hash chains run per stream and verify', async (t, store) => {
    for (let i = 0; i < 5; i++) {
      for (const c of ['ET', 'TR', 'DZ']) await store.append(streamOf(c), 'any', [trackOpened(c, i)]);
    }
    const raw = await store.readAllRaw();
    t.equal(raw.length, 15);
    t.same(verifyChain(raw), { ok: true, eventsChecked: 15, streamsChecked: 3 });
    const heads = await store.streamHeads();
    t.same(heads.map((h) => h.streamId).sort(), ['country-DZ', 'country-ET', 'country-TR']);
    for (const head of heads) {
      const stream = await store.readStream(head.streamId);
      t.equal(head.lastRevision, 4);
      t.equal(head.lastHash, stream[4]!.hash);
      t.equal(stream[0]!.prevHash, GENESIS_HASH);
    }
  });

  withStore('200 concurrent appends across streams all commit', async (t, store) => {
    const countries = ['ET', 'SO', 'TN', 'DZ', 'TR'];
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => store.append(streamOf(countries[i % 5]!), 'any', [trackOpened(countries[i % 5]!, i)])),
    );
    const positions = results.map((r) => r.lastPosition).sort((a, b) => a - b);
    t.same(positions, Array.from({ length: 200 }, (_, i) => i + 1), 'every append got its own position');
    t.equal(await store.headPosition(), 200);
    for (const c of countries) {
      const stream = await store.readStream(streamOf(c));
      t.same(stream.map((e) => e.streamRevision), Array.from({ length: 40 }, (_, i) => i), `${c}: revisions 0..39 without gaps`);
    }
    t.ok(verifyChain(await store.readAllRaw()).ok);
  });

  withStore('a failing append does not affect the appends that run with it', async (t, store) => {
    await store.append('country-ET', 'no_stream', [trackOpened('ET', 0)]);
    const settled = await Promise.allSettled([
      store.append('country-SO', 'no_stream', [trackOpened('SO', 1)]),
      store.append('country-ET', 7, [trackOpened('ET', 1)]), // wrong expected revision
      store.append('country-TN', 'no_stream', [trackOpened('TN', 1), trackOpened('TN', 2)]),
    ]);
    t.equal(settled[0].status, 'fulfilled');
    t.equal(settled[1].status, 'rejected');
    t.type((settled[1] as PromiseRejectedResult).reason, WrongExpectedRevisionError);
    t.equal(settled[2].status, 'fulfilled');
    t.equal((await store.readStream('country-SO')).length, 1);
    t.equal((await store.readStream('country-TN')).length, 2);
    t.equal((await store.readStream('country-ET')).length, 1);
    t.ok(verifyChain(await store.readAllRaw()).ok);
  });

  withStore('concurrent appends with the same expected revision: exactly one wins', async (t, store) => {
    await store.append('country-TR', 'no_stream', [trackOpened('TR', 0)]);
    const { ok, errors } = settledSplit(
      await Promise.allSettled(Array.from({ length: 10 }, (_, i) => store.append('country-TR', 0, [trackOpened('TR', i + 1)]))),
    );
    t.equal(ok.length, 1, 'one append wins');
    t.equal(errors.length, 9);
    for (const e of errors) t.match(e, { constructor: WrongExpectedRevisionError, expected: 0, actual: 1 });
    const stream = await store.readStream('country-TR');
    t.same(stream.map((e) => e.streamRevision), [0, 1]);
    t.equal(stream[1]!.eventId, ok[0]!.events[0]!.eventId);
  });

  withStore('idempotency: a claimed scope rolls back the second append; the rest of the burst is kept', async (t, store) => {
    const claim = { scope: 'desk-et:key-1', requestHash: 'h1' };
    const settled = await Promise.allSettled([
      store.append('country-ET', 'any', [trackOpened('ET', 1)], { idempotency: claim }),
      store.append('country-SO', 'any', [trackOpened('SO', 1)]),
      store.append('country-ET', 'any', [trackOpened('ET', 2)], { idempotency: claim }),
      store.append('country-TN', 'any', [trackOpened('TN', 1)], { idempotency: { scope: 'desk-tn:key-1', requestHash: 'h9' } }),
    ]);
    const [a, b, c, d] = settled;
    t.equal(a!.status, 'fulfilled');
    t.equal(b!.status, 'fulfilled');
    t.equal(d!.status, 'fulfilled');
    t.equal(c!.status, 'rejected');
    const conflict = (c as PromiseRejectedResult).reason as IdempotencyConflictError;
    t.type(conflict, IdempotencyConflictError);
    t.equal(conflict.scope, 'desk-et:key-1');
    t.equal(conflict.sameRequest, true);
    const winner = (a as PromiseFulfilledResult<AppendResult>).value;
    t.same(conflict.existing, { requestHash: 'h1', result: winner }, 'the error carries the original result');

    t.equal((await store.readStream('country-ET')).length, 1, 'the duplicate appended nothing');
    t.equal((await store.readStream('country-SO')).length, 1);
    t.equal((await store.readStream('country-TN')).length, 1);
    t.same(await store.findIdempotency('desk-et:key-1'), { requestHash: 'h1', result: winner });

    const reused = await store
      .append('country-ET', 'any', [trackOpened('ET', 3)], { idempotency: { scope: 'desk-et:key-1', requestHash: 'other' } })
      .catch((e: unknown) => e);
    t.match(reused, { constructor: IdempotencyConflictError, sameRequest: false, code: 'IDEMPOTENCY_KEY_REUSED' });
    t.equal((await store.readStream('country-ET')).length, 1);
  });

  withStore('a failed append does not claim its idempotency scope', async (t, store) => {
    await store.append('country-DZ', 'no_stream', [trackOpened('DZ', 0)]);
    const claim = { scope: 'desk-dz:k', requestHash: 'h' };
    await t.rejects(store.append('country-DZ', 5, [trackOpened('DZ', 1)], { idempotency: claim }), WrongExpectedRevisionError);
    t.equal(await store.findIdempotency('desk-dz:k'), undefined);
    const retried = await store.append('country-DZ', 0, [trackOpened('DZ', 1)], { idempotency: claim });
    t.same((await store.findIdempotency('desk-dz:k'))?.result, retried);
  });

  withStore('recordedAt is non-decreasing in position order; positionAt maps a time to a position', async (t, store) => {
    for (let round = 0; round < 4; round++) {
      await Promise.all(['ET', 'SO', 'TN'].map((c) => store.append(streamOf(c), 'any', [trackOpened(c, round)])));
      await new Promise((r) => setTimeout(r, 3)); // let the clock move between rounds
    }
    const all = await store.readAll();
    t.equal(all.length, 12);
    for (let i = 1; i < all.length; i++) {
      t.ok(all[i]!.position > all[i - 1]!.position);
      t.ok(all[i]!.recordedAt >= all[i - 1]!.recordedAt, `recordedAt at position ${all[i]!.position} does not go back`);
    }
    t.equal(await store.positionAt('2000-01-01T00:00:00.000Z'), 0, 'before the first event');
    t.equal(await store.positionAt('2999-01-01T00:00:00Z'), 12, 'after the last event');
    for (const e of all) {
      const p = await store.positionAt(e.recordedAt);
      const lastWithSameTime = all.filter((x) => x.recordedAt <= e.recordedAt).at(-1)!;
      t.equal(p, lastWithSameTime.position, `positionAt(${e.recordedAt})`);
    }
    // An offset form of the same instant gives the same cutoff.
    const mid = all[5]!.recordedAt;
    const withOffset = new Date(mid).toISOString().replace('Z', '+00:00');
    t.equal(await store.positionAt(withOffset), await store.positionAt(mid));
  });

  withStore('readAll and readStream windows', async (t, store) => {
    for (let i = 0; i < 10; i++) await store.append(streamOf(i % 2 ? 'ET' : 'SO'), 'any', [trackOpened(i % 2 ? 'ET' : 'SO', i)]);
    t.same((await store.readAll({ fromPosition: 4 })).map((e) => e.position), [4, 5, 6, 7, 8, 9, 10]);
    t.same((await store.readAll({ fromPosition: 4, toPosition: 6 })).map((e) => e.position), [4, 5, 6], 'toPosition is inclusive');
    t.same((await store.readAll({ fromPosition: 2, limit: 3 })).map((e) => e.position), [2, 3, 4]);
    t.same((await store.readAll({ fromPosition: 11 })), []);
    t.same((await store.readStream('country-ET', { fromRevision: 2 })).map((e) => e.streamRevision), [2, 3, 4]);
    t.same((await store.readStream('country-ET', { fromRevision: 1, limit: 2 })).map((e) => e.streamRevision), [1, 2]);
    const all = await store.readAll();
    t.same(all.map((e) => e.position), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 'global order');
  });

  withStore('readStream of some types skips the others where they are stored; limit counts the events returned', async (t, store) => {
    for (let i = 0; i < 9; i++) await store.append(streamOf('ET'), 'any', [i % 3 === 0 ? sessionHeldV1('ET') : trackOpened('ET', i)]);
    await store.append(streamOf('SO'), 'any', [sessionHeldV1('SO')]);
    const all = await store.readStream('country-ET');
    const sessions = await store.readStream('country-ET', { types: ['DialogueSessionHeld'] });
    t.same(sessions.map((e) => e.streamRevision), [0, 3, 6]);
    t.same(sessions, [all[0], all[3], all[6]], 'the same events as a whole read (upcast, with their positions)');
    t.same((await store.readStream('country-ET', { types: ['DialogueSessionHeld'], fromRevision: 1, limit: 1 })).map((e) => e.streamRevision), [3]);
    t.same((await store.readStream('country-ET', { types: ['DialogueTrackOpened', 'DialogueSessionHeld'], limit: 4 })).map((e) => e.streamRevision), [0, 1, 2, 3]);
    t.same(await store.readStream('country-ET', { types: [] }), [], 'no type: nothing');
    t.same(await store.readStream('country-ET', { types: ['ReturnsReported'] }), []);
  });

  withStore('old schema versions are upcast on read; readAllRaw keeps the stored form', async (t, store) => {
    const old = sessionHeldV1('ET');
    await store.append('country-ET', 'no_stream', [old]);
    const [upcast] = await store.readAll();
    t.equal(upcast!.schemaVersion, 2);
    t.same(upcast!.data['participants'], ['NL MFA', 'NL DTenV', 'partner MFA']);
    t.same(upcast!.data['topics'], ['SOP', 'charters']);
    const [viaStream] = await store.readStream('country-ET');
    t.same(viaStream, upcast);
    const [raw] = await store.readAllRaw();
    t.equal(raw!.schemaVersion, 1);
    t.same(raw!.data, old.data);
    t.ok(verifyChain([raw!]).ok, 'the hash covers the stored form');
    t.notOk(verifyChain([upcast!]).ok, 'an upcast event does not verify');
  });

  withStore('onCommit listeners see the last committed position', async (t, store) => {
    const seen: number[] = [];
    const off = store.onCommit((p) => seen.push(p));
    const results = await Promise.all([store.append('country-ET', 'any', [trackOpened('ET', 1)]), store.append('country-SO', 'any', [trackOpened('SO', 1)])]);
    const last = Math.max(...results.map((r) => r.lastPosition));
    t.ok(seen.length >= 1);
    t.equal(seen.at(-1), last);
    off();
    await store.append('country-ET', 'any', [trackOpened('ET', 2)]);
    t.equal(seen.at(-1), last, 'unsubscribed listeners are not called');
  });

  withStore('bad arguments are refused before they reach the log', async (t, store) => {
    await t.rejects(store.append('country-ET', 'any', []), { code: 'BAD_REQUEST' });
    await t.rejects(store.append('country-ET', -1, [trackOpened('ET', 1)]), { code: 'BAD_REQUEST' });
    await t.rejects(store.append('country-ET', 1.5, [trackOpened('ET', 1)]), { code: 'BAD_REQUEST' });
    t.equal(await store.headPosition(), 0);
  });
}
