import { randomUUID } from 'node:crypto';
import { setImmediate } from 'node:timers/promises';
import {
  GENESIS_HASH,
  countryStreamId,
  eventDefinition,
  type AppendResponse,
  type CountryCommand,
  type StoredEvent,
} from '../../contracts/index.js';
import {
  copyCountryState,
  decideCorrectionInSteps,
  decideFact,
  evolveCountryInPlace,
  initialCountryState,
  isCorrectionType,
  replayCountryInSteps,
  replayCountryFrom,
  type CountryState,
  type NewFact,
  type Steps,
} from '../domain/index.js';
import { AppError, isAppError } from '../errors/catalogue.js';
import type { AppendOptions, AppendResult, EventStore, IdempotencyClaim, IdempotencyRecord, NewEvent } from '../store/port.js';
import type { PipelinedAppendOptions } from '../store/sqlite/sqlite-event-store.js';
import { IdempotencyConflictError, WrongExpectedRevisionError } from '../store/errors.js';
import { streamPages } from '../store/stream-pages.js';
import { KeyedMutex } from './keyed-mutex.js';
import type { SnapshotStore } from './state-snapshots.js';

export interface RecordInput {
  country: string;
  command: CountryCommand;
  principalId: string;
  /** Last stream revision the client has seen (If-Match); a moved stream answers 412 instead of retrying. */
  ifMatch?: number | undefined;
  idempotency?: { key: string; requestHash: string } | undefined;
}

export interface RecordOutcome {
  response: AppendResponse;
  /** True when an earlier request with the same Idempotency-Key and body produced this response. */
  replayed: boolean;
}

/** A command `preview` found refused: its index in the commands given, and the refusal. */
export interface PreviewRefusal {
  index: number;
  error: AppError;
}

/** What a command sent with an Idempotency-Key got: its own append, or the one that committed the key first. */
interface ClaimedOutcome {
  result: AppendResult;
  replayed: boolean;
}

interface StreamEntry {
  state: CountryState;
  /** Last revision included in `state`, counting appends still waiting for their commit (-1: empty stream). */
  revision: number;
  /** Appends queued on this entry that have not committed or failed yet (pipelining stores only). */
  inFlight: number;
  /** Settles when the last queued append has committed or failed. */
  settled: Promise<unknown>;
  /** Names the last queued append, for a pipelining store (PipelinedAppendOptions). */
  token: object | undefined;
  /** Id of the event at `revision`. */
  lastEventId: string | undefined;
  /** Revision of the stream's kept snapshot (-1: none). */
  snapshotRevision: number;
}

function newEntry(state: CountryState, revision: number, lastEventId: string | undefined, snapshotRevision = -1): StreamEntry {
  return { state, revision, inFlight: 0, settled: Promise.resolve(), token: undefined, lastEventId, snapshotRevision };
}

export interface CommandServiceOptions {
  /** Where decision states are kept, so that a stream's first command after a start does not replay it whole. */
  snapshots?: SnapshotStore | undefined;
  /** A stream's state is kept again once it has moved this many events past its last snapshot (default 10,000). */
  snapshotEvery?: number | undefined;
  /** Today's date, UTC (YYYY-MM-DD), for the deciders: a fact cannot be dated later (default: the system clock). */
  today?: (() => string) | undefined;
}

/** The system clock's date, UTC. */
export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/** Events per read of a long stream (~30 ms each at 1,000,000 events), and per step of its fold. */
const READ_PAGE = 2_000;
const MAX_ATTEMPTS = 8;

/**
 * Validated command -> decided event -> durable append, per country stream.
 *
 * The decided state of each stream is cached and advanced when an append is handed to the store.
 * Commands on one country are decided one after the other and each holds the country's mutex until
 * its append has committed or failed: a command decided on a state that contains a not-yet-committed
 * event could otherwise commit after that event failed, resting on a fact that was never recorded.
 * (Appends to different countries still share group commits.) With a store that pipelines appends
 * (the embedded SQLite store: arrival order, and an append decided on a queued one that then failed
 * is rejected as a revision conflict) the mutex is released once the append is queued, so
 * concurrent commands on one country share a group commit; a refusal is then trusted only after the
 * stream's queued appends have settled. If an append fails, the cached state
 * contains an event that never committed: the entry is dropped inside the critical section, so no
 * later command is decided on it, and rebuilt from the store; on a revision conflict (another
 * instance wrote) the command is decided again (bounded retries).
 */
export class CommandService {
  private readonly streams = new Map<string, StreamEntry>();
  private readonly mutex = new KeyedMutex();
  private readonly pendingIdempotency = new Map<string, { requestHash: string; done: Promise<ClaimedOutcome> }>();

  /**
   * The embedded store commits appends in arrival order and rejects an append queued behind a failed
   * one to the same stream, so the mutex can be released once an append is queued: the next command
   * on the country is decided on the optimistic state and joins the same group commit.
   */
  private readonly pipelined: boolean;

  private readonly snapshots: SnapshotStore | undefined;
  private readonly snapshotEvery: number;
  private readonly today: () => string;

  constructor(
    private readonly store: EventStore,
    options: CommandServiceOptions = {},
  ) {
    this.pipelined = (store as { pipelinesAppends?: boolean }).pipelinesAppends === true;
    this.snapshots = options.snapshots;
    this.snapshotEvery = options.snapshotEvery ?? 10_000;
    this.today = options.today ?? todayUtc;
  }

  /**
   * Keeps the state of every cached stream that moved since its last snapshot, and waits for the
   * writes. For shutdown, once no command is in progress: the next start then reads no history.
   */
  async saveSnapshots(): Promise<void> {
    for (const [streamId, entry] of this.streams) if (entry.inFlight === 0) this.snapshotIfDue(streamId, entry, 1);
    await this.snapshots?.flush();
  }

  async record(input: RecordInput): Promise<RecordOutcome> {
    if (!input.idempotency) return { response: toResponse(await this.recordWithRetries(input, undefined)), replayed: false };
    const claim = { scope: `${input.principalId}:${input.idempotency.key}`, requestHash: input.idempotency.requestHash };
    // A request with the key already in progress here (registered before any await, so two arriving
    // together never both decide) answers for this one if it has the same body. One with another
    // body is waited for: the key is this one's if that request ends without recording anything.
    for (let pending = this.pendingIdempotency.get(claim.scope); pending; pending = this.pendingIdempotency.get(claim.scope)) {
      if (pending.requestHash === claim.requestHash) return { response: toResponse((await pending.done).result), replayed: true };
      await pending.done.catch(() => undefined);
    }
    const attempt = this.recordClaimed(input, claim);
    this.pendingIdempotency.set(claim.scope, { requestHash: claim.requestHash, done: attempt });
    const settled = () => this.pendingIdempotency.delete(claim.scope);
    attempt.then(settled, settled);
    const { result, replayed } = await attempt;
    return { response: toResponse(result), replayed };
  }

  /**
   * Decides `commands` for one country one after the other, each on the state the ones before it
   * would leave, with the same deciders `record` uses, but appends nothing: for a caller that must
   * know every refusal before it writes anything (an import is all or nothing). Corrections are
   * decided against the stored history followed by the facts decided before them. Returns the
   * refusals; a refused command is left out of the state the next one is decided on. The answer
   * holds for the committed history at the time of the call: a write after it may still change a
   * decision at recording time.
   */
  async preview(country: string, commands: readonly CountryCommand[]): Promise<PreviewRefusal[]> {
    const streamId = countryStreamId(country);
    const withHistory = commands.some((c) => isCorrectionType(c.type));
    // Under the stream's mutex: the cached entry is not being advanced meanwhile.
    const start = await this.mutex.run(streamId, async () => {
      if (withHistory) {
        const history = await this.readFrom(streamId, 0);
        return { state: await this.paced(replayCountryInSteps(country, history, READ_PAGE)), history };
      }
      let entry = this.streams.get(streamId) ?? (await this.load(streamId, country));
      // As for a refusal in decideAndAppend: only committed facts, and nothing another instance appended since.
      if (entry.inFlight > 0) await entry.settled;
      if (this.streams.get(streamId) !== entry || (await this.isBehind(streamId, entry.revision))) entry = await this.load(streamId, country);
      return { state: copyCountryState(entry.state), history: [] as StoredEvent[] };
    });
    let state = start.state;
    const history = start.history;
    const refusals: PreviewRefusal[] = [];
    const today = this.today();
    for (const [index, command] of commands.entries()) {
      try {
        let fact: NewFact;
        if (isCorrectionType(command.type)) {
          const decided = await this.paced(decideCorrectionInSteps(country, history, command, READ_PAGE, today));
          fact = decided.fact;
          state = decided.state;
        } else {
          fact = decideFact(state, command, today);
          evolveCountryInPlace(state, fact);
        }
        if (withHistory) history.push(previewedEvent(streamId, history.length, this.toNewEvent({ country, command, principalId: 'preview' }, fact)));
      } catch (e) {
        if (!isAppError(e)) throw e;
        refusals.push({ index, error: e });
      }
    }
    return refusals;
  }

  /** Drops cached state (tests, and after an import that wrote behind the service's back). */
  forget(country?: string): void {
    if (country) this.streams.delete(countryStreamId(country));
    else this.streams.clear();
  }

  /** Records a command sent with an Idempotency-Key, unless a request that committed the key first answers for it. */
  private async recordClaimed(input: RecordInput, claim: IdempotencyClaim): Promise<ClaimedOutcome> {
    const earlier = await this.store.findIdempotency(claim.scope);
    if (earlier) return replayOf(earlier, claim);
    try {
      return { result: await this.recordWithRetries(input, claim), replayed: false };
    } catch (e) {
      if (e instanceof IdempotencyConflictError) return replayOf(e.existing, claim);
      // A request with the same key committed (on another instance) after the lookup above makes this
      // one a duplicate, refused ("already recorded") or out of retries: it answers for this one.
      if (!(e instanceof AppError)) throw e;
      const since = await this.store.findIdempotency(claim.scope);
      if (!since) throw e;
      return replayOf(since, claim);
    }
  }

  private async recordWithRetries(input: RecordInput, claim: IdempotencyClaim | undefined): Promise<AppendResult> {
    const streamId = countryStreamId(input.country);
    for (let attempt = 1; ; attempt++) {
      try {
        // Wrapped: a promise returned from an async function would be adopted (awaited) inside the mutex.
        const { committed } = await this.mutex.run(streamId, () => this.decideAndAppend(streamId, input, claim));
        return await committed;
      } catch (e) {
        if (!(e instanceof WrongExpectedRevisionError)) throw e;
        if (input.ifMatch !== undefined) throw preconditionFailed(input.ifMatch, e.actual, e.streamId);
        if (attempt >= MAX_ATTEMPTS) {
          throw new AppError('REVISION_CONFLICT', `Stream ${streamId} kept changing during ${attempt} attempts; send the command again`);
        }
      }
    }
  }

  /**
   * Runs under the stream's mutex until the append has committed or failed, or, with a pipelining
   * store, until it is queued (the pending commit is returned wrapped).
   */
  private async decideAndAppend(
    streamId: string,
    input: RecordInput,
    claim: IdempotencyClaim | undefined,
  ): Promise<{ committed: Promise<AppendResult> }> {
    const isCorrection = isCorrectionType(input.command.type);
    let entry = this.streams.get(streamId);
    let fact: NewFact;
    if (isCorrection) {
      // Corrections are rare and are checked against the whole effective history; the state after
      // one is that history folded again with it.
      const history = await this.readFrom(streamId, 0);
      this.assertIfMatch(streamId, input.ifMatch, history.length - 1);
      const decided = await this.paced(decideCorrectionInSteps(input.country, history, input.command, READ_PAGE, this.today()));
      fact = decided.fact;
      entry = newEntry(decided.state, history.length - 1, history.at(-1)?.eventId);
    } else {
      entry ??= await this.load(streamId, input.country);
      // A client naming a later revision than the cache has seen another instance's write: reload, do not refuse.
      if (input.ifMatch !== undefined && input.ifMatch > entry.revision) entry = await this.load(streamId, input.country);
      this.assertIfMatch(streamId, input.ifMatch, entry.revision);
      try {
        fact = decideFact(entry.state, input.command, this.today());
      } catch (refusal) {
        // A refusal is trusted only on committed facts (this stream's queued appends settle first)
        // and only if no other instance appended since the state was cached.
        if (entry.inFlight > 0) await entry.settled;
        if (this.streams.get(streamId) === entry && !(await this.isBehind(streamId, entry.revision))) throw refusal;
        entry = await this.load(streamId, input.country);
        this.assertIfMatch(streamId, input.ifMatch, entry.revision);
        fact = decideFact(entry.state, input.command, this.today());
      }
    }
    const event = this.toNewEvent(input, fact);
    const expected = entry.revision < 0 ? 'no_stream' : entry.revision;
    const decided = entry;
    // With a pipelining store this append names the queued one it was decided on: if that fails, so does this.
    const token = {};
    const pipeline: PipelinedAppendOptions = this.pipelined && decided.inFlight > 0 && decided.token ? { token, after: decided.token } : { token };
    const appended = this.store.append(streamId, expected, [event], { idempotency: claim, ...(this.pipelined ? pipeline : {}) } as AppendOptions);
    decided.token = token;
    // The cached state is owned by this service alone, so it is advanced in place (O(1) per event).
    if (!isCorrection) evolveCountryInPlace(entry.state, { type: event.type, occurredOn: event.occurredOn, data: event.data });
    entry.revision++;
    entry.lastEventId = event.eventId;
    this.streams.set(streamId, entry);
    decided.inFlight++;
    const committed = appended.then(
      (result) => {
        // With nothing queued behind it, the cached state is exactly the committed stream.
        if (--decided.inFlight === 0 && this.streams.get(streamId) === decided) this.snapshotIfDue(streamId, decided, this.snapshotEvery);
        return result;
      },
      (e: unknown) => {
        decided.inFlight--;
        // The cached state holds an event that was never recorded: no later command may be decided on it.
        if (this.streams.get(streamId) === decided) this.streams.delete(streamId);
        throw e;
      },
    );
    decided.settled = committed.catch(() => undefined);
    if (this.pipelined) return { committed };
    return { committed: Promise.resolve(await committed) };
  }

  private assertIfMatch(streamId: string, ifMatch: number | undefined, current: number): void {
    if (ifMatch !== undefined && ifMatch !== current) throw preconditionFailed(ifMatch, current, streamId);
  }

  private async isBehind(streamId: string, revision: number): Promise<boolean> {
    return (await this.store.readStream(streamId, { fromRevision: revision + 1, limit: 1 })).length > 0;
  }

  /**
   * The stream's state: its snapshot advanced by the events after it, or, without a usable snapshot
   * (none, another stream's history at that revision, or a later correction of an earlier event),
   * a replay of the whole stream. A state that took many events to reach is kept at once.
   */
  private async load(streamId: string, country: string): Promise<StreamEntry> {
    const snapshot = await this.snapshots?.read(streamId, country);
    if (snapshot) {
      const events = await this.readFrom(streamId, snapshot.revision);
      const first = events[0];
      const state = first?.eventId === snapshot.eventId && first.streamRevision === snapshot.revision ? replayCountryFrom(snapshot.state, events.slice(1)) : undefined;
      if (state) return this.loaded(streamId, newEntry(state, events.at(-1)!.streamRevision, events.at(-1)!.eventId, snapshot.revision));
    }
    const events = await this.readFrom(streamId, 0);
    if (events.length === 0) return this.loaded(streamId, newEntry(initialCountryState(country), -1, undefined));
    const state = await this.paced(replayCountryInSteps(country, events, READ_PAGE));
    return this.loaded(streamId, newEntry(state, events.at(-1)!.streamRevision, events.at(-1)!.eventId));
  }

  /** A long fold run with other requests served between its steps. */
  private async paced<T>(steps: Steps<T>): Promise<T> {
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) return step.value;
      await setImmediate();
    }
  }

  /** The stream from a revision on, read a page at a time with other requests served in between. */
  private async readFrom(streamId: string, fromRevision: number): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    for await (const page of streamPages(this.store, streamId, { fromRevision, pageSize: READ_PAGE })) for (const e of page) events.push(e);
    return events;
  }

  /** Caches a loaded entry at once: a refusal decided on it is then trusted without loading it again. */
  private loaded(streamId: string, entry: StreamEntry): StreamEntry {
    this.streams.set(streamId, entry);
    this.snapshotIfDue(streamId, entry, this.snapshotEvery);
    return entry;
  }

  /** Keeps the entry's state when it is `minEvents` or more past its last snapshot (its state must hold committed events only). */
  private snapshotIfDue(streamId: string, entry: StreamEntry, minEvents: number): void {
    if (!this.snapshots || entry.lastEventId === undefined || entry.revision - entry.snapshotRevision < minEvents) return;
    entry.snapshotRevision = entry.revision;
    void this.snapshots.write({ streamId, revision: entry.revision, eventId: entry.lastEventId, state: entry.state });
  }

  private toNewEvent(input: RecordInput, fact: NewFact): NewEvent {
    const def = eventDefinition(fact.type);
    if (!def) throw new AppError('INTERNAL', `No definition for event type ${fact.type}`);
    return {
      eventId: randomUUID(),
      type: fact.type,
      schemaVersion: def.schemaVersion,
      country: input.country,
      occurredOn: fact.occurredOn,
      recordedBy: input.principalId,
      provenance: input.command.provenance,
      correlationId: input.command.correlationId,
      causationId: input.command.causationId,
      data: fact.data,
    };
  }
}

/** A decided, never stored fact in the shape of a stored event, for `preview`'s in-memory history. */
function previewedEvent(streamId: string, streamRevision: number, event: NewEvent): StoredEvent {
  return {
    ...event,
    streamId,
    streamRevision,
    position: 1,
    recordedAt: new Date(0).toISOString(),
    prevHash: GENESIS_HASH,
    hash: GENESIS_HASH,
  } as StoredEvent;
}

/** The answer a request gets when another request with its key committed first. */
function replayOf(earlier: IdempotencyRecord, claim: IdempotencyClaim): ClaimedOutcome {
  if (earlier.requestHash !== claim.requestHash) throw keyReused();
  return { result: earlier.result, replayed: true };
}

function toResponse(result: AppendResult): AppendResponse {
  const last = result.events[result.events.length - 1]!;
  return {
    eventId: last.eventId,
    type: last.type,
    streamId: result.streamId,
    streamRevision: last.streamRevision,
    position: last.position,
    recordedAt: last.recordedAt,
    hash: last.hash,
  };
}

function keyReused(): AppError {
  return new AppError(
    'IDEMPOTENCY_KEY_REUSED',
    'This Idempotency-Key was already used for another request (another body, or the same body for another country or family); use a new key for a new fact',
  );
}

/** 412, saying what is true: the stream moved on, is not yet at the named revision, or has no events (revision -1). */
function preconditionFailed(expected: number, actual: number | string, streamId = 'the stream'): AppError {
  const current = actual === 'no_stream' ? -1 : actual;
  let detail: string;
  if (typeof current !== 'number') detail = `If-Match names revision ${expected} but ${streamId} is at ${current}; reload and decide again`;
  else if (expected === -1) detail = `If-Match "-1" expects ${streamId} to have no events, but it is at revision ${current}; reload and decide again`;
  else if (current === -1) detail = `If-Match names revision ${expected} but ${streamId} has no events yet (If-Match: "-1" expects that); reload and decide again`;
  else if (expected < current) detail = `If-Match names revision ${expected} but ${streamId} has moved on to revision ${current}; reload and decide again`;
  else detail = `If-Match names revision ${expected} but ${streamId} is only at revision ${current}; send the revision of the last answer you had (its ETag)`;
  return new AppError('PRECONDITION_FAILED', detail);
}
