import type { StoredEvent } from '../../contracts/envelope.js';
import type { EventStore } from '../store/port.js';

/** Pages of stored (not upcast) events in global order: what the verifier reads. */
export interface RawEventSource {
  headPosition(): Promise<number>;
  /** Up to `limit` events with position >= fromPosition, in position order. */
  page(fromPosition: number, limit: number): Promise<StoredEvent[]>;
}

/** Any event-store adapter, through the port's `readAllRaw`. */
export function portRawSource(store: EventStore): RawEventSource {
  return {
    headPosition: () => store.headPosition(),
    page: (fromPosition, limit) => store.readAllRaw({ fromPosition, limit }),
  };
}
