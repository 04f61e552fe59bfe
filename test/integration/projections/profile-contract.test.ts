import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import type { z } from 'zod';
import {
  CommitmentState,
  DialogueTrackDoc,
  InstrumentDoc,
  MoratoriumDoc,
  NotificationDoc,
  OpenCommitmentDoc,
  OperationDoc,
  RequestLapse,
  VisaMeasureDoc,
} from '../../../contracts/profile.js';
import { CountryProfile } from '../../../contracts/read-models.js';
import { allProjections } from '../../../projections/index.js';
import type { EntityRow } from '../../../projections/country-state/index.js';
import { generateHistory } from '../../../scripts/generate-history.js';
import { openReadModelDb, physicalTable } from '../../../src/projection-runtime/read-model-db.js';
import { ReadSide } from '../../../src/projection-runtime/read-side.js';
import { ProjectionRunner } from '../../../src/projection-runtime/runner.js';
import { openSqliteEventStore } from '../../../src/store/sqlite/index.js';
import { bearer, provenance, startTestApp } from '../../helpers/test-app.js';

/*
 * The profile's item schemas (contracts/profile.ts) are what the country-state projection builds:
 * every entity folded from a generated history (every family, corrections and retractions, facts
 * marked as estimates) parses with its schema, and parsing keeps it whole (a field the schema does
 * not know would be dropped from the answer by the response serialiser); so do whole profiles.
 */

const COUNTRIES = ['ET', 'SO', 'TN', 'DZ'];

const SCHEMA_OF: Record<string, z.ZodType> = {
  instrument: InstrumentDoc,
  measure: VisaMeasureDoc,
  track: DialogueTrackDoc,
  notification: NotificationDoc,
  operation: OperationDoc,
  moratorium: MoratoriumDoc,
};

/** Problems of `value` against `schema`: issues, or the fields parsing dropped. */
function mismatch(schema: z.ZodType, value: unknown): string | null {
  const parsed = schema.safeParse(value);
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  const kept = JSON.stringify(sorted(parsed.data));
  return kept === JSON.stringify(sorted(value)) ? null : `parsing changed it: ${kept}`;
}

/** The value with object keys in order (JSON drops undefined, as the answer does). */
function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])]));
}

t.test('every entity the projection folds from a generated history parses whole with its profile schema', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rcm-profile-contract-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const eventsPath = join(dir, 'events.sqlite');
  await generateHistory({ events: 4000, out: eventsPath, countries: COUNTRIES, years: 6, toYear: 2024, seed: 1, verify: 0 });
  const store = openSqliteEventStore({ path: eventsPath });
  const db = openReadModelDb(join(dir, 'read-models.sqlite'));
  const runner = new ProjectionRunner({ store, db, projections: allProjections });
  t.teardown(async () => {
    await runner.stop();
    db.close();
    await store.close();
  });
  await runner.start();

  const cs = allProjections.find((p) => p.name === 'country-state')!;
  const rows = (db.prepare(`SELECT doc FROM ${physicalTable(cs.name, cs.version, 'entities')}`).all() as { doc: string }[]).map((r) => JSON.parse(r.doc) as EntityRow);
  const seen: Record<string, number> = {};
  const problems: string[] = [];
  for (const row of rows) {
    const doc = { id: row.id, ...row.state, eventIds: row.eventIds };
    let schema = SCHEMA_OF[row.kind];
    let value: unknown = doc;
    if (row.kind === 'commitment') schema = row.open ? OpenCommitmentDoc : CommitmentState.extend({ id: OpenCommitmentDoc.shape.id, eventIds: OpenCommitmentDoc.shape.eventIds });
    else if (row.kind === 'request') {
      if (row.state['lapse'] === undefined) continue;
      [schema, value] = [RequestLapse, row.state['lapse']];
    }
    if (!schema) continue;
    const key = row.kind === 'commitment' ? `commitment (${row.open ? 'open' : 'assessed'})` : row.kind;
    seen[key] = (seen[key] ?? 0) + 1;
    const problem = mismatch(schema, value);
    if (problem) problems.push(`${row.kind} ${row.id}: ${problem}`);
  }
  t.same(problems.slice(0, 10), [], 'every entity document parses whole');
  for (const kind of ['instrument', 'measure', 'track', 'notification', 'operation', 'moratorium', 'commitment (open)', 'commitment (assessed)', 'request']) {
    t.ok((seen[kind] ?? 0) > 0, `the history has ${kind} entities (${seen[kind] ?? 0})`);
  }

  const rs = new ReadSide(db, runner, { countries: COUNTRIES });
  for (const country of COUNTRIES) {
    for (const asOf of ['2022-07-01', '2024-12-31']) {
      const profile = rs.profile(country, asOf, { requestsLimit: 500 });
      t.equal(mismatch(CountryProfile, profile), null, `the profile of ${country} on ${asOf} parses whole`);
    }
  }
});

t.test('a visa measure recorded under schema version 1 (free-text provisions) is still served in the profile', async (t) => {
  // Version 1 of VisaMeasureProposed took the provisions as one comma-separated text, unchecked;
  // the upcast splits it, so a stored measure may name provisions outside today's list.
  const h = await startTestApp();
  t.teardown(() => h.close());
  const { lastPosition: position } = await h.ctx.store.append('country-ET', 'any', [
    {
      eventId: randomUUID(),
      type: 'VisaMeasureProposed',
      schemaVersion: 1,
      country: 'ET',
      occurredOn: '2023-09-14',
      recordedBy: 'desk-horn',
      provenance,
      data: { measureId: 'ET-VM-LEGACY', legalBasis: '25a(5)(b)', provisions: '14(6), fee waiver (legacy wording)', scope: 'all-nationals', proposalRef: 'COM(2023) 568' },
    },
  ]);
  const res = await h.app.inject({ url: `/v1/countries/ET/profile?minPosition=${position}`, headers: bearer(h.tokens.analyst) });
  t.equal(res.statusCode, 200, res.body);
  const measures = (res.json() as { visaMeasures: Record<string, { id: string; provisions?: string[] }[]> }).visaMeasures;
  t.same(Object.values(measures).flat().find((m) => m.id === 'ET-VM-LEGACY')?.provisions, ['14(6)', 'fee waiver (legacy wording)']);
});
