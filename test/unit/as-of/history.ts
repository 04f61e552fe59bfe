import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateHistory } from '../../../scripts/generate-history.js';
import { allProjections } from '../../../projections/index.js';
import type { AsOfView } from '../../../src/as-of/view-cache.js';
import { openReadModelDb } from '../../../src/projection-runtime/read-model-db.js';
import { ProjectionRunner } from '../../../src/projection-runtime/runner.js';
import { openSqliteEventStore, type SqliteEventStore } from '../../../src/store/sqlite/index.js';

/** A generated history (every family, corrections and retractions) in a temp file, opened as the store. */
export async function generatedStore(options: { events: number; countries: string[]; years: number; seed?: number }): Promise<{ store: SqliteEventStore; recordedAt: string[]; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'rcm-as-of-test-'));
  const path = join(dir, 'events.sqlite');
  await generateHistory({ events: options.events, out: path, countries: options.countries, years: options.years, toYear: 2024, seed: options.seed ?? 11, verify: 0 });
  const store = openSqliteEventStore({ path });
  const recordedAt = (await store.readAll()).map((e) => e.recordedAt);
  return {
    store,
    recordedAt,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A generated history with in-memory live read models caught up with it (`close` stops and removes both). */
export async function generatedWithLiveReadModels(options: Parameters<typeof generatedStore>[0]) {
  const h = await generatedStore(options);
  const db = openReadModelDb(':memory:');
  const runner = new ProjectionRunner({ store: h.store, db, projections: allProjections });
  await runner.start();
  return {
    ...h,
    live: { db, runner },
    async close() {
      await runner.stop();
      db.close();
      await h.close();
    },
  };
}

/**
 * Everything the routes and the report read from a view, serialised: bounded and full scorecards of
 * every year and one quarter, profile pages, timeline pages (with a cursor) and a family filter.
 */
export function answers(view: AsOfView, country: string, years: readonly number[]): string {
  const rs = view.readSide;
  const out: unknown[] = [view.position];
  for (const y of years) {
    out.push(rs.scorecard(country, y, null));
    out.push(rs.scorecard(country, y, null, undefined, { evidence: 'full' }));
    out.push(rs.scorecard(country, y, 2));
  }
  const profile = rs.profile(country, undefined, { requestsLimit: 5 });
  out.push(profile);
  if (profile.requests.nextCursor) out.push(rs.profile(country, undefined, { requestsLimit: 5, requestsCursor: profile.requests.nextCursor }));
  const page = rs.timeline(country, { limit: 40 });
  out.push(page);
  if (page.nextCursor) out.push(rs.timeline(country, { limit: 40, cursor: page.nextCursor }));
  out.push(rs.timeline(country, { limit: 100, family: 'corrections' }));
  out.push(rs.countries());
  return JSON.stringify(out);
}
