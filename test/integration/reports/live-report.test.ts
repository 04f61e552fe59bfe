import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { allProjections } from '../../../projections/index.js';
import { asOfCacheFor } from '../../../src/as-of/view-cache.js';
import { openReadModelDb } from '../../../src/projection-runtime/read-model-db.js';
import { ProjectionRunner } from '../../../src/projection-runtime/runner.js';
import { buildAnnualReport } from '../../../src/reports/build-annual-report.js';
import { SnapshotReaders } from '../../../src/reports/snapshot-readers.js';
import { newEvent } from '../projections/helpers.js';
import { generatedStore, generatedWithLiveReadModels } from '../../unit/as-of/history.js';

// The generated histories close each year in the spring of the next: these reports ask for the live
// figures (frozen: false), which is what the live read models hold; frozen reports: frozen-periods.test.ts.
t.test('a report without asOf is read from the live read models when they stand at the cutoff, and equals the report built from the events', async (t) => {
  const countries = ['ET', 'SO', 'TN'];
  const h = await generatedWithLiveReadModels({ events: 3000, countries, years: 4, seed: 11 });
  t.teardown(() => h.close());
  const { live } = h;
  const last = h.recordedAt[h.recordedAt.length - 1]!;
  const cache = () => asOfCacheFor(h.store).stats();

  const after = new Date(Date.parse(last) + 60_000);
  const before = cache();
  for (const year of [2022, 2023]) {
    const fromLive = await buildAnnualReport(h.store, { frozen: false, year, countries, live, now: () => after });
    t.equal(fromLive.manifest.position, h.recordedAt.length, 'the cutoff is the head');
    const fromEvents = await buildAnnualReport(h.store, { frozen: false, year, countries, asOf: fromLive.manifest.asOf, scratch: true });
    t.equal(JSON.stringify(fromLive), JSON.stringify(fromEvents), `${year}: same manifest, same body`);
  }
  t.same(cache(), before, 'no as-of view was built or used');

  // A cutoff the live models have moved past: the cached views answer, with the same result as before.
  const earlier = new Date(Date.parse(h.recordedAt[Math.floor(h.recordedAt.length / 2)]!));
  const past = await buildAnnualReport(h.store, { frozen: false, year: 2023, countries, live, now: () => earlier });
  t.ok(past.manifest.position < h.recordedAt.length);
  const pastFromEvents = await buildAnnualReport(h.store, { frozen: false, year: 2023, countries, asOf: past.manifest.asOf, scratch: true });
  t.equal(JSON.stringify(past), JSON.stringify(pastFromEvents));
  t.ok(cache().entries > before.entries, 'that one came from as-of views');
});

t.test('from a read-model file, the report reads one snapshot and lets the runner commit between countries', async (t) => {
  const countries = ['ET', 'SO', 'TN'];
  const h = await generatedStore({ events: 3000, countries, years: 4, seed: 12 });
  const dir = mkdtempSync(join(tmpdir(), 'rcm-live-report-'));
  const db = openReadModelDb(join(dir, 'read-models.sqlite'));
  const runner = new ProjectionRunner({ store: h.store, db, projections: allProjections, followIntervalMs: 0 });
  await runner.start();
  const readers = new SnapshotReaders(db.name);
  t.teardown(async () => {
    readers.close();
    await runner.stop();
    db.close();
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });
  // Copies of a 2023 dialogue session of TN recorded during the report: TN's section, read last, would show them.
  const session = (await h.store.readStream('country-TN')).find((e) => e.type === 'DialogueSessionHeld' && e.occurredOn.startsWith('2023'))!;
  t.ok(session, 'the history has a 2023 session');
  const commitsDuringReport: number[] = [];
  const pause = async () => {
    const appended = await h.store.append('country-TN', 'any', [newEvent('TN', session.type, session.occurredOn, session.data)]);
    await runner.waitForPosition(appended.lastPosition, 5000);
    commitsDuringReport.push(runner.servedPosition());
  };
  const after = new Date(Date.parse(h.recordedAt[h.recordedAt.length - 1]!) + 60_000);
  const fromLive = await buildAnnualReport(h.store, { frozen: false, year: 2023, countries, live: { db, runner, readers, pause }, now: () => after });
  t.equal(fromLive.manifest.position, h.recordedAt.length, 'the cutoff is the head when the report began');
  t.same(commitsDuringReport, [h.recordedAt.length + 1, h.recordedAt.length + 2], 'the runner committed between countries (before SO, before TN)');
  const fromEvents = await buildAnnualReport(h.store, { frozen: false, year: 2023, countries, asOf: fromLive.manifest.asOf, scratch: true });
  t.equal(JSON.stringify(fromLive), JSON.stringify(fromEvents), 'the report is the one of its cutoff, not of the models that moved meanwhile');
  const now = await buildAnnualReport(h.store, { frozen: false, year: 2023, countries, live: { db, runner, readers } });
  t.equal(now.manifest.position, h.recordedAt.length + 2);
  t.equal(now.report.countries[2]!.dialogueSessions.length, fromLive.report.countries[2]!.dialogueSessions.length + 2, 'read now, the two sessions recorded meanwhile are in');
});
