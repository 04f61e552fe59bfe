import type { StoredEvent } from '../../contracts/envelope.js';
import type { AppendResult, EventStore, IdempotencyRecord, ReadAllOptions, ReadStreamOptions, StreamHead } from '../store/port.js';

/**
 * A fixed, already-read list of events (in position order) dressed as an event store, so the
 * projection runner can build read models from exactly these events and nothing else. Read-only:
 * it never changes, so `onCommit` never fires.
 */
export class FrozenLog implements EventStore {
  readonly kind = 'frozen';

  /** Its head is the last listed event: the runner switches a build over only once it reaches the head. */
  private readonly head: number;

  constructor(private readonly events: readonly StoredEvent[]) {
    this.head = events.length > 0 ? events[events.length - 1]!.position : 0;
  }

  append(): Promise<AppendResult> {
    return Promise.reject(new Error('A frozen log is read-only'));
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const from = options.fromRevision ?? 0;
    const types = options.types ? new Set(options.types) : undefined;
    const all = this.events.filter((e) => e.streamId === streamId && e.streamRevision >= from && (!types || types.has(e.type)));
    return options.limit === undefined ? all : all.slice(0, options.limit);
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    return [...this.iterateAll(options.fromPosition ?? 1, options.toPosition)].slice(0, options.limit ?? Number.MAX_SAFE_INTEGER);
  }

  async readAllRaw(): Promise<StoredEvent[]> {
    throw new Error('A frozen log holds upcast events only');
  }

  *iterateAll(fromPosition = 1, toPosition = Number.MAX_SAFE_INTEGER): Generator<StoredEvent> {
    for (const e of this.events) if (e.position >= fromPosition && e.position <= toPosition) yield e;
  }

  async headPosition(): Promise<number> {
    return this.head;
  }

  async streamHeads(): Promise<StreamHead[]> {
    return [];
  }

  async positionAt(): Promise<number> {
    return this.head;
  }

  async findIdempotency(): Promise<IdempotencyRecord | undefined> {
    return undefined;
  }

  onCommit(): () => void {
    return () => {};
  }

  async close(): Promise<void> {}
}
