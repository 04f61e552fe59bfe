import { createHash } from 'node:crypto';
import { GENESIS_HASH, type StoredEvent } from '../../contracts/envelope.js';
import { canonicalJson } from './canonical-json.js';

/**
 * The part of a stored event that the hash covers: everything except `hash` itself and
 * `position`. Position is left out on purpose: another store (KurrentDB) assigns different global
 * positions, and the chain must survive a migration unchanged.
 */
export type HashedEnvelope = Omit<StoredEvent, 'hash' | 'position'>;

/** Picks exactly the hashed fields, dropping absent optional ones, so extra properties never leak in. */
export function hashedEnvelope(event: HashedEnvelope): HashedEnvelope {
  const envelope: HashedEnvelope = {
    eventId: event.eventId,
    type: event.type,
    schemaVersion: event.schemaVersion,
    streamId: event.streamId,
    streamRevision: event.streamRevision,
    country: event.country,
    occurredOn: event.occurredOn,
    recordedAt: event.recordedAt,
    recordedBy: event.recordedBy,
    provenance: event.provenance,
    data: event.data,
    prevHash: event.prevHash,
  };
  if (event.correlationId !== undefined) envelope.correlationId = event.correlationId;
  if (event.causationId !== undefined) envelope.causationId = event.causationId;
  return envelope;
}

/** `sha256hex(prevHash + canonicalJson(envelope without hash and position))`, over the stored (not upcast) form. */
export function computeEventHash(event: HashedEnvelope): string {
  return createHash('sha256')
    .update(event.prevHash, 'utf8')
    .update(canonicalJson(hashedEnvelope(event)), 'utf8')
    .digest('hex');
}

export type ChainVerification =
  | { ok: true; eventsChecked: number; streamsChecked: number }
  | {
      ok: false;
      streamId: string;
      streamRevision: number;
      eventId: string;
      reason: string;
      /** What the verifier expected at the broken link (a hash or a revision). */
      expected: string;
      actual: string;
    };

/**
 * Recomputes the chain of every stream in `events` and names the first broken link.
 * `events` must be in the stored form (`readAllRaw`), each stream's events in revision order;
 * streams may be interleaved (global order) or given one after the other.
 */
export function verifyChain(events: Iterable<StoredEvent>): ChainVerification {
  const heads = new Map<string, { revision: number; hash: string }>();
  let eventsChecked = 0;
  for (const event of events) {
    const head = heads.get(event.streamId);
    const expectedRevision = head ? head.revision + 1 : 0;
    const broken = (reason: string, expected: string, actual: string): ChainVerification => ({
      ok: false,
      streamId: event.streamId,
      streamRevision: event.streamRevision,
      eventId: event.eventId,
      reason,
      expected,
      actual,
    });
    if (event.streamRevision !== expectedRevision) {
      return broken(
        head ? `revision gap: expected revision ${expectedRevision} after ${head.revision}` : `stream does not start at revision 0`,
        String(expectedRevision),
        String(event.streamRevision),
      );
    }
    const expectedPrev = head ? head.hash : GENESIS_HASH;
    if (event.prevHash !== expectedPrev) {
      return broken(
        head ? 'prevHash does not match the hash of the previous event' : 'prevHash of revision 0 is not the genesis hash',
        expectedPrev,
        event.prevHash,
      );
    }
    const recomputed = computeEventHash(event);
    if (event.hash !== recomputed) {
      return broken('hash does not match the event content (the event was altered)', recomputed, event.hash);
    }
    heads.set(event.streamId, { revision: event.streamRevision, hash: event.hash });
    eventsChecked++;
  }
  return { ok: true, eventsChecked, streamsChecked: heads.size };
}
