import canonicalize from 'canonicalize';
import fc from 'fast-check';
import t from 'tap';
import { allProjections } from '../../../projections/index.js';
import { buildInMemory } from '../../../projections/memory-tx.js';
import { openReadModelDb } from '../../../src/projection-runtime/read-model-db.js';
import { ProjectionRunner } from '../../../src/projection-runtime/runner.js';
import { openSqliteEventStore } from '../../../src/store/sqlite/index.js';
import { historyOp, materialise } from '../../helpers/country-histories.js';
import { dumpTables } from './helpers.js';

/**
 * Property (DESIGN "Reading"): the read models maintained incrementally - appends arriving in
 * chunks, the runner following in tiny batches, against SQLite - equal the read models built from
 * scratch in one pass, in memory. Sequences mix statistics, requests, operations, moratoria,
 * instrument terms, corrections and retractions.
 */

const normalise = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;

t.test('incremental read models (SQLite, small batches, interleaved appends) equal a build from scratch', async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.array(historyOp, { minLength: 1, maxLength: 45 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 9 }), async (ops, batchSize, chunk) => {
      const events = materialise(ops);
      const store = openSqliteEventStore({ path: ':memory:' });
      const db = openReadModelDb(':memory:');
      const runner = new ProjectionRunner({ store, db, projections: allProjections, batchSize });
      try {
        await runner.start();
        for (let i = 0; i < events.length; i += chunk) {
          for (const e of events.slice(i, i + chunk)) await store.append(`country-${e.country}`, 'any', [e]);
          // Sometimes read in between (read-your-writes), sometimes let appends pile up.
          if ((i / chunk) % 2 === 0) await runner.waitForPosition(await store.headPosition(), 5000);
        }
        await runner.waitForPosition(await store.headPosition(), 5000);
        const all = await store.readAll();
        for (const p of allProjections) {
          const scratch = buildInMemory(p, all).snapshot();
          const incremental = dumpTables(db, p);
          if (canonicalize(scratch) !== canonicalize(incremental)) {
            t.same(normalise(incremental), normalise(scratch), `${p.name} differs`);
            return false;
          }
        }
        return true;
      } finally {
        await runner.stop();
        db.close();
        await store.close();
      }
    }),
    { numRuns: 60 },
  );
  t.pass('property held');
});
