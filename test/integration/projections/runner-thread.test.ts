import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { AppError } from '../../../src/errors/catalogue.js';
import { openReadModelDb, physicalTable } from '../../../src/projection-runtime/read-model-db.js';
import { ReadSide } from '../../../src/projection-runtime/read-side.js';
import { ProjectionRunner } from '../../../src/projection-runtime/runner.js';
import { ThreadedProjectionRunner } from '../../../src/projection-runtime/runner-thread.js';
import { openSqliteEventStore } from '../../../src/store/sqlite/index.js';
import { ethiopiaStory } from '../../helpers/facts.js';
import { bearer, startTestApp } from '../../helpers/test-app.js';
import { appendTo, counterProjection } from './helpers.js';

function setup(t: { teardown: (fn: () => unknown) => void }) {
  const dir = mkdtempSync(join(tmpdir(), 'rcm-runner-thread-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const store = openSqliteEventStore({ path: join(dir, 'events.sqlite') });
  t.teardown(() => store.close());
  return { store, eventsPath: store.path, readModelsPath: join(dir, 'read-models.sqlite') };
}

async function fill(store: ReturnType<typeof setup>['store'], n: number, from = 0) {
  let position = 0;
  for (let i = from; i < from + n; i++) {
    ({ lastPosition: position } = await appendTo(store, i % 2 ? 'ET' : 'TN', 'DialogueCommitmentRecorded', '2023-01-01', { commitmentId: `c${i}`, trackId: 't1', owner: 'partner', description: 'x' }));
  }
  return position;
}

function start(s: ReturnType<typeof setup>, onError?: (projection: string, error: Error) => void, restartDelayMs?: number) {
  return new ThreadedProjectionRunner({ store: s.store, eventsPath: s.eventsPath, readModelsPath: s.readModelsPath, maxBatchMs: 100, ...(onError ? { onError } : {}), ...(restartDelayMs ? { restartDelayMs } : {}) });
}

t.test('a runner in a worker thread feeds the read models that this thread reads, and says what it serves', async (t) => {
  const s = setup(t);
  await fill(s.store, 20);
  const runner = start(s);
  await runner.start();
  t.teardown(() => runner.stop());
  t.equal(runner.servedPosition(), 20, 'caught up at start');
  t.same([...runner.liveVersions().keys()].sort(), ['country-state', 'governance']);
  const db = openReadModelDb(s.readModelsPath);
  t.teardown(() => db.close());
  const rs = new ReadSide(db, runner, { countries: ['ET', 'TN'] });
  t.equal(rs.timeline('ET', { limit: 100 }).entries.length, 10);

  // Commits are passed on: a read waiting for a position is answered once the worker has it.
  const head = await fill(s.store, 30, 20);
  await rs.ready(head);
  t.equal(runner.servedPosition(), head);
  const page = rs.timeline('ET', { limit: 100 });
  t.equal(page.entries.length, 25);
  t.equal(page.position, head, 'the answer names the position its rows reflect');

  const status = await runner.status();
  t.same(status.map((e) => [e.name, e.state, e.position, e.lag]).sort(), [['country-state', 'live', head, 0], ['governance', 'live', head, 0]]);

  await t.rejects(runner.waitForPosition(head + 10), { code: 'BAD_REQUEST' }, 'a position not recorded yet is refused at once');
});

t.test('a read is one snapshot: batches the worker commits meanwhile are not seen until it ends', async (t) => {
  const s = setup(t);
  await fill(s.store, 10);
  const runner = start(s);
  await runner.start();
  t.teardown(() => runner.stop());
  const db = openReadModelDb(s.readModelsPath);
  t.teardown(() => db.close());
  const rs = new ReadSide(db, runner, { countries: ['ET', 'TN'] });
  t.ok(rs.read(() => db.inTransaction), 'a read runs in a transaction');
  t.notOk(db.inTransaction, 'and ends it');

  // Held open across awaits here (ReadSide's own reads are synchronous): the reads inside join it.
  db.exec('BEGIN');
  const before = rs.read(() => ({ rows: rs.timeline('ET', { limit: 100 }).entries.length, position: rs.position() }));
  const head = await fill(s.store, 20, 10);
  await runner.waitForPosition(head);
  t.equal(runner.servedPosition(), head, 'the worker has committed the new events');
  const during = rs.read(() => ({ rows: rs.timeline('ET', { limit: 100 }).entries.length, position: rs.position() }));
  t.same(during, before, 'same rows and position inside the snapshot');
  db.exec('COMMIT');
  t.same(rs.read(() => ({ rows: rs.timeline('ET', { limit: 100 }).entries.length, position: rs.position() })), { rows: 15, position: head });
});

t.test('a worker that dies is started again and resumes from the checkpoints; stop settles waiting reads', async (t) => {
  const s = setup(t);
  await fill(s.store, 10);
  const errors: string[] = [];
  const runner = start(s, (projection, e) => errors.push(`${projection}: ${e.message}`));
  await runner.start();
  await (runner as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
  t.match(errors, [/\(runner\): The projection runner's worker thread exited/]);
  const head = await fill(s.store, 10, 10);
  await runner.waitForPosition(head, 10_000);
  t.equal(runner.servedPosition(), head, 'caught up after the restart');

  const stopped = runner.stop();
  await stopped;
  await t.rejects(runner.status(), { code: 'NOT_CAUGHT_UP' }, 'no worker after stop');
  t.equal(await runner.stop().then(() => 'again'), 'again', 'stop twice is fine');
});

t.test('a worker that cannot start is started again less and less often', async (t) => {
  const s = setup(t);
  const delays: number[] = [];
  let enough: () => void;
  const thirdDeath = new Promise<void>((resolve) => (enough = resolve));
  // A directory where the read-model file should be: the worker dies as it opens it, every time.
  const runner = new ThreadedProjectionRunner({
    store: s.store,
    eventsPath: s.eventsPath,
    readModelsPath: tmpdir(),
    restartDelayMs: 20,
    maxRestartDelayMs: 40,
    onError: (_projection, e) => {
      const m = /starting it again in (\d+) ms/.exec(e.message);
      if (m) delays.push(Number(m[1]));
      if (delays.length === 3) enough();
    },
  });
  await t.rejects(runner.start(), /worker thread exited/, 'the first start fails');
  await thirdDeath;
  await runner.stop();
  t.same(delays, [20, 40, 40], 'the delay doubles up to the most');
});

t.test('a read waiting while the worker is down is rejected when the runner stops', async (t) => {
  const s = setup(t);
  await fill(s.store, 5);
  const runner = start(s, () => undefined, 60_000);
  await runner.start();
  await (runner as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
  const head = await fill(s.store, 1, 5);
  const waiting = runner.waitForPosition(head, 10_000);
  await runner.stop(); // long before the restart
  await t.rejects(waiting, { code: 'NOT_CAUGHT_UP', message: /stopped/ });
});

// What the worker relies on when it switches a projection version over while this thread reads.
t.test('a read transaction keeps reading a version that a switch-over drops meanwhile', async (t) => {
  const s = setup(t);
  await fill(s.store, 10);
  const writer = openReadModelDb(s.readModelsPath);
  t.teardown(() => writer.close());
  const v1 = new ProjectionRunner({ store: s.store, db: writer, projections: [counterProjection(1)] });
  await v1.start();
  await v1.stop();
  const reader = openReadModelDb(s.readModelsPath);
  t.teardown(() => reader.close());
  const count = () => (reader.prepare(`SELECT count(*) AS n FROM ${physicalTable('counter', 1, 'counts')}`).get() as { n: number }).n;
  reader.exec('BEGIN');
  t.equal(count(), 3, 'all, ET, TN');
  const v2 = new ProjectionRunner({ store: s.store, db: writer, projections: [counterProjection(2)] });
  await v2.start();
  await v2.stop();
  t.equal((writer.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = ?`).get(physicalTable('counter', 1, 'counts')) as { n: number }).n, 0, 'v1 dropped');
  t.equal(count(), 3, 'still readable inside the snapshot');
  reader.exec('COMMIT');
  t.throws(count, /no such table/, 'gone for a new read');
});

t.test('over HTTP with the runner in its worker (the default): writes, read-your-writes, status, the annual report', async (t) => {
  const h = await startTestApp({ RCM_PROJECTION_THREAD: 'worker' });
  t.teardown(() => h.close());
  t.type(h.ctx.readSide.runner, ThreadedProjectionRunner);
  let position = 0;
  for (const step of ethiopiaStory) {
    const res = await h.app.inject({ method: 'POST', url: `/v1/countries/ET/${step.family}`, headers: { ...bearer(h.tokens.deskEtSo), 'content-type': 'application/json' }, payload: step.body });
    if (res.statusCode !== 201) t.fail(`${step.body.type}: ${res.body}`);
    position = res.json().position;
  }
  const analyst = bearer(h.tokens.analyst);
  const timeline = await h.app.inject({ method: 'GET', url: `/v1/countries/ET/timeline?minPosition=${position}&limit=100`, headers: analyst });
  t.equal(timeline.statusCode, 200);
  t.equal(timeline.json().entries.length, ethiopiaStory.length);
  t.equal(timeline.json().position, position);
  const profile = await h.app.inject({ method: 'GET', url: `/v1/countries/ET/profile?minPosition=${position}`, headers: analyst });
  t.equal(profile.json().lastActivity.events, ethiopiaStory.length);
  const status = await h.app.inject({ method: 'GET', url: '/v1/projections', headers: analyst });
  t.same(status.json().projections.map((p: { state: string; lag: number }) => [p.state, p.lag]), [['live', 0], ['live', 0]]);
  t.equal((await h.app.inject({ method: 'GET', url: '/ready' })).statusCode, 200);
  const report = await h.app.inject({ method: 'GET', url: '/v1/reports/annual/2024', headers: analyst });
  t.equal(report.statusCode, 200);
  t.equal(report.json().manifest.position, position, 'the report of now is read from the live read models at the last position');
});
