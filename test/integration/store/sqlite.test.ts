import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import t from 'tap';
import { GENESIS_HASH, type StoredEvent } from '../../../contracts/envelope.js';
import { StoreClosedError, WrongExpectedRevisionError } from '../../../src/store/errors.js';
import { canonicalJson } from '../../../src/store/canonical-json.js';
import { computeEventHash, verifyChain } from '../../../src/store/hash-chain.js';
import { openSqliteEventStore, type SqliteEventStore } from '../../../src/store/sqlite/index.js';
import { runEventStoreContract, type Test } from './contract.js';
import { sessionHeldV1, streamOf, trackOpened } from './fixtures.js';

const root = mkdtempSync(join(tmpdir(), 'rcm-store-'));
t.teardown(() => rmSync(root, { recursive: true, force: true }));
let dbCount = 0;
const freshPath = () => join(root, `db-${++dbCount}`, 'events.sqlite');

// The whole contract on real files (both ways of flushing commits), and once more in memory.
runEventStoreContract(t, 'sqlite file', () => openSqliteEventStore({ path: freshPath() }));
t.test('sqlite-full', async (t) => runEventStoreContract(t, 'sqlite file, SQLite flushes in COMMIT', () => openSqliteEventStore({ path: freshPath(), durableCommit: 'sqlite-full' })));
t.test('in-memory', async (t) => runEventStoreContract(t, 'sqlite :memory:', () => openSqliteEventStore({ path: ':memory:' })));

async function withFileStore(t: Test, options: { maxBatchSize?: number } = {}) {
  const path = freshPath();
  const store = openSqliteEventStore({ path, ...options });
  t.teardown(() => store.close());
  return { path, store };
}

t.test('durability settings are read back: WAL, commits flushed by WalSync (NORMAL) or by SQLite (FULL)', async (t) => {
  const { store } = await withFileStore(t);
  t.same(store.durability(), { journalMode: 'wal', synchronous: 1, durableCommit: 'wal-fdatasync' });
  const path = freshPath();
  const full = openSqliteEventStore({ path, durableCommit: 'sqlite-full' });
  t.teardown(() => full.close());
  t.same(full.durability(), { journalMode: 'wal', synchronous: 2, durableCommit: 'sqlite-full' });
  await full.append('country-ET', 'no_stream', [trackOpened('ET', 1)]);
  t.equal(full.stats().flushes, 0, 'SQLite flushed inside COMMIT');
});

t.test('schema: STRICT tables, JSON checks, user_version', async (t) => {
  const { path, store } = await withFileStore(t);
  await store.append('country-ET', 'no_stream', [trackOpened('ET', 1)]);
  await store.close();
  const db = new Database(path);
  t.teardown(() => db.close());
  t.equal(db.pragma('user_version', { simple: true }), 1);
  const ddl = db.prepare<[], { sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name IN ('events', 'idempotency_keys')").all();
  t.equal(ddl.length, 2);
  for (const { sql } of ddl) t.match(sql, /STRICT$/);
  t.throws(() => db.prepare("UPDATE events SET data = 'not json'").run(), /CHECK constraint failed/);
  t.throws(() => db.prepare("UPDATE events SET stream_revision = 'x'").run(), /cannot store TEXT value in INTEGER column/);
  t.throws(
    () => db.prepare("INSERT INTO idempotency_keys VALUES ('s', 'h', '{broken', '2024-01-01T00:00:00.000Z')").run(),
    /CHECK constraint failed/,
  );
});

t.test('data survives close and reopen; the chain continues', async (t) => {
  const path = freshPath();
  const first = openSqliteEventStore({ path });
  const r1 = await first.append('country-ET', 'no_stream', [trackOpened('ET', 1), trackOpened('ET', 2)]);
  await first.append('country-SO', 'no_stream', [trackOpened('SO', 1)], { idempotency: { scope: 'desk:k1', requestHash: 'h' } });
  await first.close();

  const second = openSqliteEventStore({ path });
  t.teardown(() => second.close());
  t.equal(await second.headPosition(), 3);
  const et = await second.readStream('country-ET');
  t.same(et.map((e) => e.hash), r1.events.map((e) => e.hash));
  t.equal((await second.findIdempotency('desk:k1'))?.requestHash, 'h');
  await t.rejects(second.append('country-ET', 0, [trackOpened('ET', 3)]), WrongExpectedRevisionError, 'revision state survives too');
  const r3 = await second.append('country-ET', 1, [trackOpened('ET', 3)]);
  const [third] = await second.readStream('country-ET', { fromRevision: 2 });
  t.equal(third!.prevHash, r1.events[1]!.hash, 'the chain continues across reopen');
  t.equal(r3.lastPosition, 4);
  t.ok(verifyChain(await second.readAllRaw()).ok);
});

t.test('close() commits appends that are still queued', async (t) => {
  const path = freshPath();
  const store = openSqliteEventStore({ path });
  const pending = store.append('country-TN', 'no_stream', [trackOpened('TN', 1)]);
  await store.close();
  const result = await pending;
  t.equal(result.lastPosition, 1);
  await t.rejects(store.append('country-TN', 'any', [trackOpened('TN', 2)]), StoreClosedError);
  await t.rejects(store.readAll(), StoreClosedError);
  await store.close(); // twice is fine
  const reopened = openSqliteEventStore({ path });
  t.teardown(() => reopened.close());
  t.equal((await reopened.readStream('country-TN')).length, 1);
});

t.test('group commit: 200 concurrent appends share far fewer transactions', async (t) => {
  const { store } = await withFileStore(t);
  const before = store.stats();
  const countries = ['ET', 'SO', 'TN', 'DZ', 'TR'];
  await Promise.all(Array.from({ length: 200 }, (_, i) => store.append(streamOf(countries[i % 5]!), 'any', [trackOpened(countries[i % 5]!, i)])));
  const after = store.stats();
  const transactions = after.transactions - before.transactions;
  t.equal(after.appendsCommitted - before.appendsCommitted, 200);
  t.ok(transactions >= 1 && transactions <= 4, `200 appends in ${transactions} transaction(s)`);
  t.equal(after.largestBatch, 200, 'appends started in one turn form one batch');
  t.equal(await store.headPosition(), 200);
});

t.test('group commit: the batch size is capped', async (t) => {
  const { store } = await withFileStore(t, { maxBatchSize: 50 });
  await Promise.all(Array.from({ length: 200 }, (_, i) => store.append(streamOf('ET'), 'any', [trackOpened('ET', i)])));
  const stats = store.stats();
  t.equal(stats.transactions, 4);
  t.equal(stats.largestBatch, 50);
  t.same((await store.readStream('country-ET')).map((e) => e.streamRevision), Array.from({ length: 200 }, (_, i) => i));
});

t.test('group commit: failures are rolled back alone and counted', async (t) => {
  const { store } = await withFileStore(t);
  await store.append('country-ET', 'no_stream', [trackOpened('ET', 0)]);
  const base = store.stats();
  const settled = await Promise.allSettled([
    store.append('country-ET', 0, [trackOpened('ET', 1)]),
    store.append('country-ET', 0, [trackOpened('ET', 2)]), // sees the first one: conflict
    store.append('country-ET', 1, [trackOpened('ET', 3)]), // sees the first one: fits
    store.append('country-SO', 'any', [{ ...trackOpened('SO', 1), data: { bad: Number.NaN } }]), // no JSON form
  ]);
  t.same(settled.map((s) => s.status), ['fulfilled', 'rejected', 'fulfilled', 'rejected']);
  const stats = store.stats();
  t.equal(stats.transactions - base.transactions, 1, 'one transaction for the whole batch');
  t.equal(stats.appendsCommitted - base.appendsCommitted, 2);
  t.equal(stats.appendsRejected - base.appendsRejected, 2);
  t.same((await store.readStream('country-ET')).map((e) => e.streamRevision), [0, 1, 2]);
  t.same(await store.readStream('country-SO'), []);
});

t.test('onCommit listener errors do not break appends', async (t) => {
  const errors: unknown[] = [];
  const store = openSqliteEventStore({ path: freshPath(), onListenerError: (e) => errors.push(e) });
  t.teardown(() => store.close());
  const seen: number[] = [];
  store.onCommit(() => {
    throw new Error('listener broke');
  });
  store.onCommit((p) => seen.push(p));
  const r = await store.append('country-ET', 'any', [trackOpened('ET', 1)]);
  t.equal(r.lastPosition, 1);
  t.same(seen, [1], 'the next listener still runs');
  t.match(errors, [{ message: 'listener broke' }]);
});

t.test('commits by another process on the same file reach the onCommit listeners', async (t) => {
  const path = freshPath();
  const server = openSqliteEventStore({ path, foreignCommitPollMs: 20 });
  t.teardown(() => server.close());
  await server.append('country-ET', 'any', [trackOpened('ET', 1)]);
  const heard: number[] = [];
  const next = () => new Promise<number>((resolve) => { const off = server.onCommit((p) => (off(), resolve(p))); });
  server.onCommit((p) => heard.push(p));
  // Another connection (a command-line import while the server runs) appends two events.
  const cli = openSqliteEventStore({ path });
  const arrived = next();
  await cli.append('country-SO', 'any', [trackOpened('SO', 2), trackOpened('SO', 3)]);
  await cli.close();
  // The poll's timer does not keep a process alive; this bound does, and fails the test if nothing comes.
  const bound = new Promise<string>((r) => setTimeout(() => r('not heard within 5 s'), 5000));
  t.equal(await Promise.race([arrived, bound]), 3, 'the listener hears the new head');
  await new Promise((r) => setTimeout(r, 100));
  t.same(heard, [3], 'once: quiet ticks tell nothing');
  const own = await server.append('country-ET', 'any', [trackOpened('ET', 4)]);
  await new Promise((r) => setTimeout(r, 100));
  t.same(heard, [3, own.lastPosition], 'its own commit is told once, by the append');
});

t.test('tampering with a row on disk is detected and named', async (t) => {
  const path = freshPath();
  const store = openSqliteEventStore({ path });
  for (let i = 0; i < 4; i++) {
    await store.append('country-ET', 'any', [trackOpened('ET', i)]);
    await store.append('country-DZ', 'any', [trackOpened('DZ', i)]);
  }
  t.ok(verifyChain(await store.readAllRaw()).ok);
  await store.close();

  const db = new Database(path);
  db.prepare(
    "UPDATE events SET data = json_set(data, '$.title', 'rewritten') WHERE stream_id = 'country-DZ' AND stream_revision = 2",
  ).run();
  db.close();

  const reopened = openSqliteEventStore({ path });
  t.teardown(() => reopened.close());
  const result = verifyChain(await reopened.readAllRaw());
  t.match(result, { ok: false, streamId: 'country-DZ', streamRevision: 2, reason: /altered/ });
  t.ok(verifyChain(await reopened.readStream('country-ET')).ok, 'the other stream is intact');
});

t.test('a row whose hash was recomputed after tampering breaks the next link', async (t) => {
  const path = freshPath();
  const store = openSqliteEventStore({ path });
  for (let i = 0; i < 3; i++) await store.append('country-TR', 'any', [trackOpened('TR', i)]);
  const [, second] = await store.readAllRaw();
  await store.close();

  // A careful forger rewrites revision 1 and fixes its own hash, but cannot fix revision 2's prevHash.
  const forged: StoredEvent = { ...second!, data: { ...second!.data, title: 'forged' } };
  const db = new Database(path);
  db.prepare('UPDATE events SET data = ?, hash = ? WHERE stream_id = ? AND stream_revision = 1').run(
    canonicalJson(forged.data),
    computeEventHash(forged),
    'country-TR',
  );
  db.close();

  const reopened = openSqliteEventStore({ path });
  t.teardown(() => reopened.close());
  t.match(verifyChain(await reopened.readAllRaw()), { ok: false, streamId: 'country-TR', streamRevision: 2, reason: /prevHash/ });
});

t.test('a v1 event inserted raw is upcast on read and verifies in stored form', async (t) => {
  const path = freshPath();
  const store = openSqliteEventStore({ path });
  await store.append('country-SO', 'no_stream', [trackOpened('SO', 0)]);
  const head = (await store.streamHeads())[0]!;
  await store.close();

  // Write a legacy row directly, as an old build would have stored it.
  const v1 = sessionHeldV1('SO');
  const stored: Omit<StoredEvent, 'position' | 'hash'> = {
    eventId: v1.eventId,
    type: v1.type,
    schemaVersion: 1,
    streamId: 'country-SO',
    streamRevision: 1,
    country: 'SO',
    occurredOn: v1.occurredOn,
    recordedAt: new Date().toISOString(),
    recordedBy: v1.recordedBy,
    provenance: v1.provenance,
    data: v1.data,
    prevHash: head.lastHash,
  };
  const db = new Database(path);
  db.prepare(
    `INSERT INTO events (event_id, stream_id, stream_revision, type, schema_version, country, occurred_on, recorded_at,
       recorded_by, provenance, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    stored.eventId, stored.streamId, 1, stored.type, 1, 'SO', stored.occurredOn, stored.recordedAt,
    stored.recordedBy, JSON.stringify(stored.provenance), JSON.stringify(stored.data), stored.prevHash, computeEventHash(stored),
  );
  db.close();

  const reopened = openSqliteEventStore({ path });
  t.teardown(() => reopened.close());
  const [, upcast] = await reopened.readStream('country-SO');
  t.equal(upcast!.schemaVersion, 2);
  t.same(upcast!.data, { trackId: 'SO-TRACK-1', participants: ['NL MFA', 'NL DTenV', 'partner MFA'], topics: ['SOP', 'charters'], outcomeSummary: 'Agreed to meet again.' });
  const raw = await reopened.readAllRaw();
  t.equal(raw[1]!.schemaVersion, 1);
  t.equal(raw[1]!.data['participants'], 'NL MFA, NL DTenV , partner MFA');
  t.ok(verifyChain(raw).ok);
  const [iterated] = [...reopened.iterateAll(2)];
  t.same(iterated, upcast, 'iterateAll upcasts too');
});

t.test('iterateAll pages through global order with bounded pages', async (t) => {
  const { store } = await withFileStore(t);
  for (let i = 0; i < 5; i++) {
    await Promise.all(['ET', 'SO', 'TN', 'DZ', 'TR'].map((c) => store.append(streamOf(c), 'any', [trackOpened(c, i), trackOpened(c, i + 100)])));
  }
  const all = await store.readAll();
  t.equal(all.length, 50);
  t.same([...store.iterateAll(1, undefined, { pageSize: 7 })], all, 'pages of 7 give the same events');
  t.same([...store.iterateAll(1, undefined, { pageSize: 50 })], all, 'page size equal to the total');
  t.same([...store.iterateAll(11, 20, { pageSize: 3 })].map((e) => e.position), Array.from({ length: 10 }, (_, i) => i + 11));
  t.same([...store.iterateAll(1, undefined, { raw: true })], await store.readAllRaw());
  t.same([...store.iterateAll(51)], []);

  // Appends can commit while an iteration is paused between pages.
  const it = store.iterateAll(1, undefined, { pageSize: 10 });
  it.next();
  await store.append('country-ET', 'any', [trackOpened('ET', 999)]);
  t.equal([...it].length, 50, 'the paused iteration continues and sees the new event');
});

t.test('iterateAll with globalOnly gives only the events without a country, in global order, across pages', async (t) => {
  const { store } = await withFileStore(t);
  for (let i = 0; i < 6; i++) {
    await store.append(streamOf('ET'), 'any', [trackOpened('ET', i), trackOpened('ET', i + 100)]);
    if (i % 2 === 0) await store.append('scoring-models', 'any', [trackOpened('ET', i + 200, { country: null })]);
  }
  const globals = (await store.readAll()).filter((e) => e.country === null);
  t.equal(globals.length, 3);
  t.same([...store.iterateAll(1, undefined, { globalOnly: true, pageSize: 2 })], globals);
  t.same([...store.iterateAll(globals[0]!.position + 1, undefined, { globalOnly: true })], globals.slice(1), 'from a position');
});

t.test('importEvents keeps ids, times and hashes (migration only)', async (t) => {
  const { store: source } = await withFileStore(t);
  for (let i = 0; i < 3; i++) {
    await Promise.all(['ET', 'TR'].map((c) => source.append(streamOf(c), 'any', [trackOpened(c, i)])));
  }
  await source.append('country-ET', 'any', [sessionHeldV1('ET')]);
  const exported = await source.readAllRaw();

  const { store: target } = await withFileStore(t);
  const commits: number[] = [];
  target.onCommit((p) => commits.push(p));
  const result = await target.importEvents(exported);
  t.same(result, { imported: 7, lastPosition: 7 });
  t.same(commits, [7]);
  const imported = await target.readAllRaw();
  const strip = (e: StoredEvent) => ({ ...e, position: 0 });
  t.same(imported.map(strip), exported.map(strip), 'every field but position is kept');
  t.ok(verifyChain(imported).ok);
  t.same(await target.streamHeads(), await source.streamHeads());
  t.equal(await target.positionAt(exported[3]!.recordedAt), await source.positionAt(exported[3]!.recordedAt));

  // Normal appends continue the imported chains.
  await target.append('country-TR', 2, [trackOpened('TR', 9)]);
  t.ok(verifyChain(await target.readAllRaw()).ok);
});

const rehash = (e: StoredEvent): StoredEvent => ({ ...e, hash: computeEventHash(e) });

t.test('importEvents refuses broken input and writes nothing', async (t) => {
  const { store: source } = await withFileStore(t);
  for (let i = 0; i < 3; i++) await source.append('country-DZ', 'any', [trackOpened('DZ', i)]);
  const good = await source.readAllRaw();

  const cases: Array<[string, StoredEvent[], Function | { message: RegExp }]> = [
    ['altered content', [good[0]!, { ...good[1]!, data: { ...good[1]!.data, title: 'x' } }, good[2]!], { message: /hash does not match/ }],
    ['missing link', [good[0]!, good[2]!], WrongExpectedRevisionError],
    ['wrong prevHash', [{ ...good[0]!, prevHash: 'f'.repeat(64) }], { message: /prevHash/ }],
    // Hashes recomputed so that only the time rule is broken.
    ['recordedAt not in UTC ms form', [rehash({ ...good[0]!, recordedAt: '2024-01-01T00:00:00Z' })], { message: /UTC ISO/ }],
    ['recordedAt going back', [good[0]!, rehash({ ...good[1]!, recordedAt: '2000-01-01T00:00:00.000Z' })], { message: /earlier/ }],
  ];
  for (const [name, events, expected] of cases) {
    const { store: target } = await withFileStore(t);
    await t.rejects(target.importEvents(events), expected, name);
    t.equal(await target.headPosition(), 0, `${name}: nothing written`);
  }
  const { store: target } = await withFileStore(t);
  await target.importEvents(good);
  await t.rejects(target.importEvents(good), WrongExpectedRevisionError, 'importing twice is refused');
  t.equal(await target.headPosition(), 3);
  t.equal(good[0]!.prevHash, GENESIS_HASH);
});

t.test('a batch whose transaction cannot start is rejected as a whole; the store recovers', async (t) => {
  const path = freshPath();
  const store = openSqliteEventStore({ path, busyTimeoutMs: 0 });
  t.teardown(() => store.close());
  await store.append('country-ET', 'no_stream', [trackOpened('ET', 0)]);
  const commits: number[] = [];
  store.onCommit((p) => commits.push(p));

  // Another process holds the write lock.
  const other = new Database(path);
  other.pragma('busy_timeout = 0');
  other.exec('BEGIN IMMEDIATE');
  const settled = await Promise.allSettled([
    store.append('country-ET', 0, [trackOpened('ET', 1)]),
    store.append('country-SO', 'any', [trackOpened('SO', 1)]),
  ]);
  t.same(settled.map((s) => s.status), ['rejected', 'rejected']);
  t.match((settled[0] as PromiseRejectedResult).reason, { code: 'SQLITE_BUSY' });
  t.equal(store.stats().failedTransactions, 1);
  t.same(commits, [], 'no commit was announced');
  other.exec('ROLLBACK');
  other.close();

  const retried = await store.append('country-ET', 0, [trackOpened('ET', 1)]);
  t.equal(retried.lastRevision, 1, 'the next batch commits normally');
  t.same(commits, [retried.lastPosition]);
  t.ok(verifyChain(await store.readAllRaw()).ok);
});

t.test('an append is settled, and listeners hear of it, only after a flush of the WAL that began after its commit', async (t) => {
  const { store } = await withFileStore(t);
  const seen: Array<{ position: number; flushes: number }> = [];
  store.onCommit((position) => seen.push({ position, flushes: store.stats().flushes }));
  const results = await Promise.all(['ET', 'SO', 'TN', 'DZ', 'TR'].map((c) => store.append(`country-${c}`, 'no_stream', [trackOpened(c, 1)])));
  t.equal(results.length, 5);
  const stats = store.stats();
  t.equal(stats.transactions, 1, 'one commit for the five appends of one turn');
  t.equal(stats.flushes, 1, 'and one flush');
  t.same(seen, [{ position: 5, flushes: 1 }]);
});

t.test('a failed flush rejects the commit it covered and every later append (STORAGE_FAILED), and the log stays readable', async (t) => {
  const { path, store } = await withFileStore(t);
  await store.append('country-ET', 'no_stream', [trackOpened('ET', 1)]);
  await store.close();
  // The WAL is gone when the last connection closes; a fresh store opens its descriptor lazily on
  // the first flush, so moving the file away after the first commit makes that flush fail.
  const reopened = openSqliteEventStore({ path });
  t.teardown(() => reopened.close());
  const first = reopened.append('country-SO', 'no_stream', [trackOpened('SO', 1)]);
  renameSync(`${path}-wal`, `${path}-wal.moved`);
  await t.rejects(first, { code: 'STORAGE_FAILED', status: 503 });
  renameSync(`${path}-wal.moved`, `${path}-wal`);
  await t.rejects(reopened.append('country-TN', 'no_stream', [trackOpened('TN', 1)]), { code: 'STORAGE_FAILED' });
  t.equal((await reopened.readStream('country-ET')).length, 1, 'what was durable before is still read');
});
