import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ANY, NO_STREAM, WrongExpectedVersionError } from '@kurrent/kurrentdb-client';
import t from 'tap';
import { GENESIS_HASH, type StoredEvent } from '../../../contracts/envelope.js';
import { DuplicateEventIdError, IdempotencyConflictError, WrongExpectedRevisionError } from '../../../src/store/errors.js';
import { computeEventHash, verifyChain } from '../../../src/store/hash-chain.js';
import {
  checkNamespace,
  fromCurrentStreamState,
  fromRecordedEvent,
  idempotentEventId,
  KurrentDbEventStore,
  mapWrongExpectedVersion,
  NotOurEventError,
  ourStreamsFilter,
  ourStreamsRegex,
  serverStreamName,
  toEventData,
  toStreamState,
  uuidV5,
  type KurrentDbEventStoreOptions,
} from '../../../src/store/kurrentdb/index.js';
import { loadConfig } from '../../../src/config/config.js';
import { configuredEventStore, openEventStore } from '../../../src/store/open-event-store.js';
import { runEventStoreContract } from './contract.js';
import { trackOpened } from './fixtures.js';
import { FakeKurrentDb } from './kurrentdb-fake.js';

const root = mkdtempSync(join(tmpdir(), 'rcm-kurrent-'));
t.teardown(() => rmSync(root, { recursive: true, force: true }));

function hashed(overrides: Partial<StoredEvent> = {}): StoredEvent {
  const base = trackOpened('ET', 1);
  const event: StoredEvent = {
    eventId: base.eventId,
    type: base.type,
    schemaVersion: base.schemaVersion,
    streamId: 'country-ET',
    streamRevision: 0,
    position: 1,
    country: 'ET',
    occurredOn: base.occurredOn,
    recordedAt: '2024-03-01T10:00:00.000Z',
    recordedBy: base.recordedBy,
    provenance: base.provenance,
    correlationId: 'corr-1',
    data: base.data,
    prevHash: GENESIS_HASH,
    hash: '',
    ...overrides,
  };
  event.hash = computeEventHash(event);
  return event;
}

/** What the server hands back for an event written with toEventData (JSON round trip, bigint revision). */
function asRecorded(data: ReturnType<typeof toEventData>, streamName: string, revision: bigint) {
  return {
    streamId: streamName,
    id: data.id,
    revision,
    type: data.type,
    isJson: true,
    data: JSON.parse(JSON.stringify(data.data)) as unknown,
    metadata: JSON.parse(JSON.stringify(data.metadata)) as unknown,
  };
}

t.test('metadata mapping: envelope -> event data -> envelope keeps every hashed field', async (t) => {
  const event = hashed();
  const data = toEventData(event);
  t.equal(data.id, event.eventId, 'our eventId is the KurrentDB event id');
  t.equal(data.type, 'DialogueTrackOpened');
  t.equal(data.contentType, 'application/json');
  t.same(data.data, event.data, 'data travels as the event data');
  t.match(data.metadata, { rcm: 1, recordedAt: event.recordedAt, recordedBy: 'desk-et', prevHash: GENESIS_HASH, hash: event.hash, $correlationId: 'corr-1' });
  t.notOk('streamId' in (data.metadata as object), 'stream and revision are the server’s own fields');
  const back = fromRecordedEvent(asRecorded(data, 'country-ET', 0n), '').event;
  t.same({ ...back, position: 1 }, event);
  t.notOk('causationId' in back, 'absent optional fields stay absent');
  t.ok(verifyChain([back]).ok, 'the decoded event verifies');

  const claimed = toEventData(event, { scope: 'desk-et:k', requestHash: 'h', eventCount: 2 });
  t.same(fromRecordedEvent(asRecorded(claimed, 'ns-country-ET', 0n), 'ns-').claim, { scope: 'desk-et:k', requestHash: 'h', eventCount: 2 });
});

t.test('metadata mapping refuses events that are not ours', async (t) => {
  const data = toEventData(hashed());
  t.throws(() => fromRecordedEvent(asRecorded(data, 'orders-1', 0n), ''), NotOurEventError);
  t.throws(() => fromRecordedEvent(asRecorded(data, 'country-ET', 0n), 'ns-'), NotOurEventError, 'outside the namespace');
  t.throws(() => fromRecordedEvent({ ...asRecorded(data, 'country-ET', 0n), metadata: { hello: 1 } }, ''), /rcm format/);
  t.throws(() => fromRecordedEvent({ ...asRecorded(data, 'country-ET', 0n), metadata: { ...(data.metadata as object), hash: 3 } }, ''), /misses envelope/);
  t.throws(() => fromRecordedEvent({ ...asRecorded(data, 'country-ET', 0n), isJson: false }, ''), /JSON object/);
  t.throws(
    () => fromRecordedEvent({ ...asRecorded(data, 'country-ET', 0n), metadata: { ...(data.metadata as object), idempotency: { scope: 's' } } }, ''),
    /idempotency claim/,
  );
});

t.test('revision mapping', async (t) => {
  t.equal(toStreamState('any'), ANY);
  t.equal(toStreamState('no_stream'), NO_STREAM);
  t.equal(toStreamState(7), 7n);
  t.equal(fromCurrentStreamState(4n), 4);
  t.equal(fromCurrentStreamState(NO_STREAM), 'no_stream');
  t.equal(fromCurrentStreamState(-6n), 'no_stream', 'tombstone marker');
  t.throws(() => fromCurrentStreamState(2n ** 60n), RangeError);
  const mapped = mapWrongExpectedVersion(new WrongExpectedVersionError(undefined, { streamName: 'country-SO', expected: 0n, current: 2n }), 'country-SO', 0);
  t.type(mapped, WrongExpectedRevisionError);
  t.match(mapped, { code: 'REVISION_CONFLICT', streamId: 'country-SO', expected: 0, actual: 2 });
  const other = new Error('x');
  t.equal(mapWrongExpectedVersion(other, 'country-SO', 0), other);
});

t.test('stream names and the $all filter', async (t) => {
  const re = new RegExp(ourStreamsRegex(''));
  for (const ok of ['country-ET', 'country-IQ', 'scoring-models', 'reporting-periods']) t.ok(re.test(ok), ok);
  for (const no of ['$$country-ET', '$stats-1', 'country-ETX', 'country-et', 'scoring-models-x', 'xcountry-ET', '$et-Foo', 'reporting-periods2']) t.notOk(re.test(no), no);
  const ns = new RegExp(ourStreamsRegex('t1.'));
  t.ok(ns.test('t1.country-ET'));
  t.notOk(ns.test('t1xcountry-ET'), 'the dot is literal');
  t.notOk(ns.test('country-ET'));
  const filter = ourStreamsFilter('rcm-');
  t.match(filter, { filterOn: 'streamName', regex: ourStreamsRegex('rcm-') });
  t.equal(serverStreamName('rcm-', 'country-ET'), 'rcm-country-ET');
  t.throws(() => serverStreamName('', 'orders-1'), { code: 'BAD_REQUEST' });
  t.throws(() => checkNamespace('Bad Name'), { code: 'BAD_REQUEST' });
  t.equal(checkNamespace(''), '');
});

t.test('deterministic event ids (UUID v5)', async (t) => {
  // RFC 9562 appendix A.4: name "www.example.com" in the DNS namespace.
  t.equal(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8'), '2ed6657d-e927-568b-95e1-2665a8aea6a2');
  const a = idempotentEventId('desk-et:key-1', 'h1', 0);
  t.equal(idempotentEventId('desk-et:key-1', 'h1', 0), a, 'same scope, request and index: same id on any instance');
  t.not(idempotentEventId('desk-et:key-1', 'h1', 1), a);
  t.not(idempotentEventId('desk-et:key-1', 'h2', 0), a, 'a different request under the same key gets other ids');
  t.not(idempotentEventId('desk-so:key-1', 'h1', 0), a);
  t.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  t.throws(() => idempotentEventId('s', 'h', -1));
});

// ------------------------------------------------------------------ adapter against the in-process stand-in

let indexCount = 0;
const indexPath = () => join(root, `index-${++indexCount}.sqlite`);
function openOnFake(fake: FakeKurrentDb, extra: Partial<KurrentDbEventStoreOptions> = {}) {
  return KurrentDbEventStore.open({ connectionString: 'kurrentdb://fake', indexPath: ':memory:', client: fake.client(), onWarning: () => {}, ...extra });
}

t.test('contract against an in-process stand-in (no server here)', async (t) => {
  runEventStoreContract(t, 'kurrentdb stand-in', () => openOnFake(new FakeKurrentDb()));
});

t.test('positions stay dense although $all has system and foreign events between ours', async (t) => {
  const fake = new FakeKurrentDb();
  const store = await openOnFake(fake);
  t.teardown(() => store.close());
  await store.append('country-ET', 'no_stream', [trackOpened('ET', 1)]);
  fake.writeForeign('$stats-127.0.0.1:2113');
  fake.writeForeign('orders-17');
  fake.writeForeign('other-country-ET');
  const r = await store.append('country-SO', 'no_stream', [trackOpened('SO', 1), trackOpened('SO', 2)]);
  t.same(r.events.map((e) => e.position), [2, 3]);
  t.same((await store.readAll({ fromPosition: 2 })).map((e) => e.position), [2, 3]);
  t.ok(fake.log.at(-1)!.position.commit > 3n, 'server positions are not dense');
});

t.test('two instances on one server: idempotency, notifications, conflicts', async (t) => {
  const fake = new FakeKurrentDb();
  const a = await openOnFake(fake);
  const b = await openOnFake(fake);
  t.teardown(async () => {
    await a.close();
    await b.close();
  });
  const seenByB: number[] = [];
  b.onCommit((p) => seenByB.push(p));

  const claim = { scope: 'desk-et:key-7', requestHash: 'h7' };
  const ids = [idempotentEventId(claim.scope, claim.requestHash, 0)];
  const first = await a.append('country-ET', 'any', [trackOpened('ET', 1, { eventId: ids[0]! })], { idempotency: claim });
  // The retry lands on the other instance: it finds the claim in the log, appends nothing.
  const retry = await b.append('country-ET', 'any', [trackOpened('ET', 1, { eventId: ids[0]! })], { idempotency: claim }).catch((e: unknown) => e);
  t.type(retry, IdempotencyConflictError);
  t.same((retry as IdempotencyConflictError).existing, { requestHash: 'h7', result: first });
  t.equal((retry as IdempotencyConflictError).sameRequest, true);
  t.same(await b.findIdempotency(claim.scope), { requestHash: 'h7', result: first });
  t.equal(fake.streamRecords('country-ET').length, 1);

  // Both instances race the same key: the second append loses the revision check, then sees the claim.
  const race = { scope: 'desk-so:key-1', requestHash: 'hs' };
  const settled = await Promise.allSettled([
    a.append('country-SO', 'any', [trackOpened('SO', 1)], { idempotency: race }),
    b.append('country-SO', 'any', [trackOpened('SO', 1)], { idempotency: race }),
  ]);
  t.equal(settled.filter((s) => s.status === 'fulfilled').length, 1, 'exactly one append of the raced key');
  const loser = settled.find((s) => s.status === 'rejected') as PromiseRejectedResult;
  t.type(loser.reason, IdempotencyConflictError);
  t.equal(fake.streamRecords('country-SO').length, 1);

  // A stale expected revision after another instance moved the stream.
  await a.append('country-TN', 'no_stream', [trackOpened('TN', 1)]);
  const stale = await b.append('country-TN', 'no_stream', [trackOpened('TN', 2)]).catch((e: unknown) => e);
  t.type(stale, WrongExpectedRevisionError);
  t.match(stale, { expected: 'no_stream', actual: 0 });

  // B's projections hear about A's appends through the subscription.
  const last = await a.append('country-DZ', 'no_stream', [trackOpened('DZ', 1)]);
  await new Promise((r) => setTimeout(r, 20));
  t.equal(seenByB.at(-1), last.lastPosition);
  t.same((await b.readAll()).map((e) => e.eventId), (await a.readAll()).map((e) => e.eventId), 'same dense order on both instances');
  t.ok(verifyChain(await b.readAllRaw()).ok);
});

t.test('a write by another instance between our head read and our append is a conflict, not a fork', async (t) => {
  const fake = new FakeKurrentDb();
  const a = await openOnFake(fake);
  const b = await openOnFake(fake);
  t.teardown(async () => {
    await a.close();
    await b.close();
  });
  await a.append('country-ET', 'no_stream', [trackOpened('ET', 0)]);
  let sneaked = false;
  fake.beforeAppend = async () => {
    if (sneaked) return;
    sneaked = true;
    await b.append('country-ET', 'any', [trackOpened('ET', 1)]);
  };
  const moved = await a.append('country-ET', 0, [trackOpened('ET', 2)]).catch((e: unknown) => e);
  t.type(moved, WrongExpectedRevisionError);
  t.match(moved, { expected: 0, actual: 1 });
  sneaked = false;
  const anyResult = await a.append('country-ET', 'any', [trackOpened('ET', 3)]);
  t.equal(anyResult.lastRevision, 3, "'any' retries on top of the other instance's write");
  t.same(verifyChain(await a.readAllRaw()), { ok: true, eventsChecked: 4, streamsChecked: 1 });
});

t.test("the server's idempotent replay is reported as a duplicate, not as a new append", async (t) => {
  const fake = new FakeKurrentDb();
  const store = await openOnFake(fake);
  t.teardown(() => store.close());
  const e = trackOpened('ET', 1);
  await store.append('country-ET', 'no_stream', [e]);
  await t.rejects(store.append('country-ET', 'any', [{ ...e }]), DuplicateEventIdError, 'caught by the index before the server');
  t.equal(fake.streamRecords('country-ET').length, 1);
});

t.test('the local index survives a restart and is checked against the log', async (t) => {
  const fake = new FakeKurrentDb();
  const path = indexPath();
  const first = await openOnFake(fake, { indexPath: path });
  const r = await first.append('country-ET', 'no_stream', [trackOpened('ET', 1)], { idempotency: { scope: 'desk-et:r', requestHash: 'h' } });
  await first.close();
  await fake.client().appendToStream('country-SO', [toEventData(hashed({ streamId: 'country-SO', country: 'SO', recordedAt: new Date().toISOString() }))], { streamState: NO_STREAM });

  const second = await openOnFake(fake, { indexPath: path });
  t.equal(await second.headPosition(), 2, 'caught up from where the index stopped');
  t.same((await second.findIdempotency('desk-et:r'))?.result, r, 'claims persist');
  await second.close();

  await t.rejects(openOnFake(new FakeKurrentDb(), { indexPath: path }), /does not match the KurrentDB log/, 'an index from another database is refused');
  await t.rejects(openOnFake(fake, { indexPath: path, namespace: 'x-' }), /namespace/);
});

t.test('an event without our metadata in one of our streams stops reads loudly instead of shifting positions', async (t) => {
  const fake = new FakeKurrentDb();
  const store = await openOnFake(fake);
  t.teardown(() => store.close());
  await store.append('country-ET', 'no_stream', [trackOpened('ET', 1)]);
  fake.writeForeign('country-ET');
  await t.rejects(store.headPosition(), NotOurEventError);
  await t.rejects(store.readAll(), NotOurEventError);
});

t.test('openEventStore: SQLite without a URL, KurrentDB only for a kurrentdb:// or esdb:// URL', async (t) => {
  const dataDir = join(root, 'factory');
  const store = await openEventStore({ dataDir, eventStoreUrl: '  ' });
  t.teardown(() => store.close());
  t.equal(store.kind, 'sqlite');
  t.equal((store as { path?: string }).path, join(dataDir, 'events.sqlite'));
  await t.rejects(openEventStore({ dataDir, eventStoreUrl: 'postgres://user:secret@db/x' }), /kurrentdb:\/\/.*postgres:\/\/\*\*\*@db/);
});

t.test('RCM_EVENTSTORE_NAMESPACE: the configured store keeps our streams behind that prefix on the server', async (t) => {
  const dataDir = join(root, 'namespaced');
  mkdirSync(dataDir);
  const config = loadConfig({ RCM_DATA_DIR: dataDir, RCM_EVENTSTORE_URL: 'kurrentdb://fake', RCM_EVENTSTORE_NAMESPACE: 'rcm-' });
  const fake = new FakeKurrentDb();
  const store = await openEventStore({ ...configuredEventStore(config), client: fake.client(), onWarning: () => {} });
  t.teardown(() => store.close());
  await store.append('country-ET', 'no_stream', [trackOpened('ET', 1)]);
  t.equal(fake.streamRecords('rcm-country-ET').length, 1);
  t.equal(fake.streamRecords('country-ET').length, 0);
  t.equal(loadConfig({}).eventStoreNamespace, '', 'none by default');
  t.throws(() => loadConfig({ RCM_EVENTSTORE_NAMESPACE: 'RCM' }), /RCM_EVENTSTORE_NAMESPACE: must be like rcm-/);
});

// ------------------------------------------------------------------ against a real server

const url = process.env['RCM_TEST_EVENTSTORE_URL'];
if (url) {
  t.test('contract against KurrentDB at RCM_TEST_EVENTSTORE_URL', async (t) => {
    // Every store gets its own namespace on the shared server, so each test starts empty.
    runEventStoreContract(t, 'kurrentdb', () =>
      KurrentDbEventStore.open({ connectionString: url, indexPath: ':memory:', namespace: `t${randomUUID().slice(0, 8)}-` }),
    );
  });
} else {
  t.test('contract against a KurrentDB server', { skip: 'RCM_TEST_EVENTSTORE_URL not set: no KurrentDB server on this machine' }, async () => {});
}
