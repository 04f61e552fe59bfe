import type { StoredEvent } from '../../contracts/index.js';
import { familyOf } from '../../contracts/index.js';
import type { Projection, ReadModelTx, Row, TableSpec } from '../types.js';
import { bucketKey, BUCKETS_TABLE, moveContribution, removeContribution } from './buckets.js';
import { addDeadline } from './dates.js';
import { derive, entitiesOf, instrumentDeadline, step, type EntityKind, type EntityRef, type Fact, type FoldContext } from './entities.js';

/**
 * The per-country read model: timeline (every event, corrections linked both ways), entities
 * (instruments, measures, tracks, requests, operations, ... each a fold of its effective events),
 * scorecard buckets (per country, year and quarter) and last activity.
 *
 * Corrections: `EntryCorrected` replaces the data / occurredOn of its target, `EntryRetracted`
 * removes it; the entities the target fed (before and after the correction) are re-folded from
 * their effective events, so every read model looks as if the fact had been recorded right,
 * while the timeline keeps both entries.
 */

export const TIMELINE = 'timeline';
export const ENTITIES = 'entities';
export const BUCKETS = BUCKETS_TABLE;
export const ACTIVITY = 'activity';

export interface TimelineRow extends Row {
  eventId: string;
  position: number;
  country: string;
  type: string;
  family: string;
  occurredOn: string;
  recordedAt: string;
  recordedBy: string;
  provenance: Record<string, unknown>;
  data: Record<string, unknown>;
  status: 'recorded' | 'corrected' | 'retracted';
  /** Correction entries that target this event, in recorded order. */
  corrections: { eventId: string; type: string; position: number; recordedAt: string; reason: string }[];
  /** The data in force after corrections (absent: as recorded; null: retracted). */
  effective?: { occurredOn: string; data: Record<string, unknown> } | null;
  /** For a correction entry: the event it corrects or retracts. */
  target?: { eventId: string; type: string; occurredOn: string } | null;
}

export interface EntityRow extends Row {
  country: string;
  kind: EntityKind;
  id: string;
  /** Original event ids (the ones corrections name), in position order. */
  eventIds: string[];
  state: Record<string, any>;
  sortDate: string | null;
  open: number;
  contribution: ReturnType<typeof derive>['contribution'];
  /** A request's reply deadline set by its instrument's terms (when saved); null: the scoring model's default applies. */
  dueOn?: string | null;
}

const tables: TableSpec[] = [
  {
    name: TIMELINE,
    columns: {
      country: { type: 'TEXT', from: (r) => r['country'] as string },
      occurred_on: { type: 'TEXT', from: (r) => r['occurredOn'] as string },
      position: { type: 'INTEGER', from: (r) => r['position'] as number },
      family: { type: 'TEXT', from: (r) => r['family'] as string },
    },
    indexes: [
      ['country', 'occurred_on', 'position'],
      ['country', 'family', 'occurred_on', 'position'],
    ],
    // One row per event, changed again only by a correction: not worth a place in the write-behind cache.
    writeThrough: true,
  },
  {
    name: ENTITIES,
    columns: {
      country: { type: 'TEXT', from: (r) => r['country'] as string },
      kind: { type: 'TEXT', from: (r) => r['kind'] as string },
      sort_date: { type: 'TEXT', from: (r) => (r['sortDate'] as string | null) ?? null },
      open: { type: 'INTEGER', from: (r) => r['open'] as number },
      bucket_year: { type: 'INTEGER', from: (r) => (r as EntityRow).contribution?.year ?? null },
      bucket_quarter: { type: 'INTEGER', from: (r) => (r as EntityRow).contribution?.quarter ?? null },
      role: { type: 'TEXT', from: (r) => (r as EntityRow).contribution?.role ?? null },
      // The scorecard's evidence list reads these two slim columns instead of parsing every contributing entity.
      entity_id: { type: 'TEXT', from: (r) => ((r as EntityRow).contribution?.role ? (r as EntityRow).id : null) },
      evidence: { type: 'TEXT', from: (r) => ((r as EntityRow).contribution?.role ? JSON.stringify((r as EntityRow).eventIds) : null) },
      // The profile counts open requests not yet due over an index instead of reading every open request.
      due_on: { type: 'TEXT', from: (r) => (r as EntityRow).dueOn ?? null },
    },
    indexes: [
      ['country', 'kind', 'open', 'sort_date'],
      ['country', 'bucket_year', 'bucket_quarter'],
      // The scorecard's bounded evidence: the first entities of a role in a year or quarter, in id order.
      ['country', 'bucket_year', 'role', 'entity_id'],
      ['country', 'bucket_year', 'bucket_quarter', 'role', 'entity_id'],
      ['country', 'kind', 'open', 'due_on', 'sort_date'],
    ],
  },
  {
    name: BUCKETS,
    columns: {
      country: { type: 'TEXT', from: (r) => r['country'] as string },
      year: { type: 'INTEGER', from: (r) => r['year'] as number },
      quarter: { type: 'INTEGER', from: (r) => r['quarter'] as number },
    },
    indexes: [['country', 'year', 'quarter']],
  },
  { name: ACTIVITY },
];

export const entityKey = (country: string, kind: string, id: string) => `${country}|${kind}|${id}`;

/** The data of a timeline row as the read models see it: null once retracted. */
export function effectiveOf(row: TimelineRow): { occurredOn: string; data: Record<string, unknown> } | null {
  if (row.effective === undefined) return { occurredOn: row.occurredOn, data: row.data };
  return row.effective;
}

function factOf(row: TimelineRow): Fact | null {
  const eff = effectiveOf(row);
  if (!eff) return null;
  return {
    eventId: row.eventId,
    type: row.type,
    occurredOn: eff.occurredOn,
    position: row.position,
    evidenceStatus: (row.provenance['evidenceStatus'] as string) ?? 'reported',
    data: eff.data,
  };
}

function contextFor(tx: ReadModelTx, country: string): FoldContext {
  return {
    instrumentTerms: (instrumentId) => tx.get<EntityRow>(ENTITIES, entityKey(country, 'instrument', instrumentId))?.state['terms'],
  };
}

/** Bucket counter of the evidence events of a role (all events of the entities contributing with it). */
export const evidenceCounter = (role: string) => `ev.${role}`;

/** Open requests per country, kept in the activity row (the profile reads the count, not the requests). */
function countOpenRequest(tx: ReadModelTx, country: string, delta: number): void {
  const prev = tx.get(ACTIVITY, country) ?? { country, events: 0 };
  const { openRequests, ...rest } = prev as Record<string, unknown>;
  const n = ((openRequests as number | undefined) ?? 0) + delta;
  // No key at 0: a build from scratch and an incremental one (with retractions) hold the same row.
  tx.put(ACTIVITY, country, n === 0 ? rest : { ...rest, openRequests: n });
}

/** Stores the entity's new state and moves its contribution between buckets. */
function saveEntity(tx: ReadModelTx, country: string, ref: EntityRef, before: EntityRow | undefined, eventIds: string[], state: Record<string, any> | undefined): void {
  const key = entityKey(country, ref.kind, ref.id);
  if (!state || eventIds.length === 0) {
    if (before?.open && ref.kind === 'request') countOpenRequest(tx, country, -before.open);
    if (before?.contribution) removeContribution(tx, country, before.contribution, before.eventIds);
    if (before) tx.delete(ENTITIES, key);
    return;
  }
  const ctx = contextFor(tx, country);
  const d = derive(ref.kind, state, ctx);
  // Evidence events per role are counted in the bucket (`ev.<role>`), so a scorecard can say how long
  // its evidence list is without reading the contributing entities.
  const contribution = d.contribution?.role ? { ...d.contribution, counters: { ...d.contribution.counters, [evidenceCounter(d.contribution.role)]: eventIds.length } } : d.contribution;
  const row: EntityRow = { country, kind: ref.kind, id: ref.id, eventIds, state, sortDate: d.sortDate, open: d.open, contribution };
  if (ref.kind === 'request') {
    const dl = state['submittedOn'] ? instrumentDeadline(state, ctx) : null;
    row.dueOn = dl ? addDeadline(state['submittedOn'], dl.days, dl.dayKind) : null;
    if (d.open !== (before?.open ?? 0)) countOpenRequest(tx, country, d.open - (before?.open ?? 0));
  }
  moveContribution(tx, country, before?.contribution, contribution, before?.eventIds ?? eventIds);
  tx.put(ENTITIES, key, row);
}

/** Re-folds an entity from the effective events in `eventIds` (after a correction). */
function refold(tx: ReadModelTx, country: string, ref: EntityRef, eventIds: string[]): void {
  const key = entityKey(country, ref.kind, ref.id);
  const before = tx.get<EntityRow>(ENTITIES, key);
  const facts: Fact[] = [];
  for (const id of eventIds) {
    const row = tx.get<TimelineRow>(TIMELINE, id);
    const f = row ? factOf(row) : null;
    // Only events that (still) feed this entity stay in its list.
    if (f && entitiesOf(f.type, f.data, f.eventId).some((r) => r.kind === ref.kind && r.id === ref.id)) facts.push(f);
  }
  facts.sort((a, b) => a.position - b.position);
  let state: Record<string, any> | undefined;
  for (const f of facts) state = step(ref.kind, state, f);
  saveEntity(tx, country, ref, before, facts.map((f) => f.eventId), state);
}

function applyFact(tx: ReadModelTx, country: string, f: Fact): void {
  for (const ref of entitiesOf(f.type, f.data, f.eventId)) {
    const before = tx.get<EntityRow>(ENTITIES, entityKey(country, ref.kind, ref.id));
    const state = step(ref.kind, before?.state, f);
    // Appended in place (a long-lived entity would otherwise copy its whole list on every event);
    // `before` is this projection's own row, put back by saveEntity.
    const eventIds = before ? before.eventIds : [];
    eventIds.push(f.eventId);
    saveEntity(tx, country, ref, before, eventIds, state);
  }
}

function applyCorrection(tx: ReadModelTx, country: string, event: StoredEvent, row: TimelineRow): void {
  const isRetraction = event.type === 'EntryRetracted';
  const targetId = (isRetraction ? event.data['retractedEventId'] : event.data['correctedEventId']) as string;
  const target = tx.get<TimelineRow>(TIMELINE, targetId);
  // The deciders only accept corrections of an existing, not retracted, non-correction event of the same country.
  if (!target || target.country !== country || target.family === 'corrections' || target.status === 'retracted') return;
  row.target = { eventId: target.eventId, type: target.type, occurredOn: target.occurredOn };
  tx.put(TIMELINE, row.eventId, row);

  const before = effectiveOf(target);
  target.corrections = [
    ...target.corrections,
    { eventId: event.eventId, type: event.type, position: event.position, recordedAt: event.recordedAt, reason: event.data['reason'] as string },
  ];
  if (isRetraction) {
    target.status = 'retracted';
    target.effective = null;
  } else {
    target.status = 'corrected';
    target.effective = {
      occurredOn: (event.data['occurredOn'] as string | undefined) ?? target.occurredOn, // as effectiveHistory: the original's date unless this correction gives one
      data: event.data['data'] as Record<string, unknown>,
    };
  }
  tx.put(TIMELINE, target.eventId, target);

  // Re-fold what the target fed before and what it feeds now (a correction may move it to another entity).
  const refs = new Map<string, EntityRef>();
  for (const eff of [before, effectiveOf(target)]) {
    if (!eff) continue;
    for (const ref of entitiesOf(target.type, eff.data, target.eventId)) refs.set(`${ref.kind}|${ref.id}`, ref);
  }
  for (const ref of refs.values()) {
    const existing = tx.get<EntityRow>(ENTITIES, entityKey(country, ref.kind, ref.id));
    const ids = new Set(existing?.eventIds ?? []);
    ids.add(target.eventId);
    refold(tx, country, ref, [...ids]);
  }
}

function touchActivity(tx: ReadModelTx, event: StoredEvent, country: string): void {
  const prev = tx.get(ACTIVITY, country);
  tx.put(ACTIVITY, country, {
    ...prev,
    country,
    events: ((prev?.['events'] as number | undefined) ?? 0) + 1,
    lastEventId: event.eventId,
    lastType: event.type,
    lastPosition: event.position,
    lastRecordedAt: event.recordedAt,
    lastOccurredOn: event.occurredOn,
  });
}

export const countryStateProjection: Projection = {
  name: 'country-state',
  // 2: timeline written through, entity evidence columns (entity_id, evidence) for the scorecard.
  // 3: bucket counters `ev.<role>` (evidence events), request `due_on` column, open requests in the activity row, evidence and due-date indexes.
  version: 3,
  tables,
  apply(event: StoredEvent, tx: ReadModelTx): void {
    const country = event.country;
    if (country === null) return; // global streams: the governance projection
    const row: TimelineRow = {
      eventId: event.eventId,
      position: event.position,
      country,
      type: event.type,
      family: familyOf(event.type) ?? 'unknown',
      occurredOn: event.occurredOn,
      recordedAt: event.recordedAt,
      recordedBy: event.recordedBy,
      provenance: event.provenance,
      data: event.data,
      status: 'recorded',
      corrections: [],
    };
    touchActivity(tx, event, country);
    if (event.type === 'EntryCorrected' || event.type === 'EntryRetracted') {
      row.target = null;
      tx.put(TIMELINE, event.eventId, row);
      applyCorrection(tx, country, event, row);
      return;
    }
    tx.put(TIMELINE, event.eventId, row);
    applyFact(tx, country, factOf(row)!);
  },
};

export { bucketKey };
