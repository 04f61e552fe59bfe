import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { allProjections } from '../../projections/index.js';
import { ProjectionRunner } from '../../src/projection-runtime/runner.js';
import { openReadModelDb, physicalTable, readCheckpoints, type ReadModelDatabase } from '../../src/projection-runtime/read-model-db.js';
import { openSqliteEventStore } from '../../src/store/sqlite/index.js';

/** The data dir's read-model database: the .sqlite file holding projection checkpoints, if the server wrote one. */
export function findReadModelDb(dataDir: string): string | undefined {
  for (const name of readdirSync(dataDir).filter((n) => n.endsWith('.sqlite'))) {
    const db = new Database(join(dataDir, name), { readonly: true });
    try {
      const has = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'projection_checkpoints'`).get();
      if (has) return join(dataDir, name);
    } finally {
      db.close();
    }
  }
  return undefined;
}

/** Every row of every projection's live tables, as text, by projection and table. */
function dumpLive(db: ReadModelDatabase): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of allProjections) {
    const live = readCheckpoints(db, p.name).find((r) => r.status === 'live');
    for (const spec of p.tables) {
      const table = physicalTable(p.name, live?.version ?? p.version, spec.name);
      const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table);
      // A document-less table (the timeline) is compared on all its columns.
      const rows = exists ? (db.prepare(`SELECT ${spec.document === false ? '*' : 'k, doc'} FROM ${table} ORDER BY k`).all() as Record<string, unknown>[]) : [];
      out[`${p.name}.${spec.name}`] = JSON.stringify(rows);
    }
  }
  return out;
}

/**
 * Lets the live read models (as the killed and restarted server left them) catch up with the log,
 * as a restart would, then builds every projection from scratch in memory; returns both dumps.
 */
export async function compareWithScratch(dataDir: string, readModelPath: string): Promise<{ live: Record<string, string>; scratch: Record<string, string>; head: number }> {
  const store = openSqliteEventStore({ path: join(dataDir, 'events.sqlite') });
  try {
    const head = await store.headPosition();
    const build = async (db: ReadModelDatabase) => {
      const runner = new ProjectionRunner({ store, db, projections: allProjections });
      await runner.start();
      await runner.waitForPosition(head, 20_000);
      await runner.stop();
      return dumpLive(db);
    };
    const liveDb = openReadModelDb(readModelPath);
    const scratchDb = openReadModelDb(':memory:');
    try {
      return { live: await build(liveDb), scratch: await build(scratchDb), head };
    } finally {
      liveDb.close();
      scratchDb.close();
    }
  } finally {
    await store.close();
  }
}
