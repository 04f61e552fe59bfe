import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { allProjections, countryStateProjection, governanceProjection, previousProjectionVersions } from '../../../projections/index.js';
import { countryStateV4 } from '../../../projections/country-state/index.js';
import { openReadModelDb, physicalTable } from '../../../src/projection-runtime/read-model-db.js';
import { ReadSide } from '../../../src/projection-runtime/read-side.js';
import { ProjectionRunner } from '../../../src/projection-runtime/runner.js';
import { openSqliteEventStore } from '../../../src/store/sqlite/index.js';
import { appendTo, tableExists } from './helpers.js';

const submit = (store: Parameters<typeof appendTo>[0], id: string, on: string) =>
  appendTo(store, 'ET', 'ReadmissionRequestSubmitted', on, { requestId: id, caseRef: 'ab'.repeat(8), requestingState: 'NL', procedure: 'normal', personCategory: 'own-national' });

t.test('previous versions the service keeps are the ones it can follow, and each current version keeps its predecessor', async (t) => {
  for (const p of previousProjectionVersions) {
    const current = allProjections.find((c) => c.name === p.name);
    t.ok(current && current.version > p.version, `${p.name}@${p.version} precedes a current version`);
  }
  // A version bump must keep its predecessor's code, or the upgrade serves the old version frozen.
  for (const current of allProjections.filter((c) => c.version > 1)) {
    const kept = previousProjectionVersions.some((p) => p.name === current.name && p.version === current.version - 1);
    t.ok(kept, `${current.name}@${current.version - 1} is kept in previousProjectionVersions (projections/index.ts) for the blue/green upgrade to ${current.version}`);
  }
});

t.test('upgrading country-state from version 4: version 4 answers, current, until the current version has caught up', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rcm-upgrade-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const store = openSqliteEventStore({ path: join(dir, 'events.sqlite') });
  t.teardown(() => store.close());
  const rmPath = join(dir, 'rm.sqlite');
  for (let i = 0; i < 100; i++) await submit(store, `R${i}`, '2023-01-02');
  const old = openReadModelDb(rmPath);
  const v4 = new ProjectionRunner({ store, db: old, projections: [countryStateV4, governanceProjection] });
  await v4.start();
  await v4.stop();
  old.close();
  // Recorded while the service was down for the upgrade.
  const late = await submit(store, 'LATE', '2023-02-01');

  const db = openReadModelDb(rmPath);
  t.teardown(() => db.close());
  const v4Entities = physicalTable('country-state', 4, 'entities');
  const seen: { served: string; newest: string | undefined; building: number }[] = [];
  let recordedDuring: Promise<{ lastPosition: number }> | null = null;
  const runner: ProjectionRunner = new ProjectionRunner({
    store,
    db,
    projections: allProjections,
    previousVersions: previousProjectionVersions,
    batchSize: 5,
    onBatchCommitted: () => {
      // Recorded while the current version is being built.
      recordedDuring ??= submit(store, 'DURING', '2023-02-15');
      const building = (db.prepare(`SELECT position FROM projection_checkpoints WHERE name = 'country-state' AND status = 'building'`).get() as { position: number } | undefined)?.position ?? -1;
      if (runner.allLive()) seen.push({ served: runner.table('country-state', 'entities'), newest: readSide.profile('ET').requests.openRequests[0]?.requestId, building });
    },
  });
  const readSide = new ReadSide(db, runner, { countries: ['ET'], today: () => '2023-03-01' });
  await runner.start();
  t.teardown(() => runner.stop());

  const during = seen.filter((s) => s.served === v4Entities);
  t.ok(during.length >= 3, 'version 4 was served during several batches of the build');
  t.ok(during.every((s) => s.newest === 'LATE' || s.newest === 'DURING'), 'it had followed the events recorded since it last ran');
  t.ok(during.some((s) => s.newest === 'DURING' && s.building < 90), 'and it follows those recorded while the current version builds');
  t.equal(runner.table('country-state', 'entities'), physicalTable('country-state', countryStateProjection.version, 'entities'), 'then the current version took over');
  t.notOk(tableExists(db, v4Entities), 'and version 4 was dropped');
  const p = readSide.profile('ET');
  t.equal(p.requests.open, 102);
  t.equal(p.position, (await recordedDuring!).lastPosition);
  t.ok(late.lastPosition < p.position);
});
