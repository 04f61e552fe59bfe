import type { Provenance, StoredEvent } from '../../contracts/index.js';

/** `no_stream`: the stream must not exist yet; a number: the stream's last revision must be exactly that. */
export type ExpectedRevision = 'any' | 'no_stream' | number;

/** What a writer supplies; the store assigns revision, position, recordedAt and the hash-chain fields. */
export interface NewEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  country: string | null;
  occurredOn: string;
  recordedBy: string;
  provenance: Provenance;
  correlationId?: string | undefined;
  causationId?: string | undefined;
  data: Record<string, unknown>;
}

export interface AppendedEvent {
  eventId: string;
  type: string;
  streamRevision: number;
  position: number;
  recordedAt: string;
  hash: string;
}

export interface AppendResult {
  streamId: string;
  events: AppendedEvent[];
  /** Last revision of the stream after the append. */
  lastRevision: number;
  /** Global position of the last appended event. */
  lastPosition: number;
}

/** Stored with the append, in the same transaction: a retried request finds it and appends nothing. */
export interface IdempotencyClaim {
  /** Principal-scoped key, e.g. `desk-et:3f2c...`. */
  scope: string;
  /** Hash of the request (method, path, body). */
  requestHash: string;
}

export interface IdempotencyRecord {
  requestHash: string;
  result: AppendResult;
}

export interface AppendOptions {
  idempotency?: IdempotencyClaim | undefined;
}

export interface ReadStreamOptions {
  fromRevision?: number;
  limit?: number;
  /** Only events of these types; the others are skipped where they are stored, and `limit` counts those returned. */
  types?: readonly string[];
}

export interface ReadAllOptions {
  fromPosition?: number;
  /** Inclusive upper bound. */
  toPosition?: number;
  limit?: number;
}

export interface StreamHead {
  streamId: string;
  lastRevision: number;
  lastHash: string;
}

/**
 * The event-store port. Every adapter (embedded SQLite, KurrentDB) satisfies the same contract
 * tests. Reads return events upcast to the current schema version unless `raw` is asked for
 * (the hash verifier needs the stored form).
 */
export interface EventStore {
  readonly kind: string;
  append(streamId: string, expected: ExpectedRevision, events: NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;
  /** Events in global order with position >= fromPosition (default 1). */
  readAll(options?: ReadAllOptions): Promise<StoredEvent[]>;
  /** Stored form, not upcast: for hash verification and migration. */
  readAllRaw(options?: ReadAllOptions): Promise<StoredEvent[]>;
  /** Position of the last committed event (0 when empty). */
  headPosition(): Promise<number>;
  /** Last revision and hash per stream. */
  streamHeads(): Promise<StreamHead[]>;
  /** Highest position whose recordedAt is <= the given instant (0 if none). */
  positionAt(recordedAt: string): Promise<number>;
  findIdempotency(scope: string): Promise<IdempotencyRecord | undefined>;
  /** Called after each commit with the last committed position. Returns an unsubscribe function. */
  onCommit(listener: (lastPosition: number) => void): () => void;
  close(): Promise<void>;
}
