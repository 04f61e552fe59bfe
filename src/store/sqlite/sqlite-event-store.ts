import { GENESIS_HASH, type StoredEvent } from '../../../contracts/envelope.js';
import { AppError } from '../../errors/catalogue.js';
import { DuplicateEventIdError, IdempotencyConflictError, StoreClosedError, WrongExpectedRevisionError } from '../errors.js';
import { canonicalJson } from '../canonical-json.js';
import { computeEventHash } from '../hash-chain.js';
import { openSqliteDatabase, sqliteDurability, type SqliteDatabase } from '../open-sqlite.js';
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
import { rowPosition, rowToEvent, rowToRawEvent, type EventRow } from './rows.js';
import { migrateEventStore } from './schema.js';
import { prepareStatements, type EventStoreStatements, type InsertEventParams } from './statements.js';
import { CommitListeners } from '../commit-listeners.js';
import { watchForeignCommits } from './foreign-commits.js';
import { WalSync } from './wal-sync.js';
import { checkpointTargetOf, type CheckpointTarget } from '../checkpoint/wal-checkpointer.js';

export interface SqliteEventStoreOptions {
  /** File path, or ':memory:' (unit tests only: not durable). The directory is created. */
  path: string;
  /** Most appends committed in one transaction. Default 500. */
  maxBatchSize?: number;
  busyTimeoutMs?: number;
  /** Where errors thrown by onCommit listeners go. Default: a process warning. */
  onListenerError?: (error: unknown) => void;
  /**
   * How an acknowledged commit is made durable. 'wal-fdatasync' (default): COMMIT without fsync
   * (`synchronous = NORMAL`), then an fdatasync of the WAL on the thread pool before any append of
   * that commit is settled (see WalSync). 'sqlite-full': `synchronous = FULL`, SQLite fsyncs inside
   * COMMIT on the main thread (the event loop stops for every flush).
   */
  durableCommit?: 'wal-fdatasync' | 'sqlite-full';
  /**
   * While anyone listens to onCommit, how often to look for commits made by other processes on the
   * same file (a command-line import, another instance), which are then told to the listeners.
   * Default 1000 ms; 0: never.
   */
  foreignCommitPollMs?: number;
}

/** Group-commit counters, for tests and benchmarks. */
export interface SqliteEventStoreStats {
  /** Write transactions committed. */
  transactions: number;
  /** Flushes of the WAL to disk (wal-fdatasync; each covers every transaction committed before it started). */
  flushes: number;
  /** Write transactions that failed as a whole (BEGIN/COMMIT errors); every append in them was rejected. */
  failedTransactions: number;
  appendsCommitted: number;
  /** Appends rolled back alone (conflict, duplicate, idempotency) or with a failed transaction. */
  appendsRejected: number;
  eventsCommitted: number;
  largestBatch: number;
  lastBatchSize: number;
}

export interface IterateAllOptions {
  /** Stored form, not upcast. Default false. */
  raw?: boolean;
  /** Rows fetched per keyset page. Default 1000. */
  pageSize?: number;
  /** Only events without a country (the global streams). Default false. */
  globalOnly?: boolean;
}

export interface ImportResult {
  imported: number;
  lastPosition: number;
}

/**
 * Store-specific append options for pipelined callers (passed inside AppendOptions): `token`
 * names this append; `after` names the earlier, still uncommitted append it was decided on. If that
 * one failed, this one is rejected as a revision conflict instead of committing on a fact that was
 * never recorded (its expected revision could otherwise match another writer's event).
 */
export interface PipelinedAppendOptions {
  token?: object;
  after?: object;
}

interface PendingAppend {
  streamId: string;
  expected: ExpectedRevision;
  events: NewEvent[];
  options: AppendOptions;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function sqliteCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : undefined;
}

function checkExpected(streamId: string, expected: ExpectedRevision, head: { revision: number } | undefined): void {
  const actual = head ? head.revision : 'no_stream';
  if (expected === 'any') return;
  if (expected === 'no_stream' ? head !== undefined : actual !== expected) {
    throw new WrongExpectedRevisionError(streamId, expected, actual);
  }
}

function checkLimit(limit: number | undefined): number {
  if (limit === undefined) return -1; // SQLite: no limit
  if (!Number.isInteger(limit) || limit < 0) throw new AppError('BAD_REQUEST', `limit must be a non-negative integer, got ${limit}`);
  return limit;
}

/**
 * The embedded event store. One connection, one writer: appends that arrive in the same
 * event-loop turn are committed together in one `BEGIN IMMEDIATE` transaction, each inside its own
 * savepoint so a failing append is rolled back alone. A promise settles only after the commit is
 * on disk (WalSync's fdatasync, or SQLite's own with 'sqlite-full'), and commit listeners hear of
 * a position only then, so projections never see an event a power loss could take back.
 */
export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite';
  /**
   * Appends commit in arrival order, and an append queued `after` one that failed is rejected
   * (PipelinedAppendOptions), so a caller may queue the next append to a stream before the previous
   * one has committed.
   */
  readonly pipelinesAppends = true;
  /** Tokens of pipelined appends that failed (weak: forgotten with their callers). */
  private readonly failedAppends = new WeakSet<object>();
  readonly path: string;
  private readonly db: SqliteDatabase;
  private readonly stmts: EventStoreStatements;
  private readonly maxBatchSize: number;
  private readonly commitListeners: CommitListeners;
  /** Null when SQLite syncs inside COMMIT (sqlite-full, or an in-memory database). */
  private readonly walSync: WalSync | null;
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private closed = false;
  private readonly foreignCommitPollMs: number;
  private stopForeignWatch: (() => void) | null = null;
  private readonly counters: SqliteEventStoreStats = {
    transactions: 0,
    flushes: 0,
    failedTransactions: 0,
    appendsCommitted: 0,
    appendsRejected: 0,
    eventsCommitted: 0,
    largestBatch: 0,
    lastBatchSize: 0,
  };

  constructor(options: SqliteEventStoreOptions) {
    this.path = options.path;
    this.maxBatchSize = Math.max(1, Math.trunc(options.maxBatchSize ?? 500));
    this.commitListeners = new CommitListeners(options.onListenerError);
    const memory = options.path === ':memory:' || options.path === '';
    this.foreignCommitPollMs = memory ? 0 : (options.foreignCommitPollMs ?? 1000);
    const ownSync = !memory && (options.durableCommit ?? 'wal-fdatasync') === 'wal-fdatasync';
    this.db = openSqliteDatabase(options.path, {
      synchronous: ownSync ? 'normal' : 'full',
      ...(options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs }),
    });
    this.walSync = ownSync ? new WalSync(`${this.db.name}-wal`) : null;
    try {
      migrateEventStore(this.db);
      this.stmts = prepareStatements(this.db);
    } catch (e) {
      this.db.close();
      throw e;
    }
  }

  // ---------------------------------------------------------------- writing

  append(streamId: string, expected: ExpectedRevision, events: NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    if (this.walSync?.failed) return Promise.reject(this.storageFailed(this.walSync.failed));
    if (typeof streamId !== 'string' || streamId.length === 0) {
      return Promise.reject(new AppError('BAD_REQUEST', 'streamId must be a non-empty string'));
    }
    if (events.length === 0) return Promise.reject(new AppError('BAD_REQUEST', 'An append needs at least one event'));
    if (typeof expected === 'number' && (!Number.isInteger(expected) || expected < 0)) {
      return Promise.reject(new AppError('BAD_REQUEST', `Expected revision must be a non-negative integer, got ${expected}`));
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ streamId, expected, events, options, resolve, reject });
      this.scheduleFlush();
    });
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // setImmediate runs after the current turn's I/O callbacks: every append started in this
    // turn (e.g. by the requests parsed from one socket read) joins the same transaction.
    setImmediate(() => {
      this.flushScheduled = false;
      if (this.closed || this.queue.length === 0) return;
      this.flushBatch();
      if (this.queue.length > 0) this.scheduleFlush(); // over the cap: next batch on the next turn
    });
  }

  /** Commits up to maxBatchSize queued appends in one transaction, then settles their promises. */
  private flushBatch(): void {
    const batch = this.queue.splice(0, this.maxBatchSize);
    if (batch.length === 0) return;
    const outcomes: Outcome[] = [];
    try {
      this.stmts.begin.run();
      // Non-decreasing recordedAt in position order, even if the wall clock steps back.
      let clock = this.stmts.lastRecordedAt.get()?.recordedAt ?? '';
      for (const item of batch) {
        const now = new Date().toISOString();
        const recordedAt = now > clock ? now : clock;
        clock = recordedAt;
        const { token, after } = item.options as PipelinedAppendOptions;
        if (after && this.failedAppends.has(after)) {
          if (token) this.failedAppends.add(token);
          outcomes.push({ ok: false, error: this.dependencyFailed(item) });
          continue;
        }
        this.stmts.savepoint.run();
        try {
          outcomes.push({ ok: true, result: this.appendInTransaction(item, recordedAt) });
          this.stmts.release.run();
        } catch (error) {
          // SQLite already rolled back the whole transaction (disk full, I/O error): the outer catch
          // fails the whole batch with this error (rolling back to the savepoint would throw "no
          // such savepoint" and hide it).
          if (!this.db.inTransaction) throw error;
          this.stmts.rollbackToSavepoint.run();
          this.stmts.release.run();
          outcomes.push({ ok: false, error });
          if (token) this.failedAppends.add(token);
        }
      }
      this.stmts.commit.run();
    } catch (fatal) {
      if (this.db.inTransaction) {
        try {
          this.stmts.rollback.run();
        } catch {
          // the connection is unusable; the original error is the one to report
        }
      }
      this.counters.failedTransactions++;
      this.counters.appendsRejected += batch.length;
      for (const item of batch) {
        const { token } = item.options as PipelinedAppendOptions;
        if (token) this.failedAppends.add(token);
      }
      for (const item of batch) item.reject(fatal);
      return;
    }

    this.counters.transactions++;
    this.counters.lastBatchSize = batch.length;
    this.counters.largestBatch = Math.max(this.counters.largestBatch, batch.length);
    if (!this.walSync) {
      this.settle(batch, outcomes);
      return;
    }
    this.walSync.afterDurable((error) => {
      this.counters.flushes = this.walSync!.flushes;
      if (!error) {
        this.settle(batch, outcomes);
        return;
      }
      // Committed in SQLite but maybe not on disk: nobody may be told it was recorded.
      this.counters.appendsRejected += batch.length;
      const failure = this.storageFailed(error);
      for (const item of batch) item.reject(failure);
    });
  }

  /** Resolves once everything committed so far is on disk. */
  private async durable(): Promise<void> {
    if (!this.walSync) return;
    await this.walSync.whenDurable().catch((e: Error) => Promise.reject(this.storageFailed(e)));
  }

  private storageFailed(cause: Error): AppError {
    return new AppError('STORAGE_FAILED', `${cause.message}; restart the instance (the log stays consistent, the last commits may be lost)`);
  }

  /** Answers a committed (and durable) batch's appends, then tells the listeners. */
  private settle(batch: PendingAppend[], outcomes: Outcome[]): void {
    let lastPosition = 0;
    batch.forEach((item, i) => {
      const outcome = outcomes[i] as Outcome;
      if (outcome.ok) {
        this.counters.appendsCommitted++;
        this.counters.eventsCommitted += outcome.result.events.length;
        lastPosition = Math.max(lastPosition, outcome.result.lastPosition);
        item.resolve(outcome.result);
      } else {
        this.counters.appendsRejected++;
        item.reject(outcome.error);
      }
    });
    if (lastPosition > 0) this.commitListeners.notify(lastPosition);
  }

  private dependencyFailed(item: PendingAppend): WrongExpectedRevisionError {
    const head = this.stmts.streamHead.get(item.streamId);
    return new WrongExpectedRevisionError(item.streamId, item.expected, head ? head.revision : 'no_stream');
  }

  private appendInTransaction(item: PendingAppend, recordedAt: string): AppendResult {
    const { streamId, expected, events, options } = item;
    const claim = options.idempotency;
    if (claim) {
      const existing = this.readIdempotency(claim.scope);
      if (existing) throw new IdempotencyConflictError(claim.scope, existing, claim.requestHash);
    }
    const head = this.stmts.streamHead.get(streamId);
    checkExpected(streamId, expected, head);

    let revision = head ? head.revision : -1;
    let prevHash = head ? head.hash : GENESIS_HASH;
    const appended: AppendedEvent[] = [];
    for (const event of events) {
      revision++;
      const stored: Omit<StoredEvent, 'hash' | 'position'> = {
        eventId: event.eventId,
        type: event.type,
        schemaVersion: event.schemaVersion,
        streamId,
        streamRevision: revision,
        country: event.country,
        occurredOn: event.occurredOn,
        recordedAt,
        recordedBy: event.recordedBy,
        provenance: event.provenance,
        data: event.data,
        prevHash,
      };
      if (event.correlationId !== undefined) stored.correlationId = event.correlationId;
      if (event.causationId !== undefined) stored.causationId = event.causationId;
      const hash = computeEventHash(stored);
      const position = this.insert(stored, hash, expected);
      appended.push({ eventId: event.eventId, type: event.type, streamRevision: revision, position, recordedAt, hash });
      prevHash = hash;
    }
    const last = appended[appended.length - 1] as AppendedEvent;
    const result: AppendResult = { streamId, events: appended, lastRevision: last.streamRevision, lastPosition: last.position };
    if (claim) {
      this.stmts.insertIdempotency.run(claim.scope, claim.requestHash, JSON.stringify(result), recordedAt);
    }
    return result;
  }

  /** Inserts one event in its stored form; returns its position. */
  private insert(stored: Omit<StoredEvent, 'hash' | 'position'>, hash: string, expected: ExpectedRevision): number {
    const params: InsertEventParams = {
      eventId: stored.eventId,
      streamId: stored.streamId,
      streamRevision: stored.streamRevision,
      type: stored.type,
      schemaVersion: stored.schemaVersion,
      country: stored.country,
      occurredOn: stored.occurredOn,
      recordedAt: stored.recordedAt,
      recordedBy: stored.recordedBy,
      // Canonical text: parsing it back gives data that hashes to the same value.
      provenance: canonicalJson(stored.provenance),
      correlationId: stored.correlationId ?? null,
      causationId: stored.causationId ?? null,
      data: canonicalJson(stored.data),
      prevHash: stored.prevHash,
      hash,
    };
    try {
      return Number(this.stmts.insertEvent.run(params).lastInsertRowid);
    } catch (e) {
      if (sqliteCode(e) === 'SQLITE_CONSTRAINT_UNIQUE') {
        const message = e instanceof Error ? e.message : '';
        if (message.includes('events.event_id')) throw new DuplicateEventIdError(stored.eventId);
        if (message.includes('events.stream_revision')) {
          const head = this.stmts.streamHead.get(stored.streamId);
          throw new WrongExpectedRevisionError(stored.streamId, expected, head ? head.revision : 'no_stream');
        }
      }
      throw e;
    }
  }

  /**
   * MIGRATION / IMPORT ONLY — not for normal writes. Writes events that were already hashed by
   * another store, keeping eventId, recordedAt, recordedBy, schemaVersion, data (stored form),
   * prevHash and hash; positions are assigned anew (they are not part of the hash). `events` must
   * be in global order. Each event must continue its stream (next revision, prevHash = head hash),
   * its hash must match its content, and recordedAt must be UTC with milliseconds and not earlier
   * than the last stored one. All events of one call are written in one transaction: all or none.
   */
  async importEvents(events: readonly StoredEvent[]): Promise<ImportResult> {
    if (this.closed) throw new StoreClosedError();
    if (events.length === 0) return { imported: 0, lastPosition: await this.headPosition() };
    this.flushQueueNow(); // keep the log in arrival order: appends already queued go first
    const heads = new Map<string, { revision: number; hash: string }>();
    let lastPosition = 0;
    this.db
      .transaction(() => {
        let clock = this.stmts.lastRecordedAt.get()?.recordedAt ?? '';
        for (const event of events) {
          const where = `import of ${event.streamId}@${event.streamRevision} (${event.eventId})`;
          const head = heads.get(event.streamId) ?? this.stmts.streamHead.get(event.streamId);
          const nextRevision = head ? head.revision + 1 : 0;
          if (event.streamRevision !== nextRevision) {
            throw new WrongExpectedRevisionError(event.streamId, event.streamRevision - 1, head ? head.revision : 'no_stream');
          }
          const expectedPrev = head ? head.hash : GENESIS_HASH;
          if (event.prevHash !== expectedPrev) {
            throw new AppError('BAD_REQUEST', `${where}: prevHash does not link to the stream head`);
          }
          if (computeEventHash(event) !== event.hash) {
            throw new AppError('BAD_REQUEST', `${where}: hash does not match the event content`);
          }
          if (!ISO_UTC_MS.test(event.recordedAt)) {
            throw new AppError('BAD_REQUEST', `${where}: recordedAt ${event.recordedAt} is not UTC ISO with milliseconds`);
          }
          if (event.recordedAt < clock) {
            throw new AppError('BAD_REQUEST', `${where}: recordedAt ${event.recordedAt} is earlier than ${clock}`);
          }
          clock = event.recordedAt;
          lastPosition = this.insert(event, event.hash, event.streamRevision - 1);
          heads.set(event.streamId, { revision: event.streamRevision, hash: event.hash });
        }
      })
      .immediate();
    this.counters.transactions++;
    this.counters.eventsCommitted += events.length;
    await this.durable();
    this.commitListeners.notify(lastPosition);
    return { imported: events.length, lastPosition };
  }

  private flushQueueNow(): void {
    while (this.queue.length > 0) this.flushBatch();
  }

  onCommit(listener: (lastPosition: number) => void): () => void {
    if (!this.stopForeignWatch && this.foreignCommitPollMs > 0 && !this.closed) {
      this.stopForeignWatch = watchForeignCommits(this.db, this.foreignCommitPollMs, () => {
        const head = this.stmts.headPosition.get()?.position ?? 0;
        if (head > 0) this.commitListeners.notify(head);
      });
    }
    return this.commitListeners.add(listener);
  }

  // ---------------------------------------------------------------- reading

  private ensureOpen(): void {
    if (this.closed) throw new StoreClosedError();
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    this.ensureOpen();
    const from = options.fromRevision ?? 0;
    const limit = checkLimit(options.limit);
    const rows = options.types
      ? this.stmts.readStreamOfTypes.all(streamId, from, JSON.stringify(options.types), limit)
      : this.stmts.readStream.all(streamId, from, limit);
    return rows.map(rowToEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    return this.readAllRows(options).map(rowToEvent);
  }

  async readAllRaw(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    return this.readAllRows(options).map(rowToRawEvent);
  }

  private readAllRows(options: ReadAllOptions): EventRow[] {
    this.ensureOpen();
    return this.stmts.readAll.all(
      options.fromPosition ?? 1,
      options.toPosition ?? Number.MAX_SAFE_INTEGER,
      checkLimit(options.limit),
    );
  }

  /**
   * Global order from `fromPosition` to `toPosition` (inclusive; default: until the log ends),
   * in keyset pages, so a 1,000,000-event rebuild holds one page in memory. Pages rather than one
   * open cursor: between pages the connection is free, so appends can commit while a consumer
   * that awaits between events is still iterating.
   */
  *iterateAll(fromPosition = 1, toPosition?: number, options: IterateAllOptions = {}): Generator<StoredEvent, void, undefined> {
    const pageSize = Math.max(1, Math.trunc(options.pageSize ?? 1000));
    const map = options.raw ? rowToRawEvent : rowToEvent;
    const upTo = toPosition ?? Number.MAX_SAFE_INTEGER;
    let next = fromPosition;
    for (;;) {
      this.ensureOpen();
      const rows = (options.globalOnly ? this.stmts.readAllGlobal : this.stmts.readAll).all(next, upTo, pageSize);
      for (const row of rows) yield map(row);
      if (rows.length < pageSize) return;
      next = rowPosition(rows[rows.length - 1]!) + 1;
    }
  }

  async headPosition(): Promise<number> {
    this.ensureOpen();
    return this.stmts.headPosition.get()?.position ?? 0;
  }

  async streamHeads(): Promise<StreamHead[]> {
    this.ensureOpen();
    return this.stmts.streamHeads.all();
  }

  async positionAt(recordedAt: string): Promise<number> {
    this.ensureOpen();
    const instant = new Date(recordedAt);
    if (Number.isNaN(instant.getTime())) throw new AppError('BAD_REQUEST', `Not a date-time: ${recordedAt}`);
    // Stored values are all toISOString() form, so string order is time order.
    return this.stmts.positionAt.get(instant.toISOString())?.position ?? 0;
  }

  async findIdempotency(scope: string): Promise<IdempotencyRecord | undefined> {
    this.ensureOpen();
    const record = this.readIdempotency(scope);
    // A replayed answer is an acknowledgement too: not before the original commit is on disk.
    if (record) await this.durable();
    return record;
  }

  private readIdempotency(scope: string): IdempotencyRecord | undefined {
    const row = this.stmts.findIdempotency.get(scope);
    return row ? { requestHash: row.requestHash, result: JSON.parse(row.result) as AppendResult } : undefined;
  }

  // ---------------------------------------------------------------- lifecycle, diagnostics

  stats(): SqliteEventStoreStats {
    return { ...this.counters };
  }

  /** The log's file, for a WalCheckpointer (null in memory: no WAL). */
  checkpointTarget(): CheckpointTarget | null {
    return this.db.memory ? null : checkpointTargetOf(this.db);
  }

  /**
   * The connection's durability settings, read back, and who flushes commits to disk: for a file,
   * wal / 1 / 'wal-fdatasync' by default, wal / 2 / 'sqlite-full' when SQLite does it in COMMIT.
   */
  durability(): { journalMode: string; synchronous: number; durableCommit: 'wal-fdatasync' | 'sqlite-full' } {
    this.ensureOpen();
    return { ...sqliteDurability(this.db), durableCommit: this.walSync ? 'wal-fdatasync' : 'sqlite-full' };
  }

  /** Commits every queued append, then closes the database. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.flushQueueNow();
    this.closed = true;
    this.stopForeignWatch?.();
    await this.walSync?.close();
    this.db.close();
  }
}

/** Opens (creating if needed) the embedded event store at `path` (':memory:' for unit tests). */
export function openSqliteEventStore(options: SqliteEventStoreOptions): SqliteEventStore {
  return new SqliteEventStore(options);
}
