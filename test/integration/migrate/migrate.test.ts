import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import t from 'tap';
import { verifyChain } from '../../../src/store/hash-chain.js';
import { openSqliteEventStore } from '../../../src/store/sqlite/index.js';
import { main, parseEndpoint, runMigration, type EndpointSpec } from '../../../scripts/migrate.js';
import { sessionHeldV1, trackOpened } from '../store/fixtures.js';
import { FakeKurrentDb } from '../store/kurrentdb-fake.js';
import { childEnv } from '../../helpers/child-env.js';

const root = mkdtempSync(join(tmpdir(), 'rcm-migrate-'));
t.teardown(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(root, `db-${++n}.sqlite`);
const sqlite = (path: string): EndpointSpec => ({ kind: 'sqlite', path });
const quiet = { log: () => {} };

/** A source with 5 streams, interleaved appends, multi-event appends, an old schema version and idempotency claims. */
async function makeSource(events = 60): Promise<string> {
  const path = fresh();
  const store = openSqliteEventStore({ path });
  const countries = ['ET', 'SO', 'TN', 'DZ', 'TR'];
  await store.append('country-ET', 'no_stream', [sessionHeldV1('ET')]);
  for (let i = 1; i < events; i++) {
    const c = countries[i % 5]!;
    const batch = i % 7 === 0 ? [trackOpened(c, i), trackOpened(c, i + 1000)] : [trackOpened(c, i)];
    await store.append(`country-${c}`, 'any', batch, i % 10 === 0 ? { idempotency: { scope: `desk-${c}:k${i}`, requestHash: `h${i}` } } : {});
  }
  await store.append('scoring-models', 'no_stream', [{ ...trackOpened('ET', 0), country: null, type: 'ScoringModelPublished', data: { version: 1 } }]);
  await store.close();
  return path;
}

async function snapshot(path: string) {
  const store = openSqliteEventStore({ path });
  try {
    const raw = await store.readAllRaw();
    const claims = new Database(path, { readonly: true }).prepare('SELECT scope, request_hash, result FROM idempotency_keys ORDER BY scope').all();
    return { raw, heads: await store.streamHeads(), claims };
  } finally {
    await store.close();
  }
}

t.test('endpoint parsing', async (t) => {
  t.same(parseEndpoint('sqlite:./data/events.sqlite'), { kind: 'sqlite', path: './data/events.sqlite' });
  t.same(parseEndpoint('kurrentdb://admin:changeit@127.0.0.1:2113?tls=false', 'rcm-'), {
    kind: 'kurrentdb',
    url: 'kurrentdb://admin:changeit@127.0.0.1:2113?tls=false',
    namespace: 'rcm-',
  });
  t.equal(parseEndpoint('esdb://h:2113').kind, 'kurrentdb');
  t.throws(() => parseEndpoint('postgres://x'), /neither/);
  t.throws(() => parseEndpoint('sqlite:'), /No path/);
});

t.test('SQLite to SQLite copies everything: ids, times, principals, hashes, positions, idempotency records', async (t) => {
  const from = await makeSource();
  const to = fresh();
  const summary = await runMigration({ from: sqlite(from), to: sqlite(to), batchSize: 16, ...quiet });
  const a = await snapshot(from);
  const b = await snapshot(to);
  t.equal(summary.sourceEvents, a.raw.length);
  t.equal(summary.resumedFrom, 0);
  t.equal(summary.idempotencyRecords, 5);
  t.same(b.raw, a.raw, 'identical stored events, positions included');
  t.same(b.heads, a.heads);
  t.same(b.claims, a.claims);
  t.ok(verifyChain(b.raw).ok);
  t.equal(b.raw[0]!.schemaVersion, 1, 'old schema versions are copied in their stored form');
});

t.test('an interrupted migration resumes where the target stopped', async (t) => {
  const from = await makeSource(80);
  const to = fresh();
  const lines: string[] = [];
  let batches = 0;
  await t.rejects(
    runMigration({
      from: sqlite(from),
      to: sqlite(to),
      batchSize: 10,
      log: (l) => lines.push(l),
      afterBatch: () => {
        if (++batches === 3) throw new Error('simulated crash');
      },
    }),
    /simulated crash/,
  );
  const partial = await snapshot(to);
  t.equal(partial.raw.length, 30, 'three batches landed');
  t.ok(lines.some((l) => /^copied \d+\/\d+/.test(l)), 'progress is printed');

  const summary = await runMigration({ from: sqlite(from), to: sqlite(to), batchSize: 10, ...quiet });
  t.equal(summary.resumedFrom, 30);
  t.equal(summary.copied, summary.sourceEvents - 30);
  t.same((await snapshot(to)).raw, (await snapshot(from)).raw);

  const again = await runMigration({ from: sqlite(from), to: sqlite(to), ...quiet });
  t.equal(again.copied, 0, 'a finished migration run again copies nothing and verifies');
});

t.test('a tampered source is detected and the run fails', async (t) => {
  const from = await makeSource(20);
  const db = new Database(from);
  db.prepare("UPDATE events SET data = json_set(data, '$.title', 'Altered') WHERE position = 7").run();
  db.close();
  const to = fresh();
  await t.rejects(runMigration({ from: sqlite(from), to: sqlite(to), batchSize: 5, ...quiet }), /hash does not match the event content/);
  const err: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string) => (err.push(String(chunk)), true)) as typeof process.stderr.write;
  try {
    t.equal(await main(['--from', `sqlite:${from}`, '--to', `sqlite:${fresh()}`]), 1, 'exit code 1');
  } finally {
    process.stderr.write = write;
  }
  t.match(err.join(''), /migrate failed: .*position 7|migrate failed: .*hash does not match/);
});

t.test('a target that is not a prefix of the source is refused', async (t) => {
  const from = await makeSource(10);
  const to = fresh();
  const other = openSqliteEventStore({ path: to });
  await other.append('country-ET', 'no_stream', [trackOpened('ET', 99)]);
  await other.close();
  await t.rejects(runMigration({ from: sqlite(from), to: sqlite(to), ...quiet }), /not a copy in progress/);
});

t.test('SQLite -> KurrentDB (in-process stand-in) -> SQLite keeps hashes, positions and idempotency records', async (t) => {
  const from = await makeSource(40);
  const fake = new FakeKurrentDb();
  fake.writeForeign('$stats-node');
  const kurrent: EndpointSpec = { kind: 'kurrentdb', url: 'kurrentdb://stand-in', namespace: 'mig-' };
  const there = await runMigration({ from: sqlite(from), to: kurrent, batchSize: 7, kurrentClient: fake.client(), ...quiet });
  t.equal(there.idempotencyRecords, 3);
  t.ok(fake.log.some((r) => r.streamId === 'mig-country-ET'), 'streams carry the namespace on the server');
  const back = fresh();
  const summary = await runMigration({ from: kurrent, to: sqlite(back), batchSize: 9, kurrentClient: fake.client(), ...quiet });
  t.equal(summary.idempotencyRecords, 3);
  const a = await snapshot(from);
  const b = await snapshot(back);
  t.same(b.raw, a.raw);
  t.same(b.claims, a.claims);
});

t.test('command line: usage errors exit 2; a real run exits 0', async (t) => {
  t.equal(await main(['--from', 'sqlite:x']), 2);
  const from = await makeSource(12);
  const to = fresh();
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts', '--from', `sqlite:${from}`, '--to', `sqlite:${to}`], {
    cwd: join(import.meta.dirname, '../../..'),
    env: childEnv(),
    encoding: 'utf8',
  });
  t.equal(run.status, 0, run.stderr);
  t.match(run.stderr, /OK: \d+ events in 6 streams, chains verified, 1 idempotency records/);
});
