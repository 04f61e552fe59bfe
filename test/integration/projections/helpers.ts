import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredEvent } from '../../../contracts/index.js';
import { allProjections } from '../../../projections/index.js';
import type { Projection, ReadModelTx } from '../../../projections/types.js';
import { openReadModelDb, physicalTable, type ReadModelDatabase } from '../../../src/projection-runtime/read-model-db.js';
import { ProjectionRunner } from '../../../src/projection-runtime/runner.js';
import { openSqliteEventStore } from '../../../src/store/sqlite/index.js';
import type { EventStore } from '../../../src/store/port.js';
import { newEvent } from '../../helpers/country-histories.js';

export { newEvent };

export async function appendTo(store: EventStore, country: string, type: string, occurredOn: string, data: Record<string, unknown>) {
  return store.append(`country-${country}`, 'any', [newEvent(country, type, occurredOn, data)]);
}

/** Counts events per country: a tiny projection to test the runtime itself. */
export function counterProjection(version: number, options: { failAt?: () => number | null; factor?: number } = {}): Projection {
  return {
    name: 'counter',
    version,
    tables: [{ name: 'counts', columns: { n: { type: 'INTEGER', from: (r) => r['n'] as number } } }],
    apply(e: StoredEvent, tx: ReadModelTx) {
      if (options.failAt?.() === e.position) throw new Error(`injected failure at ${e.position}`);
      for (const key of ['all', e.country ?? 'global']) {
        const row = tx.get<{ n: number; sum: number }>('counts', key) ?? { n: 0, sum: 0 };
        tx.put('counts', key, { n: row.n + (options.factor ?? 1), sum: row.sum + e.position });
      }
    },
  };
}

/** Every row of a projection version's tables, parsed, by table then key. */
export function dumpTables(db: ReadModelDatabase, projection: Projection, version = projection.version): Record<string, [string, unknown][]> {
  const out: Record<string, [string, unknown][]> = {};
  for (const spec of projection.tables) {
    if (spec.document === false) {
      // A document-less table (the timeline): the row is its columns.
      const rows = db.prepare(`SELECT * FROM ${physicalTable(projection.name, version, spec.name)} ORDER BY k`).all() as ({ k: string | number } & Record<string, unknown>)[];
      // Keys as text, in text order (as MemoryReadModel.snapshot lists them).
      const byKey = rows.map(({ k, ...cols }) => [String(k), cols] as [string, unknown]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      if (byKey.length > 0) out[spec.name] = byKey;
      continue;
    }
    const rows = db.prepare(`SELECT k, doc FROM ${physicalTable(projection.name, version, spec.name)} ORDER BY k`).all() as { k: string; doc: string }[];
    if (rows.length > 0) out[spec.name] = rows.map((r) => [r.k, JSON.parse(r.doc)]);
  }
  return out;
}

export function tableExists(db: ReadModelDatabase, name: string): boolean {
  return db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(name) !== undefined;
}

/** An event log and read models in a temp directory, fed by a runner of every projection (not started); closed on teardown. */
export function projectedStore(t: { teardown: (fn: () => unknown) => void }, label: string) {
  const dir = mkdtempSync(join(tmpdir(), `rcm-${label}-`));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const store = openSqliteEventStore({ path: join(dir, 'events.sqlite') });
  const db = openReadModelDb(join(dir, 'rm.sqlite'));
  const runner = new ProjectionRunner({ store, db, projections: allProjections });
  t.teardown(async () => {
    await runner.stop();
    db.close();
    await store.close();
  });
  return { store, db, runner };
}
