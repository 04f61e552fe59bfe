import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { allProjections } from '../../../projections/index.js';
import { generateHistory } from '../../../scripts/generate-history.js';
import { openReadModelDb, physicalTable } from '../../../src/projection-runtime/read-model-db.js';
import { ProjectionRunner } from '../../../src/projection-runtime/runner.js';
import { openSqliteEventStore } from '../../../src/store/sqlite/index.js';

/**
 * Read models are kept across starts per projection version: the live ones in `read-models.sqlite`,
 * the as-of views in `<data dir>/as-of-cache`. A start trusts them only because a projection that
 * folds events differently gets a new version. If this fails: you changed what a projection writes
 * (its code, or a module it uses such as the scoring model): bump that projection's `version` and
 * record the new fingerprint below. If only the generated history changed (scripts/generate-history.ts),
 * record the new fingerprints without bumping anything.
 */
const FINGERPRINTS: Record<string, string> = {
  'country-state@7': '09f3f2a6831243f496afb8dc415557d30a5fd0464baa2c32d7a2c32478dc5fd7',
  'governance@1': '3199e0757333290fd08d32f2933ec7b773c3381cc6bb8f80f62e75f33c278a00',
};

t.test('each projection version folds the generated history to the rows it names', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rcm-fingerprints-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const eventsPath = join(dir, 'events.sqlite');
  // Every family, corrections and retractions, three countries, three years; deterministic for its seed.
  await generateHistory({ events: 3000, out: eventsPath, countries: ['ET', 'SO', 'TN'], years: 3, toYear: 2024, seed: 7, verify: 0 });
  const store = openSqliteEventStore({ path: eventsPath });
  const db = openReadModelDb(join(dir, 'read-models.sqlite'));
  t.teardown(async () => {
    db.close();
    await store.close();
  });
  const runner = new ProjectionRunner({ store, db, projections: allProjections });
  await runner.start();
  await runner.stop();
  const got: Record<string, string> = {};
  for (const p of allProjections) {
    const hash = createHash('sha256');
    for (const spec of p.tables) hash.update(JSON.stringify(db.prepare(`SELECT * FROM ${physicalTable(p.name, p.version, spec.name)} ORDER BY k`).all()));
    got[`${p.name}@${p.version}`] = hash.digest('hex');
  }
  t.same(got, FINGERPRINTS, 'bump the version of a projection whose rows changed, then record its fingerprint');
});
