import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type EventData,
} from '@kurrent/kurrentdb-client';
import { GENESIS_HASH, type StoredEvent } from '../../../contracts/envelope.js';
import { AppError } from '../../errors/catalogue.js';
import { DuplicateEventIdError, IdempotencyConflictError, StoreClosedError, WrongExpectedRevisionError } from '../errors.js';
import { computeEventHash } from '../hash-chain.js';
import type {
  AppendedEvent,
  AppendOptions,
  AppendResult,
  EventStore,
  ExpectedRevision,
  IdempotencyRecord,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  StreamHead,
} from '../port.js';
import { upcastEvent } from '../sqlite/rows.js';
import { AsyncLock } from './async-lock.js';
import { LocalIndex, compareServerPositions, type IndexEntry, type ServerPosition } from './local-index.js';
import { fromRecordedEvent, toEventData, type EnvelopeWithHash, type MetadataClaim, type RecordedLike } from './metadata.js';
import { fromCurrentStreamState, revisionToNumber } from './revision.js';
import { checkNamespace, isOurStreamId, ourStreamId, ourStreamsFilter, serverStreamName } from './stream-names.js';
import { CommitListeners } from '../commit-listeners.js';

export interface KurrentDbEventStoreOptions {
  /** `kurrentdb://user:pass@host:2113?tls=false` (or the older `esdb://`); reading `$all` needs an admin-level user. */
  connectionString: string;
  /** The local index file (rebuilt from the log when missing); ':memory:' rebuilds at every start. */
  indexPath: string;
  /** Prefix of our stream names on the server (default ''): lets several logical stores share one server. */
  namespace?: string;
  /** Retries of an `any` append that lost a race against another instance. Default 20. */
  maxAnyRetries?: number;
  /** Follow `$all` live so appends by other instances reach onCommit listeners. Default true. */
  subscribe?: boolean;
  onListenerError?: (error: unknown) => void;
  /** Subscription drops, conflicting idempotency claims and other things an operator should see. */
  onWarning?: (message: string) => void;
  /** A client built elsewhere (tests use an in-process stand-in); default: `KurrentDBClient.connectionString(connectionString)`. */
  client?: KurrentClient;
}

/** The part of the client this adapter uses. */
export type KurrentClient = Pick<KurrentDBClient, 'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'>;

/** A claim to attach to the first event of an imported append (migration keeps idempotency records). */
export type ImportClaims = ReadonlyMap<string, MetadataClaim>;

const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const LOWER_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const INDEX_BATCH = 500;

function checkLimit(limit: number | undefined): number | undefined {
  if (limit === undefined) return undefined;
  if (!Number.isInteger(limit) || limit < 0) throw new AppError('BAD_REQUEST', `limit must be a non-negative integer, got ${limit}`);
  return limit;
}

function toServerPosition(p: { commit: bigint | number; prepare: bigint | number }): ServerPosition {
  return { commit: BigInt(p.commit), prepare: BigInt(p.prepare) };
}

function checkExpected(streamId: string, expected: ExpectedRevision, head: { revision: number } | undefined): void {
  if (expected === 'any') return;
  const actual = head ? head.revision : 'no_stream';
  if (expected === 'no_stream' ? head !== undefined : actual !== expected) throw new WrongExpectedRevisionError(streamId, expected, actual);
}

/**
 * The event store on EventStoreDB / KurrentDB. Events live on the server only; a local index
 * (src/store/kurrentdb/local-index.ts) maps them to our dense global positions and holds the
 * idempotency claims, both read from the log. Design and guarantees: docs/multi-instance.md.
 *
 * Appends of one instance run one at a time: that keeps recordedAt non-decreasing in log order for
 * this instance and lets every append check the claims and event ids committed before it.
 */
export class KurrentDbEventStore implements EventStore {
  readonly kind = 'kurrentdb';
  readonly namespace: string;
  private readonly client: KurrentClient;
  private readonly index: LocalIndex;
  private readonly appendLock = new AsyncLock();
  private readonly commitListeners: CommitListeners;
  private readonly maxAnyRetries: number;
  private readonly onWarning: (message: string) => void;
  private subscription: AllStreamSubscription | undefined;
  private resubscribeTimer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private queued: Promise<void> | undefined;
  private lastAssignedRecordedAt = '';
  private closed = false;

  private constructor(options: KurrentDbEventStoreOptions) {
    this.namespace = checkNamespace(options.namespace ?? '');
    this.maxAnyRetries = Math.max(0, Math.trunc(options.maxAnyRetries ?? 20));
    this.onWarning = options.onWarning ?? ((m) => process.emitWarning(m));
    this.commitListeners = new CommitListeners(options.onListenerError);
    this.index = new LocalIndex(options.indexPath, this.namespace);
    this.client = options.client ?? KurrentDBClient.connectionString(options.connectionString);
  }

  /** Connects, checks the index still matches the log, catches up, and (by default) follows $all live. */
  static async open(options: KurrentDbEventStoreOptions): Promise<KurrentDbEventStore> {
    const store = new KurrentDbEventStore(options);
    try {
      await store.checkIndexMatchesLog();
      await store.catchUp();
      if (options.subscribe ?? true) store.subscribe();
      return store;
    } catch (e) {
      await store.close();
      throw e;
    }
  }

  // ---------------------------------------------------------------- the index and the log

  /** The last indexed event must still be on the server at its revision: else the index belongs to another database. */
  private async checkIndexMatchesLog(): Promise<void> {
    const last = this.index.lastEntry();
    if (!last) return;
    const onServer = await this.readServerEvent(last.streamId, last.streamRevision);
    if (!onServer || onServer.eventId !== last.eventId || onServer.hash !== last.hash) {
      throw new Error(
        `Local index does not match the KurrentDB log (event ${last.eventId} at ${last.streamId}@${last.streamRevision} is not there): ` +
          'it was built against another database; delete the index file to rebuild it',
      );
    }
  }

  private decodeForIndex(resolved: AllStreamResolvedEvent): IndexEntry | undefined {
    const recorded = resolved.event;
    if (!recorded || ourStreamId(this.namespace, recorded.streamId) === undefined) return undefined; // filtered server-side too
    const { event, claim } = fromRecordedEvent(recorded as RecordedLike, this.namespace);
    return {
      serverPosition: toServerPosition(recorded.position),
      eventId: event.eventId,
      type: event.type,
      streamId: event.streamId,
      streamRevision: event.streamRevision,
      recordedAt: event.recordedAt,
      hash: event.hash,
      claim,
    };
  }

  private addToIndex(entries: IndexEntry[]): void {
    const before = this.index.conflictingClaimCount();
    const added = this.index.add(entries);
    if (this.index.conflictingClaimCount() > before) {
      this.onWarning('KurrentDB: an idempotency key was claimed twice in the log (a key reused concurrently on two instances); the first claim counts');
    }
    if (added > 0) this.commitListeners.notify(this.index.headPosition());
  }

  /**
   * Reads our events from the index's end to the end of $all into the index. Concurrent callers
   * share a read, but a caller never gets a read that started before its call, so whatever
   * committed before the call is indexed when the promise resolves.
   */
  catchUp(): Promise<void> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    if (!this.running) {
      this.running = this.readToEnd().finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    this.queued ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.catchUp();
      });
    return this.queued;
  }

  private async readToEnd(): Promise<void> {
    const from = this.index.lastServerPosition();
    // Leader reads: the idempotency and event-id checks rely on seeing every committed append.
    const reader = this.client.readAll({ fromPosition: from ?? START, direction: FORWARDS, filter: ourStreamsFilter(this.namespace), requiresLeader: true });
    let batch: IndexEntry[] = [];
    for await (const resolved of reader) {
      const entry = this.decodeForIndex(resolved);
      if (!entry) continue;
      batch.push(entry);
      if (batch.length >= INDEX_BATCH) {
        this.addToIndex(batch);
        batch = [];
      }
    }
    this.addToIndex(batch);
  }

  /** Live: a catch-up subscription to $all from the index's end; appends by other instances notify our listeners. */
  private subscribe(): void {
    if (this.closed) return;
    const from = this.index.lastServerPosition();
    const subscription = this.client.subscribeToAll({ fromPosition: from ?? START, filter: ourStreamsFilter(this.namespace) });
    this.subscription = subscription;
    subscription.on('data', (resolved: AllStreamResolvedEvent) => {
      if (this.subscription !== subscription) return;
      try {
        const entry = this.decodeForIndex(resolved);
        if (entry) this.addToIndex([entry]);
      } catch (e) {
        // Skipping the event would shift every later position; stop following instead. The
        // on-demand catch-up reads hit the same event and report it to their callers.
        this.subscription = undefined;
        void subscription.unsubscribe().catch(() => undefined);
        this.onWarning(`KurrentDB subscription stopped: ${e instanceof Error ? e.message : String(e)}`);
      }
    });
    subscription.on('error', (error: Error) => {
      if (this.closed || this.subscription !== subscription) return;
      this.onWarning(`KurrentDB subscription dropped (${error.message}); resubscribing from the index's end in 1 s`);
      this.subscription = undefined;
      this.resubscribeTimer = setTimeout(() => this.subscribe(), 1000);
      this.resubscribeTimer.unref();
    });
  }

  // ---------------------------------------------------------------- server reads

  private async readServerEvent(streamId: string, revision: number): Promise<StoredEvent | undefined> {
    const name = serverStreamName(this.namespace, streamId);
    try {
      for await (const resolved of this.client.readStream(name, { fromRevision: BigInt(revision), direction: FORWARDS, maxCount: 1 })) {
        if (resolved.event) return fromRecordedEvent(resolved.event as RecordedLike, this.namespace).event;
      }
    } catch (e) {
      if (e instanceof StreamNotFoundError) return undefined;
      throw e;
    }
    return undefined;
  }

  /** The stream's last event as the server has it now (leader read), or undefined when there is none. */
  private async readServerHead(streamId: string): Promise<{ revision: number; hash: string } | undefined> {
    const name = serverStreamName(this.namespace, streamId);
    try {
      for await (const resolved of this.client.readStream(name, { fromRevision: END, direction: BACKWARDS, maxCount: 1, requiresLeader: true })) {
        if (resolved.event) {
          const { event } = fromRecordedEvent(resolved.event as RecordedLike, this.namespace);
          return { revision: event.streamRevision, hash: event.hash };
        }
      }
    } catch (e) {
      if (e instanceof StreamNotFoundError) return undefined;
      throw e;
    }
    return undefined;
  }

  // ---------------------------------------------------------------- writing

  append(streamId: string, expected: ExpectedRevision, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    try {
      if (typeof streamId !== 'string' || streamId.length === 0) throw new AppError('BAD_REQUEST', 'streamId must be a non-empty string');
      serverStreamName(this.namespace, streamId);
      if (events.length === 0) throw new AppError('BAD_REQUEST', 'An append needs at least one event');
      if (typeof expected === 'number' && (!Number.isInteger(expected) || expected < 0)) {
        throw new AppError('BAD_REQUEST', `Expected revision must be a non-negative integer, got ${expected}`);
      }
      for (const e of events) {
        // The server hands ids back in lowercase canonical form; the hash covers the id as given.
        if (!LOWER_UUID.test(e.eventId)) throw new AppError('BAD_REQUEST', `eventId must be a lowercase UUID, got ${e.eventId}`);
      }
    } catch (e) {
      return Promise.reject(e);
    }
    return this.appendLock.run(() => this.appendNow(streamId, expected, events, options));
  }

  /** recordedAt: not before anything this instance assigned or has seen in the log. */
  private nextRecordedAt(): string {
    const now = new Date().toISOString();
    let at = now > this.lastAssignedRecordedAt ? now : this.lastAssignedRecordedAt;
    const seen = this.index.lastRecordedAt();
    if (seen > at) at = seen;
    this.lastAssignedRecordedAt = at;
    return at;
  }

  private async findClaimedResult(scope: string): Promise<IdempotencyRecord | undefined> {
    const claim = this.index.findClaim(scope);
    if (!claim) return undefined;
    const result = this.index.resultOfClaim(claim);
    if (!result) throw new Error(`Idempotency claim ${scope} names events the index does not hold`);
    return { requestHash: claim.requestHash, result };
  }

  private async appendNow(streamId: string, expected: ExpectedRevision, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    if (this.closed) throw new StoreClosedError();
    const claim = options.idempotency;
    const name = serverStreamName(this.namespace, streamId);
    for (let attempt = 0; ; attempt++) {
      // Order matters: read the head first, then catch up. An append by anyone that committed
      // before the head read is then in the index (its claim and ids are seen below); one that
      // commits after it moves the stream and our append fails its expected-revision check.
      const head = await this.readServerHead(streamId);
      await this.catchUp();
      if (claim) {
        const existing = await this.findClaimedResult(claim.scope);
        if (existing) throw new IdempotencyConflictError(claim.scope, existing, claim.requestHash);
      }
      checkExpected(streamId, expected, head);
      const ids = new Set<string>();
      for (const e of events) {
        if (ids.has(e.eventId) || this.index.positionOfEventId(e.eventId) !== undefined) throw new DuplicateEventIdError(e.eventId);
        ids.add(e.eventId);
      }

      const recordedAt = this.nextRecordedAt();
      let revision = head ? head.revision : -1;
      let prevHash = head ? head.hash : GENESIS_HASH;
      const stored: EnvelopeWithHash[] = [];
      for (const e of events) {
        revision++;
        const envelope: EnvelopeWithHash = {
          eventId: e.eventId,
          type: e.type,
          schemaVersion: e.schemaVersion,
          streamId,
          streamRevision: revision,
          country: e.country,
          occurredOn: e.occurredOn,
          recordedAt,
          recordedBy: e.recordedBy,
          provenance: e.provenance,
          data: e.data,
          prevHash,
          hash: '',
        };
        if (e.correlationId !== undefined) envelope.correlationId = e.correlationId;
        if (e.causationId !== undefined) envelope.causationId = e.causationId;
        envelope.hash = computeEventHash(envelope);
        prevHash = envelope.hash;
        stored.push(envelope);
      }
      const data: EventData[] = stored.map((s, i) =>
        toEventData(s, i === 0 && claim ? { scope: claim.scope, requestHash: claim.requestHash, eventCount: events.length } : undefined),
      );

      try {
        // Always a concrete state, also for `any`: the hash chain was computed against this head.
        const written = await this.client.appendToStream(name, data, { streamState: head ? BigInt(head.revision) : NO_STREAM });
        if (written.nextExpectedRevision !== BigInt(revision)) {
          // The server answered an idempotent replay of ids it already holds: nothing new was written.
          throw new DuplicateEventIdError(events[0]!.eventId);
        }
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (claim) {
          await this.catchUp();
          const existing = await this.findClaimedResult(claim.scope);
          if (existing) throw new IdempotencyConflictError(claim.scope, existing, claim.requestHash);
        }
        if (expected === 'any' && attempt < this.maxAnyRetries) continue;
        throw new WrongExpectedRevisionError(streamId, expected, fromCurrentStreamState(error.actualState));
      }
      return this.resultOf(streamId, stored);
    }
  }

  /** Positions come from the index: catch up until it holds the events just written. */
  private async resultOf(streamId: string, stored: EnvelopeWithHash[]): Promise<AppendResult> {
    await this.catchUp();
    const appended: AppendedEvent[] = stored.map((s) => {
      const at = this.index.positionOfRevision(streamId, s.streamRevision);
      if (!at || at.eventId !== s.eventId) throw new Error(`Appended ${streamId}@${s.streamRevision} is not in $all as written`);
      return { eventId: s.eventId, type: s.type, streamRevision: s.streamRevision, position: at.position, recordedAt: s.recordedAt, hash: s.hash };
    });
    const last = appended[appended.length - 1] as AppendedEvent;
    return { streamId, events: appended, lastRevision: last.streamRevision, lastPosition: last.position };
  }

  /**
   * MIGRATION / IMPORT ONLY. Writes events hashed by another store, keeping eventId, recordedAt,
   * recordedBy, data (stored form), prevHash and hash; positions follow from the order written.
   * `events` must be in global order; each run of consecutive events of one stream is one append
   * expecting exactly the revision before it, so an interrupted import leaves a prefix of the
   * source order and can be resumed from the per-stream heads. Not atomic across runs.
   */
  async importEvents(events: readonly StoredEvent[], claims: ImportClaims = new Map()): Promise<{ imported: number; lastPosition: number }> {
    return this.appendLock.run(async () => {
      if (this.closed) throw new StoreClosedError();
      let i = 0;
      while (i < events.length) {
        const first = events[i] as StoredEvent;
        let j = i + 1;
        while (j < events.length && (events[j] as StoredEvent).streamId === first.streamId) j++;
        const run = events.slice(i, j);
        const name = serverStreamName(this.namespace, first.streamId);
        let prevHash = GENESIS_HASH;
        if (first.streamRevision > 0) {
          const previous = await this.readServerEvent(first.streamId, first.streamRevision - 1);
          if (!previous) {
            const head = await this.readServerHead(first.streamId);
            throw new WrongExpectedRevisionError(first.streamId, first.streamRevision - 1, head ? head.revision : 'no_stream');
          }
          prevHash = previous.hash;
        }
        run.forEach((e, k) => {
          const where = `import of ${e.streamId}@${e.streamRevision} (${e.eventId})`;
          if (e.streamRevision !== first.streamRevision + k) throw new AppError('BAD_REQUEST', `${where}: revision gap`);
          if (e.prevHash !== prevHash) throw new AppError('BAD_REQUEST', `${where}: prevHash does not link to the stream head`);
          if (computeEventHash(e) !== e.hash) throw new AppError('BAD_REQUEST', `${where}: hash does not match the event content`);
          if (!ISO_UTC_MS.test(e.recordedAt)) throw new AppError('BAD_REQUEST', `${where}: recordedAt is not UTC ISO with milliseconds`);
          if (!LOWER_UUID.test(e.eventId)) throw new AppError('BAD_REQUEST', `${where}: eventId is not a lowercase UUID`);
          prevHash = e.hash;
        });
        const data = run.map((e) => toEventData(e, claims.get(e.eventId)));
        const state = first.streamRevision === 0 ? NO_STREAM : BigInt(first.streamRevision - 1);
        try {
          await this.client.appendToStream(name, data, { streamState: state });
        } catch (error) {
          if (error instanceof WrongExpectedVersionError) {
            throw new WrongExpectedRevisionError(first.streamId, first.streamRevision - 1, fromCurrentStreamState(error.actualState));
          }
          throw error;
        }
        i = j;
      }
      await this.catchUp();
      return { imported: events.length, lastPosition: this.index.headPosition() };
    });
  }

  /** Every idempotency claim in the log (first claim per scope), for migration. */
  async listIdempotency(): Promise<Array<IdempotencyRecord & { scope: string }>> {
    await this.catchUp();
    return this.index.listClaims().map((claim) => {
      const result = this.index.resultOfClaim(claim);
      if (!result) throw new Error(`Idempotency claim ${claim.scope} names events the index does not hold`);
      return { scope: claim.scope, requestHash: claim.requestHash, result };
    });
  }

  onCommit(listener: (lastPosition: number) => void): () => void {
    return this.commitListeners.add(listener);
  }

  // ---------------------------------------------------------------- reading

  private ensureOpen(): void {
    if (this.closed) throw new StoreClosedError();
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    this.ensureOpen();
    const limit = checkLimit(options.limit);
    if (!isOurStreamId(streamId) || limit === 0) return [];
    const from = Math.max(0, Math.trunc(options.fromRevision ?? 0));
    const events: StoredEvent[] = [];
    // The server reads whole streams: other types are skipped here, and the read stops once `limit` are kept.
    const types = options.types ? new Set(options.types) : undefined;
    try {
      const reader = this.client.readStream(serverStreamName(this.namespace, streamId), {
        fromRevision: BigInt(from),
        direction: FORWARDS,
        ...(limit === undefined || types ? {} : { maxCount: limit }),
      });
      for await (const resolved of reader) {
        if (!resolved.event || (types && !types.has(resolved.event.type))) continue;
        events.push(fromRecordedEvent(resolved.event as RecordedLike, this.namespace).event);
        if (events.length === limit) break;
      }
    } catch (e) {
      if (e instanceof StreamNotFoundError) return [];
      throw e;
    }
    let caughtUp = false;
    for (const event of events) {
      let at = this.index.positionOfRevision(streamId, event.streamRevision);
      if (!at && !caughtUp) {
        await this.catchUp();
        caughtUp = true;
        at = this.index.positionOfRevision(streamId, event.streamRevision);
      }
      if (!at || at.eventId !== event.eventId) throw new Error(`${streamId}@${event.streamRevision} is not in the local index as read`);
      event.position = at.position;
    }
    return events.map(upcastEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    return (await this.readAllRaw(options)).map(upcastEvent);
  }

  /**
   * Global order from $all, filtered to our streams. Reading starts just after the server
   * position of `fromPosition - 1` (from the index) and numbers events on from there: the order of
   * $all is the same for every reader, so the numbers are the ones the index gives.
   */
  async readAllRaw(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    this.ensureOpen();
    const limit = checkLimit(options.limit);
    const from = Math.max(1, Math.trunc(options.fromPosition ?? 1));
    const to = options.toPosition ?? Number.MAX_SAFE_INTEGER;
    if (limit === 0 || from > to) return [];
    if (from > this.index.headPosition()) await this.catchUp();
    if (from > this.index.headPosition()) return [];
    const after = from > 1 ? this.index.serverPositionOf(from - 1) : undefined;
    if (from > 1 && !after) throw new Error(`Local index has no position ${from - 1}`);
    const wanted = Math.min(limit ?? Number.MAX_SAFE_INTEGER, to - from + 1);
    const reader = this.client.readAll({
      fromPosition: after ?? START,
      direction: FORWARDS,
      filter: ourStreamsFilter(this.namespace),
      // +1: whether a read from a position includes the event at it or not, we skip it ourselves.
      maxCount: Math.min(wanted + 1, Number.MAX_SAFE_INTEGER),
    });
    const out: StoredEvent[] = [];
    let position = from - 1;
    for await (const resolved of reader) {
      const recorded = resolved.event;
      if (!recorded || ourStreamId(this.namespace, recorded.streamId) === undefined) continue;
      if (after && compareServerPositions(toServerPosition(recorded.position), after) <= 0) continue;
      position++;
      const indexed = this.index.eventIdAt(position);
      if (indexed !== undefined && indexed !== recorded.id) {
        throw new Error(`Position ${position}: the index holds ${indexed}, $all has ${recorded.id}; delete the index to rebuild it`);
      }
      const { event } = fromRecordedEvent(recorded as RecordedLike, this.namespace);
      event.position = position;
      out.push(event);
      if (out.length >= wanted) break;
    }
    return out;
  }

  async headPosition(): Promise<number> {
    this.ensureOpen();
    await this.catchUp();
    return this.index.headPosition();
  }

  async streamHeads(): Promise<StreamHead[]> {
    this.ensureOpen();
    await this.catchUp();
    return this.index.streamHeads();
  }

  /**
   * Highest position p such that every event up to p was recorded at or before the instant. With
   * one instance this is SQLite's answer; with several, recordedAt can step back slightly between
   * instances (clock skew), and the cutoff then stops before the first event recorded later.
   */
  async positionAt(recordedAt: string): Promise<number> {
    this.ensureOpen();
    const instant = new Date(recordedAt);
    if (Number.isNaN(instant.getTime())) throw new AppError('BAD_REQUEST', `Not a date-time: ${recordedAt}`);
    await this.catchUp();
    return this.index.positionAt(instant.toISOString());
  }

  async findIdempotency(scope: string): Promise<IdempotencyRecord | undefined> {
    this.ensureOpen();
    await this.catchUp();
    return this.findClaimedResult(scope);
  }

  /** Stops the subscription, waits for appends in flight, disposes of the client. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.appendLock.idle();
    this.closed = true;
    if (this.resubscribeTimer) clearTimeout(this.resubscribeTimer);
    const subscription = this.subscription;
    this.subscription = undefined;
    try {
      await subscription?.unsubscribe();
    } catch {
      // already dropped
    }
    await this.running?.catch(() => undefined);
    await this.client.dispose();
    this.index.close();
  }
}

export function openKurrentDbEventStore(options: KurrentDbEventStoreOptions): Promise<KurrentDbEventStore> {
  return KurrentDbEventStore.open(options);
}
