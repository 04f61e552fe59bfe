import { jsonEvent, type EventData } from '@kurrent/kurrentdb-client';
import type { Provenance } from '../../../contracts/common.js';
import type { StoredEvent } from '../../../contracts/envelope.js';
import type { HashedEnvelope } from '../hash-chain.js';
import { revisionToNumber } from './revision.js';
import { ourStreamId } from './stream-names.js';

/** Version of the metadata layout below; a reader refuses layouts it does not know. */
export const METADATA_FORMAT = 1;

/** The idempotency claim as it travels on the first event of a claimed append. */
export interface MetadataClaim {
  scope: string;
  requestHash: string;
  /** Events in the claimed append (this one and the next eventCount-1 of the same stream). */
  eventCount: number;
}

/**
 * Event metadata on the server: every envelope field that is not the event's own id, type,
 * stream, revision or data. Correlation and causation use the server's reserved keys
 * (`$correlationId`, `$causationId`) so its by-correlation projection understands them.
 */
export interface RcmMetadata {
  rcm: typeof METADATA_FORMAT;
  schemaVersion: number;
  country: string | null;
  occurredOn: string;
  recordedAt: string;
  recordedBy: string;
  provenance: Provenance;
  prevHash: string;
  hash: string;
  $correlationId?: string;
  $causationId?: string;
  idempotency?: MetadataClaim;
}

export type EnvelopeWithHash = HashedEnvelope & { hash: string };

/** Our envelope (already hashed) as the client's event data. `streamId`/`streamRevision` are carried by the server itself. */
export function toEventData(event: EnvelopeWithHash, claim?: MetadataClaim): EventData {
  const metadata: RcmMetadata = {
    rcm: METADATA_FORMAT,
    schemaVersion: event.schemaVersion,
    country: event.country,
    occurredOn: event.occurredOn,
    recordedAt: event.recordedAt,
    recordedBy: event.recordedBy,
    provenance: event.provenance,
    prevHash: event.prevHash,
    hash: event.hash,
  };
  if (event.correlationId !== undefined) metadata.$correlationId = event.correlationId;
  if (event.causationId !== undefined) metadata.$causationId = event.causationId;
  if (claim) metadata.idempotency = claim;
  return jsonEvent({ id: event.eventId, type: event.type, data: event.data, metadata: metadata as unknown as Record<string, unknown> });
}

/** The part of a client RecordedEvent this mapping reads (both the gRPC and the bridge readers give these). */
export interface RecordedLike {
  streamId: string;
  id: string;
  revision: bigint | number;
  type: string;
  isJson: boolean;
  data: unknown;
  metadata: unknown;
}

export interface DecodedEvent {
  /** Stored (not upcast) form; `position` is filled in by the caller from the local index. */
  event: StoredEvent;
  claim?: MetadataClaim;
}

export class NotOurEventError extends Error {
  constructor(detail: string) {
    super(`Not an event written by this service: ${detail}`);
    this.name = 'NotOurEventError';
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
const isString = (v: unknown): v is string => typeof v === 'string';

function parseClaim(value: unknown, where: string): MetadataClaim | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value) || !isString(value['scope']) || !isString(value['requestHash']) || !Number.isInteger(value['eventCount']) || (value['eventCount'] as number) < 1) {
    throw new NotOurEventError(`${where}: malformed idempotency claim`);
  }
  return { scope: value['scope'], requestHash: value['requestHash'], eventCount: value['eventCount'] as number };
}

/** A recorded event of one of our streams back to our stored envelope (position 0 until the index assigns it). */
export function fromRecordedEvent(recorded: RecordedLike, namespace: string): DecodedEvent {
  const where = `${recorded.streamId}@${String(recorded.revision)} (${recorded.id})`;
  const streamId = ourStreamId(namespace, recorded.streamId);
  if (streamId === undefined) throw new NotOurEventError(`${where}: stream is outside namespace "${namespace}"`);
  if (!recorded.isJson || !isRecord(recorded.data)) throw new NotOurEventError(`${where}: data is not a JSON object`);
  const m = recorded.metadata;
  if (!isRecord(m) || m['rcm'] !== METADATA_FORMAT) throw new NotOurEventError(`${where}: metadata has no rcm format ${METADATA_FORMAT} marker`);
  const { schemaVersion, country, occurredOn, recordedAt, recordedBy, provenance, prevHash, hash } = m;
  if (
    !Number.isInteger(schemaVersion) ||
    !(country === null || isString(country)) ||
    !isString(occurredOn) ||
    !isString(recordedAt) ||
    !isString(recordedBy) ||
    !isRecord(provenance) ||
    !isString(prevHash) ||
    !isString(hash)
  ) {
    throw new NotOurEventError(`${where}: metadata misses envelope fields`);
  }
  const event: StoredEvent = {
    eventId: recorded.id,
    type: recorded.type,
    schemaVersion: schemaVersion as number,
    streamId,
    streamRevision: revisionToNumber(recorded.revision),
    position: 0,
    country,
    occurredOn,
    recordedAt,
    recordedBy,
    provenance: provenance as Provenance,
    data: recorded.data,
    prevHash,
    hash,
  };
  if (isString(m['$correlationId'])) event.correlationId = m['$correlationId'];
  if (isString(m['$causationId'])) event.causationId = m['$causationId'];
  const claim = parseClaim(m['idempotency'], where);
  return claim ? { event, claim } : { event };
}
