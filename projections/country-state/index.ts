import type { StoredEvent } from '../../contracts/index.js';
import { familyOf } from '../../contracts/index.js';
import type { Projection, ReadModelTx, Row, TableSpec } from '../types.js';
import { bucketKey, BUCKETS_TABLE, moveContribution, removeContribution } from './buckets.js';
import { addDeadline } from './dates.js';
import { derive, entitiesOf, instrumentDeadline, step, type EntityKind, type EntityRef, type Fact, type FoldContext } from './entities.js';
import { ESTIMATE_COUNTER } from '../scoring/inputs.js';

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

/**
 * A timeline row as stored (version 3): keyed by the event's global position, plain columns, no
 * JSON document. The display fields that never change after recording (recordedAt, recordedBy,
 * provenance, data) are kept pre-serialised in `summary`; correction state is in three JSON
 * columns that are null for the great majority of rows.
 */
export interface TimelineRow extends Row {
  event_id: string;
  country: string;
  occurred_on: string;
  family: string;
  type: string;
  status: 'recorded' | 'corrected' | 'retracted';
  /** JSON list of the correction entries that target this event, in recorded order; null: none. */
  corrections: string | null;
  /** JSON `{ occurredOn, data }` in force after corrections; null unless status is 'corrected'. */
  effective: string | null;
  /** For a correction entry: JSON `{ eventId, type, occurredOn }` of the event it corrects; null otherwise (or no valid target). */
  target: string | null;
  /** JSON `{ recordedAt, recordedBy, provenance, data }` as recorded. */
  summary: string;
}

export interface TimelineCorrection {
  eventId: string;
  type: string;
  position: number;
  recordedAt: string;
  reason: string;
}

/** A timeline entry as the read side returns it (the version 2 document, without `country`). */
export interface TimelineEntry {
  eventId: string;
  position: number;
  type: string;
  family: string;
  occurredOn: string;
  recordedAt: string;
  recordedBy: string;
  provenance: Record<string, unknown>;
  data: Record<string, unknown>;
  status: 'recorded' | 'corrected' | 'retracted';
  /** Correction entries that target this event, in recorded order. */
  corrections: TimelineCorrection[];
  /** The data in force after corrections (absent: as recorded; null: retracted). */
  effective?: { occurredOn: string; data: Record<string, unknown> } | null;
  /** For a correction entry: the event it corrects or retracts. */
  target?: { eventId: string; type: string; occurredOn: string } | null;
}

interface TimelineSummary {
  recordedAt: string;
  recordedBy: string;
  provenance: Record<string, unknown>;
  data: Record<string, unknown>;
}

const isCorrectionType = (type: string) => type === 'EntryCorrected' || type === 'EntryRetracted';

/** The full entry of a stored timeline row (`position` is its key). */
export function timelineEntry(position: number, row: TimelineRow): TimelineEntry {
  const summary = JSON.parse(row.summary) as TimelineSummary;
  const entry: TimelineEntry = {
    eventId: row.event_id,
    position,
    type: row.type,
    family: row.family,
    occurredOn: row.occurred_on,
    recordedAt: summary.recordedAt,
    recordedBy: summary.recordedBy,
    provenance: summary.provenance,
    data: summary.data,
    status: row.status,
    corrections: row.corrections === null ? [] : (JSON.parse(row.corrections) as TimelineCorrection[]),
  };
  if (row.status === 'retracted') entry.effective = null;
  else if (row.status === 'corrected') entry.effective = JSON.parse(row.effective!) as TimelineEntry['effective'];
  if (isCorrectionType(row.type)) entry.target = row.target === null ? null : (JSON.parse(row.target) as TimelineEntry['target']);
  return entry;
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

const text = (col: string) => (r: Row) => (r[col] as string | null) ?? null;

const tables: TableSpec[] = [
  {
    name: TIMELINE,
    // Keyed by global position: rows arrive in key order, so each insert appends to the table's B-tree.
    key: 'INTEGER',
    document: false,
    columns: {
      event_id: { type: 'TEXT', from: text('event_id') },
      country: { type: 'TEXT', from: text('country') },
      occurred_on: { type: 'TEXT', from: text('occurred_on') },
      family: { type: 'TEXT', from: text('family') },
      type: { type: 'TEXT', from: text('type') },
      status: { type: 'TEXT', from: text('status') },
      corrections: { type: 'TEXT', from: text('corrections') },
      effective: { type: 'TEXT', from: text('effective') },
      target: { type: 'TEXT', from: text('target') },
      summary: { type: 'TEXT', from: text('summary') },
    },
    indexes: [['country', 'occurred_on', 'k'], ['country', 'family', 'occurred_on', 'k'], ['event_id']],
    // Corrections name the event they correct by id.
    lookup: 'event_id',
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
      // k last: the profile's page of open requests (sort_date DESC, k DESC) is read in index order, however many share a date.
      ['country', 'kind', 'open', 'sort_date', 'k'],
      // The scorecard's evidence (bounded, and full for the report): the first entities of a role in a year or quarter, in id order.
      // No separate (country, bucket_year, bucket_quarter) index: the two below serve those ranges, one CREATE INDEX less per rebuild.
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
  if (row.status === 'retracted') return null;
  if (row.status === 'corrected') return JSON.parse(row.effective!) as { occurredOn: string; data: Record<string, unknown> };
  return { occurredOn: row.occurred_on, data: (JSON.parse(row.summary) as TimelineSummary).data };
}

function factOf(position: number, row: TimelineRow): Fact | null {
  const eff = effectiveOf(row);
  if (!eff) return null;
  const provenance = (JSON.parse(row.summary) as TimelineSummary).provenance;
  return {
    eventId: row.event_id,
    type: row.type,
    occurredOn: eff.occurredOn,
    position,
    evidenceStatus: (provenance['evidenceStatus'] as string) ?? 'reported',
    data: eff.data,
  };
}

/** Key (position) and row of the timeline entry of an event id. */
function timelineRowOf(tx: ReadModelTx, eventId: string): { position: number; row: TimelineRow } | undefined {
  const key = tx.keyOf(TIMELINE, 'event_id', eventId);
  const row = key === undefined ? undefined : tx.get<TimelineRow>(TIMELINE, key);
  return row ? { position: Number(key), row } : undefined;
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
  // Changed in place (mutate-then-put): this runs for most request events of a rebuild.
  const row = tx.get(ACTIVITY, country) ?? { country, events: 0 };
  const n = ((row['openRequests'] as number | undefined) ?? 0) + delta;
  // No key at 0: a build from scratch and an incremental one (with retractions) hold the same row.
  if (n === 0) delete row['openRequests'];
  else row['openRequests'] = n;
  tx.put(ACTIVITY, country, row);
}

/** `ev.<role>` per role, built once. */
const EVIDENCE_COUNTER: Record<string, string> = Object.fromEntries(['C', 'D1', 'D2', 'D3', 'D4'].map((r) => [r, evidenceCounter(r)]));

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
  // derive returns a fresh contribution each time: the counter is added to it in place.
  const contribution = d.contribution;
  if (contribution?.role) {
    const counters = (contribution.counters ??= {});
    counters[EVIDENCE_COUNTER[contribution.role] ?? evidenceCounter(contribution.role)] = eventIds.length;
    // So are the entities folded from a fact marked as an estimate: the scorecard flags the indicator.
    if (state['estimate'] === true) counters[ESTIMATE_COUNTER[contribution.role]] = 1;
  }
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
    const found = timelineRowOf(tx, id);
    const f = found ? factOf(found.position, found.row) : null;
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
  const found = timelineRowOf(tx, targetId);
  const target = found?.row;
  // The deciders only accept corrections of an existing, not retracted, non-correction event of the same country.
  if (!found || !target || target.country !== country || target.family === 'corrections' || target.status === 'retracted') return;
  row.target = JSON.stringify({ eventId: target.event_id, type: target.type, occurredOn: target.occurred_on });
  tx.put(TIMELINE, String(event.position), row);

  const before = effectiveOf(target);
  const corrections = target.corrections === null ? [] : (JSON.parse(target.corrections) as TimelineCorrection[]);
  corrections.push({ eventId: event.eventId, type: event.type, position: event.position, recordedAt: event.recordedAt, reason: event.data['reason'] as string });
  target.corrections = JSON.stringify(corrections);
  if (isRetraction) {
    target.status = 'retracted';
    target.effective = null;
  } else {
    target.status = 'corrected';
    target.effective = JSON.stringify({
      occurredOn: (event.data['occurredOn'] as string | undefined) ?? target.occurred_on, // as effectiveHistory: the original's date unless this correction gives one
      data: event.data['data'] as Record<string, unknown>,
    });
  }
  tx.put(TIMELINE, String(found.position), target);

  // Re-fold what the target fed before and what it feeds now (a correction may move it to another entity).
  const refs = new Map<string, EntityRef>();
  for (const eff of [before, effectiveOf(target)]) {
    if (!eff) continue;
    for (const ref of entitiesOf(target.type, eff.data, target.event_id)) refs.set(`${ref.kind}|${ref.id}`, ref);
  }
  for (const ref of refs.values()) {
    const existing = tx.get<EntityRow>(ENTITIES, entityKey(country, ref.kind, ref.id));
    const ids = new Set(existing?.eventIds ?? []);
    ids.add(target.event_id);
    refold(tx, country, ref, [...ids]);
  }
}

function touchActivity(tx: ReadModelTx, event: StoredEvent, country: string): void {
  // Changed in place (mutate-then-put), once per event: no copy of the row.
  const row = tx.get(ACTIVITY, country) ?? {};
  row['country'] = country;
  row['events'] = ((row['events'] as number | undefined) ?? 0) + 1;
  row['lastEventId'] = event.eventId;
  row['lastType'] = event.type;
  row['lastPosition'] = event.position;
  row['lastRecordedAt'] = event.recordedAt;
  row['lastOccurredOn'] = event.occurredOn;
  tx.put(ACTIVITY, country, row);
}

export const countryStateProjection: Projection = {
  name: 'country-state',
  // 2: timeline written through, entity evidence columns (entity_id, evidence) for the scorecard.
  // 3: timeline keyed by position, plain columns and a pre-serialised summary instead of a document.
  // 4: entities without the (country, bucket_year, bucket_quarter) index (the evidence indexes cover it).
  // 5: k in the entities' (country, kind, open, sort_date) index.
  // 6: entities folded from a fact marked as an estimate say so, and buckets count them per role (est.<role>).
  // 7: requests naming an instrument keep their answer delay (calendar and working days) instead of an
  //    in-time verdict fixed when folded: the instrument's terms, recorded or corrected later, apply;
  //    an instrument's terms folded from a fact marked as an estimate say so (estimate: true).
  version: 7,
  tables,
  // Every row is keyed by or filtered on its country, and corrections only reach their own country's events.
  partitionedBy: 'country',
  apply(event: StoredEvent, tx: ReadModelTx): void {
    const country = event.country;
    if (country === null) return; // global streams: the governance projection
    const row: TimelineRow = {
      event_id: event.eventId,
      country,
      occurred_on: event.occurredOn,
      family: familyOf(event.type) ?? 'unknown',
      type: event.type,
      status: 'recorded',
      corrections: null,
      effective: null,
      target: null,
      summary: JSON.stringify({ recordedAt: event.recordedAt, recordedBy: event.recordedBy, provenance: event.provenance, data: event.data }),
    };
    touchActivity(tx, event, country);
    tx.put(TIMELINE, String(event.position), row);
    if (isCorrectionType(event.type)) {
      applyCorrection(tx, country, event, row);
      return;
    }
    const fact: Fact = {
      eventId: event.eventId,
      type: event.type,
      occurredOn: event.occurredOn,
      position: event.position,
      evidenceStatus: (event.provenance['evidenceStatus'] as string | undefined) ?? 'reported',
      data: event.data,
    };
    applyFact(tx, country, fact);
  },
};

export { bucketKey };

/**
 * Version 6: requests naming an instrument counted in time or not with the terms known when folded.
 * Kept so that a store upgraded from it goes on serving current answers from it while version 7 is
 * built (it follows new events with version 7's code; its older requests keep their verdict).
 */
export const countryStateV6: Projection = { ...countryStateProjection, version: 6 };

/**
 * Version 5: the rows of version 6 without the estimate flags and counters. Kept so that a store
 * upgraded from it goes on serving current answers from it while version 6 is built (it follows new
 * events with version 6's code, so those flag their estimates; the scorecards it serves may miss some).
 */
export const countryStateV5: Projection = { ...countryStateProjection, version: 5 };

/**
 * Version 4: version 5 without k in the entities' first index. Kept so that a store upgraded from
 * it goes on serving current answers from it while the current version is built.
 */
export const countryStateV4: Projection = {
  ...countryStateProjection,
  version: 4,
  tables: tables.map((t) => (t.name === ENTITIES ? { ...t, indexes: [['country', 'kind', 'open', 'sort_date'], ...t.indexes!.slice(1)] } : t)),
};
