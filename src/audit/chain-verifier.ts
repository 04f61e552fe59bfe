import { GENESIS_HASH, type StoredEvent } from '../../contracts/envelope.js';
import { computeEventHash } from '../store/hash-chain.js';

/** The first broken link of one stream. */
export interface BrokenLink {
  streamId: string;
  streamRevision: number;
  eventId: string;
  position: number;
  reason: string;
  /** What the verifier expected at the broken link (a hash or a revision). */
  expected: string;
  actual: string;
}

export interface StreamVerification {
  streamId: string;
  /** Events whose link was checked and found intact (up to the break, if any). */
  eventsChecked: number;
  /** Last revision seen in the log for this stream. */
  lastRevision: number;
  /** Hash of the last intact event (genesis hash if none). */
  headHash: string;
  ok: boolean;
  broken: BrokenLink | null;
}

export interface ChainReport {
  ok: boolean;
  eventsRead: number;
  eventsChecked: number;
  streams: StreamVerification[];
  /** Position of the last event read. */
  throughPosition: number;
}

interface StreamState {
  revision: number;
  hash: string;
  checked: number;
  lastRevision: number;
  broken: BrokenLink | null;
}

/**
 * Recomputes every stream's hash chain incrementally, one event at a time in global order (so a
 * 1,000,000-event log is verified page by page in bounded memory). Unlike `verifyChain`, a break
 * in one stream does not stop the others: each stream reports its own first broken link.
 * Events must be in the stored (not upcast) form.
 */
export class ChainVerifier {
  private readonly streams = new Map<string, StreamState>();
  private eventsRead = 0;
  private lastPosition = 0;

  add(event: StoredEvent): void {
    this.eventsRead++;
    this.lastPosition = Math.max(this.lastPosition, event.position);
    let s = this.streams.get(event.streamId);
    if (!s) {
      s = { revision: -1, hash: GENESIS_HASH, checked: 0, lastRevision: -1, broken: null };
      this.streams.set(event.streamId, s);
    }
    s.lastRevision = Math.max(s.lastRevision, event.streamRevision);
    if (s.broken) return; // only the first broken link is named; what follows it cannot be trusted
    const fail = (reason: string, expected: string, actual: string) => {
      s.broken = { streamId: event.streamId, streamRevision: event.streamRevision, eventId: event.eventId, position: event.position, reason, expected, actual };
    };
    const expectedRevision = s.revision + 1;
    if (event.streamRevision !== expectedRevision) {
      return fail(
        s.revision >= 0 ? `revision gap: expected revision ${expectedRevision} after ${s.revision}` : 'stream does not start at revision 0',
        String(expectedRevision),
        String(event.streamRevision),
      );
    }
    if (event.prevHash !== s.hash) {
      return fail(
        s.revision >= 0 ? 'prevHash does not match the hash of the previous event' : 'prevHash of revision 0 is not the genesis hash',
        s.hash,
        event.prevHash,
      );
    }
    let recomputed: string;
    try {
      recomputed = computeEventHash(event);
    } catch (e) {
      return fail(`event content cannot be hashed: ${e instanceof Error ? e.message : String(e)}`, 'hashable JSON', 'unhashable');
    }
    if (recomputed !== event.hash) {
      return fail('hash does not match the event content (the event was altered)', recomputed, event.hash);
    }
    s.revision = event.streamRevision;
    s.hash = event.hash;
    s.checked++;
  }

  report(): ChainReport {
    const streams = [...this.streams.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([streamId, s]) => ({
        streamId,
        eventsChecked: s.checked,
        lastRevision: s.lastRevision,
        headHash: s.hash,
        ok: s.broken === null,
        broken: s.broken,
      }));
    return {
      ok: streams.every((s) => s.ok),
      eventsRead: this.eventsRead,
      eventsChecked: streams.reduce((n, s) => n + s.eventsChecked, 0),
      streams,
      throughPosition: this.lastPosition,
    };
  }
}
