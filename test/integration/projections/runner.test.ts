import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { BUILT_ONCE_PAGE_SIZE, LIVE_PAGE_SIZE, physicalTable, openReadModelDb } from '../../../src/projection-runtime/read-model-db.js';
import { ProjectionRunner } from '../../../src/projection-runtime/runner.js';
import { openSqliteEventStore } from '../../../src/store/sqlite/index.js';
import { AppError } from '../../../src/errors/catalogue.js';
import { appendTo, counterProjection, dumpTables, tableExists } from './helpers.js';

function setup(t: { teardown: (fn: () => unknown) => void }) {
  const dir = mkdtempSync(join(tmpdir(), 'rcm-runner-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const store = openSqliteEventStore({ path: join(dir, 'events.sqlite') });
  t.teardown(() => store.close());
  return { dir, store, rmPath: join(dir, 'read-models.sqlite') };
}

async function fill(store: ReturnType<typeof setup>['store'], n: number) {
  for (let i = 0; i < n; i++) await appendTo(store, i % 2 ? 'ET' : 'TN', 'DialogueCommitmentRecorded', '2023-01-01', { commitmentId: `c${i}`, trackId: 't1', owner: 'partner', description: 'x' });
}

const checkpoint = (db: ReturnType<typeof openReadModelDb>, version: number) =>
  (db.prepare(`SELECT position FROM projection_checkpoints WHERE name = 'counter' AND version = ?`).get(version) as { position: number }).position;

const counts = (db: ReturnType<typeof openReadModelDb>, version: number) =>
  Object.fromEntries(dumpTables(db, counterProjection(version))['counts'] ?? []) as Record<string, { n: number; sum: number }>;

t.test('checkpoint exactly-once: a batch that fails is rolled back whole; a restart does not double count', async (t) => {
  const { store, rmPath } = setup(t);
  await fill(store, 95);
  let failAt: number | null = 37;
  const db1 = openReadModelDb(rmPath);
  const errors: unknown[] = [];
  const r1 = new ProjectionRunner({ store, db: db1, projections: [counterProjection(1, { failAt: () => failAt })], batchSize: 10, onError: (_p, e) => errors.push(e) });
  await r1.start();
  const s1 = (await r1.status())[0]!;
  t.equal(s1.state, 'failed');
  t.match(s1.error, /injected failure at 37/);
  t.equal(errors.length, 1);
  // Batches 1-10, 11-20, 21-30 committed; 31-40 rolled back entirely (no half batch).
  t.equal(checkpoint(db1, 1), 30);
  t.equal(s1.rebuild?.position, 30, 'first build: nothing served yet, progress shown as the rebuild');
  t.same(counts(db1, 1)['all'], { n: 30, sum: (30 * 31) / 2 });
  await r1.stop();
  db1.close();

  // "Restart the process": the failure is gone; it resumes from the checkpoint.
  failAt = null;
  const db2 = openReadModelDb(rmPath);
  t.teardown(() => db2.close());
  const r2 = new ProjectionRunner({ store, db: db2, projections: [counterProjection(1, { failAt: () => failAt })], batchSize: 10 });
  await r2.start();
  t.same(counts(db2, 1)['all'], { n: 95, sum: (95 * 96) / 2 }, 'every event counted exactly once');
  t.equal((await r2.status())[0]!.position, 95);
  await r2.stop();
});

t.test('stopping between batches and restarting resumes without double counting', async (t) => {
  const { store, rmPath } = setup(t);
  await fill(store, 50);
  const db1 = openReadModelDb(rmPath);
  let batches = 0;
  const r1: ProjectionRunner = new ProjectionRunner({
    store,
    db: db1,
    projections: [counterProjection(1)],
    batchSize: 7,
    onBatchCommitted: () => {
      if (++batches === 3) void r1.stop();
    },
  });
  await r1.start();
  const stoppedAt = checkpoint(db1, 1);
  t.ok(stoppedAt >= 21 && stoppedAt < 50, `stopped mid-way at ${stoppedAt}`);
  t.equal(counts(db1, 1)['all']!.n, stoppedAt, 'read model matches its checkpoint');
  db1.close();
  const db2 = openReadModelDb(rmPath);
  t.teardown(() => db2.close());
  const r2 = new ProjectionRunner({ store, db: db2, projections: [counterProjection(1)], batchSize: 7 });
  await r2.start();
  t.same(counts(db2, 1)['all'], { n: 50, sum: (50 * 51) / 2 });
  await r2.stop();
});

t.test('version change: the new version is built beside the live one and switched over when caught up', async (t) => {
  const { store, rmPath } = setup(t);
  await fill(store, 40);
  const db1 = openReadModelDb(rmPath);
  const r1 = new ProjectionRunner({ store, db: db1, projections: [counterProjection(1)], batchSize: 10 });
  await r1.start();
  await r1.stop();
  db1.close();

  const db = openReadModelDb(rmPath);
  t.teardown(() => db.close());
  const v1Table = physicalTable('counter', 1, 'counts');
  const v2Table = physicalTable('counter', 2, 'counts');
  const observed: { served: string; v1n: number; building: number; state: string }[] = [];
  const runner: ProjectionRunner = new ProjectionRunner({
    store,
    db,
    projections: [counterProjection(2, { factor: 10 })],
    previousVersions: [counterProjection(1)],
    batchSize: 10,
    onBatchCommitted: () => {
      const served = runner.table('counter', 'counts');
      const v1n = (JSON.parse((db.prepare(`SELECT doc FROM ${v1Table} WHERE k = 'all'`).get() as { doc: string }).doc) as { n: number }).n;
      const building = (db.prepare(`SELECT position FROM projection_checkpoints WHERE name = 'counter' AND version = 2`).get() as { position: number }).position;
      observed.push({ served, v1n, building, state: 'x' });
    },
  });
  // Appends during the rebuild reach the old version too (it keeps following).
  await appendTo(store, 'ET', 'DialogueCommitmentRecorded', '2023-01-02', { commitmentId: 'late', trackId: 't1', owner: 'NL', description: 'y' });
  await runner.start();
  t.ok(observed.length >= 4, 'several batches');
  const duringBuild = observed.filter((o) => o.building < 41);
  t.ok(duringBuild.length >= 3);
  for (const o of duringBuild) {
    t.equal(o.served, v1Table, 'the old version is served while the new one builds');
    t.ok(o.v1n >= 40, 'and it is complete, never half-built');
  }
  t.equal(runner.table('counter', 'counts'), v2Table, 'switched once caught up');
  t.notOk(tableExists(db, v1Table), 'old tables dropped');
  t.same(counts(db, 2)['all'], { n: 410, sum: (41 * 42) / 2 });
  const st = (await runner.status())[0]!;
  t.match(st, { name: 'counter', version: 2, position: 41, lag: 0, state: 'live', rebuild: null });
  await runner.stop();
});

t.test('read-your-writes: waitForPosition resolves once applied, else NOT_CAUGHT_UP', async (t) => {
  const { store, rmPath } = setup(t);
  const db = openReadModelDb(rmPath);
  t.teardown(() => db.close());
  const runner = new ProjectionRunner({ store, db, projections: [counterProjection(1)] });
  await runner.start();
  const res = await appendTo(store, 'ET', 'DialogueCommitmentRecorded', '2023-01-01', { commitmentId: 'c', trackId: 't', owner: 'EU', description: 'z' });
  await runner.waitForPosition(res.lastPosition, 2000);
  t.equal(counts(db, 1)['ET']!.n, 1, 'the write is visible in the next read');
  t.equal(runner.servedPosition(), res.lastPosition);
  const never = await runner.waitForPosition(res.lastPosition + 5, 30).catch((e: unknown) => e);
  t.match(never, { code: 'BAD_REQUEST', status: 400 }, 'a position beyond the log is refused at once');
  // A recorded position the read models have not reached in time: 503.
  await runner.stop();
  const later = await appendTo(store, 'ET', 'DialogueCommitmentRecorded', '2023-01-02', { commitmentId: 'c2', trackId: 't', owner: 'EU', description: 'z' });
  const err = await runner.waitForPosition(later.lastPosition, 30).catch((e: unknown) => e);
  t.ok(err instanceof AppError);
  t.equal((err as AppError).code, 'NOT_CAUGHT_UP');
  t.equal((err as AppError).status, 503);
});

t.test('follow interval: commits during the interval are applied together later, but a read waiting for a position is served at once', async (t) => {
  const { store, rmPath } = setup(t);
  const db = openReadModelDb(rmPath);
  t.teardown(() => db.close());
  const batches: number[] = [];
  // An interval far longer than the test: only a waiting read (or stop) can bring the commits in.
  const runner = new ProjectionRunner({ store, db, projections: [counterProjection(1)], followIntervalMs: 600_000, onBatchCommitted: (b) => batches.push(b.events) });
  await runner.start();
  const first = await appendTo(store, 'ET', 'DialogueCommitmentRecorded', '2023-01-01', { commitmentId: 'c1', trackId: 't', owner: 'EU', description: 'z' });
  const second = await appendTo(store, 'TN', 'DialogueCommitmentRecorded', '2023-01-01', { commitmentId: 'c2', trackId: 't', owner: 'EU', description: 'z' });
  await new Promise((r) => setImmediate(r));
  t.equal(runner.servedPosition(), 0, 'commits right after a run wait for the interval');
  t.ok(first.lastPosition < second.lastPosition);
  await runner.waitForPosition(second.lastPosition, 5000);
  t.equal(counts(db, 1)['ET']!.n + counts(db, 1)['TN']!.n, 2, 'both writes visible to the waiting read');
  t.same(batches, [2], 'one read-model transaction for both commits');
  await runner.stop(); // clears the pending follow timer (the test would otherwise hang for the interval)
});

t.test('follow interval under sustained appends: a commit heard during a batch waits for the interval too', async (t) => {
  const { store, rmPath } = setup(t);
  await fill(store, 400);
  const db = openReadModelDb(rmPath);
  t.teardown(() => db.close());
  // The runner hears of the log one commit at a time, each while it applies the one before: as in
  // the worker thread under load, where the main thread's commit messages arrive during every batch.
  let announced = 0;
  let announce: ((position: number) => void) | null = null;
  const heard = Object.assign(Object.create(store) as typeof store, { headPosition: async () => announced });
  const inner = counterProjection(1);
  const following: typeof inner = {
    ...inner,
    apply(e, tx) {
      inner.apply(e, tx);
      if (e.position < 400) announce?.((announced = e.position + 1));
    },
  };
  let batches = 0;
  const runner = new ProjectionRunner({
    store: heard,
    db,
    projections: [following],
    followIntervalMs: 250,
    commits: (listener) => ((announce = listener), () => (announce = null)),
    onBatchCommitted: () => batches++,
  });
  await runner.start();
  announce!((announced = 1));
  await new Promise((r) => setTimeout(r, 600));
  t.ok(batches >= 2 && batches <= 4, `${batches} batches in 600 ms: one per 250 ms, not one per commit`);
  t.ok(announced < 10, 'the commits heard meanwhile wait for the next batch');
  announce!((announced = 400));
  await runner.waitForPosition(400, 5000);
  t.same(counts(db, 1)['all'], { n: 400, sum: (400 * 401) / 2 }, 'a waiting read brings the rest in at once, each event applied once');
  await runner.stop();
});

t.test('a catch-up that reaches the head with no commit heard ends at once, whatever the follow interval', async (t) => {
  const { store, rmPath } = setup(t);
  await fill(store, 30);
  const db = openReadModelDb(rmPath);
  t.teardown(() => db.close());
  // One-shot builds (an as-of view's chunks, the auditor's replay) start and stop a runner: they
  // used to idle up to followIntervalMs after their last batch.
  const runner = new ProjectionRunner({ store, db, projections: [counterProjection(1)], batchSize: 8, followIntervalMs: 60_000 });
  const started = runner.start().then(() => 'caught up' as const);
  const idle = new Promise<'idle'>((r) => setTimeout(() => r('idle'), 10_000).unref());
  t.equal(await Promise.race([started, idle]), 'caught up', 'start() resolved without waiting for the interval');
  t.same(counts(db, 1)['all'], { n: 30, sum: (30 * 31) / 2 }, 'every event applied, in batches of 8');
  await runner.stop();
});

t.test('a follow-up catch-up that finds its store closed stops following instead of rejecting unhandled', async (t) => {
  const { store, rmPath } = setup(t);
  const db = openReadModelDb(rmPath);
  t.teardown(() => db.close());
  const runner = new ProjectionRunner({ store, db, projections: [counterProjection(1)], followIntervalMs: 20 });
  await runner.start();
  await appendTo(store, 'ET', 'DialogueCommitmentRecorded', '2023-01-01', { commitmentId: 'c1', trackId: 't', owner: 'EU', description: 'z' });
  // The second commit lands right after the first run: its catch-up waits for the interval,
  // and the store is closed before it fires (tap fails the test on an unhandled rejection).
  await appendTo(store, 'ET', 'DialogueCommitmentRecorded', '2023-01-01', { commitmentId: 'c2', trackId: 't', owner: 'EU', description: 'z' });
  await store.close();
  await new Promise((r) => setTimeout(r, 100));
  await runner.stop();
  t.pass('no unhandled rejection');
});

t.test('maxBatchMs: a slow batch ends at the next 256-event check, from a streaming store and from one that is read in pages', async (t) => {
  const { store, dir } = setup(t);
  await fill(store, 700);
  // Busy for 0.05 ms per event: 256 events always outlast a 1 ms budget, so every batch but the last is cut at a check.
  const slow = (version: number): ReturnType<typeof counterProjection> => {
    const inner = counterProjection(version);
    return {
      ...inner,
      apply(e, tx) {
        const until = performance.now() + 0.05;
        while (performance.now() < until) {
          /* busy */
        }
        inner.apply(e, tx);
      },
    };
  };
  // Without iterateAll the runner reads pages with readAll (as from KurrentDB).
  const limits: (number | undefined)[] = [];
  const paged = Object.assign(Object.create(store) as typeof store, {
    iterateAll: undefined,
    readAll: (o: Parameters<typeof store.readAll>[0]) => (limits.push(o?.limit), store.readAll(o)),
  });
  for (const [label, source] of [['streaming', store], ['paged', paged]] as const) {
    const db = openReadModelDb(join(dir, `rm-${label}.sqlite`));
    t.teardown(() => db.close());
    const sizes: number[] = [];
    const runner = new ProjectionRunner({ store: source, db, projections: [slow(1)], maxBatchMs: 1, onBatchCommitted: (b) => sizes.push(b.events) });
    await runner.start();
    await runner.stop();
    t.same(sizes, [256, 256, 188], `${label}: batches cut at the first check past the budget`);
    t.same(counts(db, 1)['all'], { n: 700, sum: (700 * 701) / 2 }, `${label}: every event applied once`);
  }
  t.same(limits, [50_000, 256, 256], 'after a batch cut by time, pages are as long as what one batch applies');
});

t.test('a new read-model file gets small pages when fed live, big ones when built once; an existing file keeps its own', async (t) => {
  const { rmPath } = setup(t);
  const pageSize = (db: ReturnType<typeof openReadModelDb>) => db.pragma('page_size', { simple: true });
  const live = openReadModelDb(rmPath);
  t.equal(pageSize(live), LIVE_PAGE_SIZE);
  live.close();
  const again = openReadModelDb(rmPath, { pageSize: BUILT_ONCE_PAGE_SIZE });
  t.equal(pageSize(again), LIVE_PAGE_SIZE, 'an existing file keeps its page size');
  again.close();
  const once = openReadModelDb(`${rmPath}.view`, { pageSize: BUILT_ONCE_PAGE_SIZE });
  t.equal(pageSize(once), BUILT_ONCE_PAGE_SIZE);
  once.close();
});
