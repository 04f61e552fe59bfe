import type { Provenance } from '../../../contracts/common.js';
import type { StoredEvent } from '../../../contracts/envelope.js';
import { eventDefinition, upcastData } from '../../../contracts/events/index.js';

/** One row of the `events` table as better-sqlite3 returns it. */
export interface EventRow {
  position: number;
  event_id: string;
  stream_id: string;
  stream_revision: number;
  type: string;
  schema_version: number;
  country: string | null;
  occurred_on: string;
  recorded_at: string;
  recorded_by: string;
  provenance: string;
  correlation_id: string | null;
  causation_id: string | null;
  data: string;
  prev_hash: string;
  hash: string;
}

export const EVENT_COLUMNS =
  'position, event_id, stream_id, stream_revision, type, schema_version, country, occurred_on, recorded_at, ' +
  'recorded_by, provenance, correlation_id, causation_id, data, prev_hash, hash';

/** The stored form, exactly as hashed (optional ids absent rather than undefined). */
export function rowToRawEvent(row: EventRow): StoredEvent {
  const event: StoredEvent = {
    eventId: row.event_id,
    type: row.type,
    schemaVersion: row.schema_version,
    streamId: row.stream_id,
    streamRevision: row.stream_revision,
    position: row.position,
    country: row.country,
    occurredOn: row.occurred_on,
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by,
    provenance: JSON.parse(row.provenance) as Provenance,
    data: JSON.parse(row.data) as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
  if (row.correlation_id !== null) event.correlationId = row.correlation_id;
  if (row.causation_id !== null) event.causationId = row.causation_id;
  return event;
}

/** Data lifted to the current schema version of its type; unknown types pass through unchanged. */
export function upcastEvent(event: StoredEvent): StoredEvent {
  const current = eventDefinition(event.type)?.schemaVersion;
  if (current === undefined || current <= event.schemaVersion) return event;
  return { ...event, schemaVersion: current, data: upcastData(event.type, event.schemaVersion, event.data) };
}

export function rowToEvent(row: EventRow): StoredEvent {
  return upcastEvent(rowToRawEvent(row));
}
