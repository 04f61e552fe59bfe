import { randomUUID } from 'node:crypto';
import type { StoredEvent } from '../../../contracts/index.js';
import { EntryCorrected, EntryRetracted, eventDefinition } from '../../../contracts/index.js';
import { ENTITIES, type EntityRow } from '../../../projections/country-state/index.js';
import { BUCKETS_TABLE, bucketKey, type BucketRow } from '../../../projections/country-state/buckets.js';
import type { MemoryReadModel } from '../../../projections/memory-tx.js';
import { assembleInputs } from '../../../projections/scoring/assemble.js';
import type { ScorecardInputs } from '../../../projections/scoring/inputs.js';

/** Builds a valid global log in memory: ids, positions, revisions and times as a store would assign them. */
export class EventLog {
  readonly events: StoredEvent[] = [];
  private readonly revisions = new Map<string, number>();
  private clock = Date.parse('2024-01-01T00:00:00Z');

  add(country: string | null, type: string, occurredOn: string, data: Record<string, unknown>, evidenceStatus: 'confirmed' | 'secondary' | 'reported' | 'estimate' = 'reported'): StoredEvent {
    const def = eventDefinition(type);
    if (!def) throw new Error(`unknown type ${type}`);
    // Fixtures must be valid facts: parse with the contract schema.
    const parsed = def.data.parse(data) as Record<string, unknown>;
    const streamId = country === null ? (type === 'PeriodClosed' ? 'reporting-periods' : 'scoring-models') : `country-${country}`;
    const rev = (this.revisions.get(streamId) ?? -1) + 1;
    this.revisions.set(streamId, rev);
    this.clock += 1000;
    const e: StoredEvent = {
      eventId: randomUUID(),
      type,
      schemaVersion: def.schemaVersion,
      streamId,
      streamRevision: rev,
      position: this.events.length + 1,
      country,
      occurredOn,
      recordedAt: new Date(this.clock).toISOString(),
      recordedBy: 'test',
      provenance: { sourceKind: 'nl-desk', reference: 'test fixture', evidenceStatus },
      data: parsed,
      prevHash: '0'.repeat(64),
      hash: '0'.repeat(64),
    };
    this.events.push(e);
    return e;
  }

  correct(country: string, target: StoredEvent, data: Record<string, unknown>, occurredOn?: string): StoredEvent {
    const body = { correctedEventId: target.eventId, reason: 'typo in the original entry', data, ...(occurredOn ? { occurredOn } : {}) };
    EntryCorrected.data.parse(body);
    return this.add(country, 'EntryCorrected', '2024-06-01', body);
  }

  retract(country: string, target: StoredEvent): StoredEvent {
    const body = { retractedEventId: target.eventId, reason: 'recorded in error' };
    EntryRetracted.data.parse(body);
    return this.add(country, 'EntryRetracted', '2024-06-01', body);
  }
}

const P = { sourceKind: 'eurostat', reference: 'migr_eiord', evidenceStatus: 'confirmed' };
export { P as EUROSTAT_PROVENANCE };

/** Scorecard inputs read from an in-memory build, the way the SQLite query side reads them. */
export function inputsFromMemory(rm: MemoryReadModel, country: string, year: number, quarter: number | null): ScorecardInputs {
  const entities = rm.rows(ENTITIES).map(([, r]) => r as EntityRow).filter((e) => e.country === country);
  return assembleInputs({
    country,
    year,
    quarter,
    bucket: rm.get<BucketRow>(BUCKETS_TABLE, bucketKey(country, year, quarter ?? 0)),
    contributing: entities.filter((e) => e.contribution && e.contribution.year === year && (quarter === null || e.contribution.quarter === quarter)),
    moratoria: entities.filter((e) => e.kind === 'moratorium'),
    instruments: entities.filter((e) => e.kind === 'instrument'),
    assessments: entities.filter((e) => e.kind === 'assessment'),
  });
}
