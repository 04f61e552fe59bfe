import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { allProjections, countryStateProjection } from '../../../projections/index.js';
import { generateHistory } from '../../../scripts/generate-history.js';
import { openReadModelDb, physicalTable, readCheckpoints, type ReadModelDatabase } from '../../../src/projection-runtime/read-model-db.js';
import { ProjectionRunner, type ProjectionRunnerOptions } from '../../../src/projection-runtime/runner.js';
import { openSqliteEventStore, type SqliteEventStore } from '../../../src/store/sqlite/index.js';
import { newEvent } from './helpers.js';

const COUNTRY_STATE = `country-state@${countryStateProjection.version}`;

/**
 * A version of a country-partitioned projection built from scratch by worker threads (one per group
 * of countries, merged afterwards) holds exactly the rows of the build in global order, in every
 * table and column; the runner picks up what was appended after the workers' end, falls back to
 * global order when a worker build fails, and leaves nothing behind when stopped mid-build.
 */

const dir = mkdtempSync(join(tmpdir(), 'rcm-partitioned-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));
const eventsPath = join(dir, 'events.sqlite');
const EVENTS = 4000;

t.before(async () => {
  // Every family, corrections and retractions, over six countries.
  await generateHistory({ events: EVENTS, out: eventsPath, countries: ['ET', 'SO', 'TN', 'DZ', 'TR', 'NG'], years: 3, toYear: 2024, seed: 5, verify: 0 });
});

/** Every row of every table of every projection, all columns, in key order; and the checkpoints. */
function dump(db: ReadModelDatabase): string {
  const out: unknown[] = [];
  for (const p of allProjections) {
    out.push(readCheckpoints(db, p.name));
    for (const spec of p.tables) out.push(db.prepare(`SELECT * FROM ${physicalTable(p.name, p.version, spec.name)} ORDER BY k`).all());
  }
  return JSON.stringify(out);
}

async function build(name: string, options: Partial<ProjectionRunnerOptions> & { store?: SqliteEventStore } = {}): Promise<{ dump: string; batches: { lastPosition: number; events: number; projections: string[] }[] }> {
  const store = options.store ?? openSqliteEventStore({ path: eventsPath });
  const db = openReadModelDb(join(dir, `${name}.sqlite`));
  const batches: { lastPosition: number; events: number; projections: string[] }[] = [];
  try {
    const runner = new ProjectionRunner({ store, db, projections: allProjections, onBatchCommitted: (b) => batches.push(b), ...options });
    await runner.start();
    await runner.stop();
    const status = await runner.status();
    t.same(
      status.map((s) => [s.name, s.state, s.position]),
      allProjections.map((p) => [p.name, 'live', EVENTS]),
      `${name}: every projection live at the head`,
    );
    return { dump: dump(db), batches };
  } finally {
    db.close();
    if (!options.store) await store.close();
  }
}

const scratchFiles = () => readdirSync(dir).filter((f) => f.includes('.build-'));

let serial: string;
t.before(async () => {
  serial = (await build('serial')).dump;
});

t.test('two and three workers build the same rows as one pass in global order', async (t) => {
  // Left by an earlier build with more workers that a crash ended.
  writeFileSync(join(dir, 'workers-2.sqlite.build-country-state-5'), 'stale');
  for (const workers of [2, 3]) {
    const { dump, batches } = await build(`workers-${workers}`, { partitionedBuild: { eventsPath, workers, minEvents: 1 } });
    t.equal(dump, serial, `${workers} workers`);
    t.notOk(
      batches.some((b) => b.projections.includes(COUNTRY_STATE)),
      'country-state was not fed by batches here (the workers built it); governance was',
    );
  }
  t.same(scratchFiles(), [], 'the scratch files are gone, and the stale one');
});

t.test('below the threshold, or with no workers, the build runs here', async (t) => {
  for (const partitionedBuild of [{ eventsPath, workers: 2, minEvents: EVENTS + 1 }, { eventsPath, workers: 0, minEvents: 1 }]) {
    const { dump, batches } = await build(`serial-${partitionedBuild.workers}`, { partitionedBuild });
    t.equal(dump, serial);
    t.ok(batches.some((b) => b.projections.includes(COUNTRY_STATE)));
  }
});

t.test('events after the end of the workers’ share are folded here after the merge', async (t) => {
  const store = openSqliteEventStore({ path: eventsPath });
  t.teardown(() => store.close());
  // The head the runner sees first is 150 events short, as if those were appended while the workers ran.
  const lagging = Object.create(store) as SqliteEventStore;
  let first = true;
  lagging.headPosition = async () => {
    const head = await store.headPosition();
    if (!first) return head;
    first = false;
    return head - 150;
  };
  const { dump, batches } = await build('lagging', { store: lagging, partitionedBuild: { eventsPath, workers: 2, minEvents: 1 } });
  t.equal(dump, serial);
  const countryBatches = batches.filter((b) => b.projections.includes(COUNTRY_STATE));
  t.same(
    countryBatches.map((b) => [b.lastPosition, b.events]),
    [[EVENTS, 150]],
    'one batch of the last 150 events after the merge',
  );
});

t.test('a failed worker build falls back to global order, with a warning', async (t) => {
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.message);
  process.on('warning', onWarning);
  t.teardown(() => process.off('warning', onWarning));
  // A directory where the first worker's scratch file goes: it cannot replace it.
  const blocker = join(dir, 'failing.sqlite.build-country-state-0');
  mkdirSync(blocker);
  t.teardown(() => rmSync(blocker, { recursive: true, force: true }));
  const { dump } = await build('failing', { partitionedBuild: { eventsPath, workers: 2, minEvents: 1 } });
  t.equal(dump, serial);
  await new Promise((r) => setImmediate(r));
  t.match(warnings.join('\n'), new RegExp(`worker build of ${COUNTRY_STATE} failed .*building it in this thread`));
});

t.test('stopped mid-build: no scratch files, the version still at 0, and the next start builds it', async (t) => {
  const store = openSqliteEventStore({ path: eventsPath });
  t.teardown(() => store.close());
  const path = join(dir, 'stopped.sqlite');
  const db = openReadModelDb(path);
  const runner = new ProjectionRunner({ store, db, projections: allProjections, partitionedBuild: { eventsPath, workers: 2, minEvents: 1 } });
  const started = runner.start();
  await new Promise((r) => setTimeout(r, 50));
  t.equal((await runner.status()).find((s) => s.name === 'country-state')?.state, 'rebuilding');
  await runner.stop();
  await started;
  t.same(scratchFiles(), []);
  t.same(readCheckpoints(db, 'country-state'), [{ name: 'country-state', version: countryStateProjection.version, position: 0, status: 'building' }]);
  db.close();
  const { dump } = await build('stopped', { partitionedBuild: { eventsPath, workers: 2, minEvents: 1 } });
  t.equal(dump, serial);
});

t.test('a log without country events: the workers have nothing to do, the version is empty and live', async (t) => {
  const path = join(dir, 'global-only-events.sqlite');
  const store = openSqliteEventStore({ path });
  t.teardown(() => store.close());
  await store.append('reporting-periods', 'any', [newEvent(null, 'PeriodClosed', '2024-01-31', { period: '2023' })]);
  const db = openReadModelDb(join(dir, 'global-only.sqlite'));
  t.teardown(() => db.close());
  const runner = new ProjectionRunner({ store, db, projections: allProjections, partitionedBuild: { eventsPath: path, workers: 2, minEvents: 1 } });
  await runner.start();
  t.same(
    (await runner.status()).map((s) => [s.name, s.state, s.position]),
    [['country-state', 'live', 1], ['governance', 'live', 1]],
  );
  await runner.stop();
  t.equal((db.prepare(`SELECT count(*) AS n FROM ${physicalTable('governance', 1, 'closed_periods')}`).get() as { n: number }).n, 1);
});
