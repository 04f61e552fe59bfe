import type { StoredEvent } from '../../contracts/index.js';
import { allProjections } from '../../projections/index.js';
import type { Projection } from '../../projections/types.js';
import { AppError } from '../errors/catalogue.js';
import { StoreClosedError } from '../store/errors.js';
import type { EventStore } from '../store/port.js';
import {
  createProjectionIndexes,
  createProjectionTables,
  dropProjectionTables,
  physicalTable,
  readCheckpoints,
  type ReadModelDatabase,
} from './read-model-db.js';
import { CHECK_EVERY, FLUSH_DIRTY_ROWS } from './batch-limits.js';
import { PartitionedBuild } from './partitioned-build.js';
import { PositionWaiters } from './position-waiters.js';
import { DEFAULT_CACHED_ROWS, SqliteProjectionTx } from './sqlite-tx.js';

/** A store that can stream the global order synchronously (the embedded SQLite store can). */
interface IterableStore {
  /** `globalOnly`: the store may leave out events with a country (one that cannot still returns them all). */
  iterateAll(fromPosition?: number, toPosition?: number, options?: { pageSize?: number; globalOnly?: boolean }): Iterable<StoredEvent>;
}

function canIterate(store: EventStore): store is EventStore & IterableStore {
  return typeof (store as Partial<IterableStore>).iterateAll === 'function';
}

/** Page cache of the read-model database (negative: KiB) while a version is built, and while serving. */
const BUILD_PAGE_CACHE_KIB = -16_384;
const SERVE_PAGE_CACHE_KIB = -65_536;
/**
 * WAL pages between automatic checkpoints while a version is built, and while serving (SQLite's
 * default). A build appends hundreds of MB: checkpointing every 1000 pages meant a copy and two
 * fsyncs after nearly every batch; every 16384 pages (256 MiB of 16 KiB pages) bounds the WAL file
 * still.
 */
const BUILD_WAL_AUTOCHECKPOINT = 16_384;
const SERVE_WAL_AUTOCHECKPOINT = 1000;

/** One projection version being fed: the live one (served) or one being built beside it. */
interface Track {
  projection: Projection;
  version: number;
  status: 'live' | 'building';
  position: number;
  tx: SqliteProjectionTx;
  /** No module for this version: served as it stands, not advanced (its code was replaced). */
  frozen: boolean;
  error: string | null;
  /** Built from scratch by workers (see partitionedBuild): not fed by batches until merged. */
  partitioned: { build: PartitionedBuild; outcome: 'running' | 'done' | Error } | null;
  /** A worker build failed: this version is built here, in global order. */
  serialOnly: boolean;
}

export interface ProjectionRunnerOptions {
  store: EventStore;
  db: ReadModelDatabase;
  projections: readonly Projection[];
  /** Modules of older versions still able to follow new events while their successor is built. */
  previousVersions?: readonly Projection[];
  /** Most events per transaction (default 50,000: a rebuild commits rarely; live batches are small anyway). */
  batchSize?: number;
  /**
   * A batch also ends once it has worked this long (checked every 256 events), so a server that
   * listens while its read models catch up answers between batches instead of after 50,000 events
   * (~1.5 s). Absent: batches end by size only (a rebuild from the command line commits less often).
   */
  maxBatchMs?: number;
  /**
   * Read-model rows each projection keeps parsed in memory between batches (default 5,000: measured
   * on a 1,000,000-event rebuild, 20,000 cost more in garbage collection than it saved in reads).
   */
  maxCachedRows?: number;
  /**
   * Under sustained appends, read-model transactions start at least this many ms apart (default 50);
   * the group commits in between are applied together. A transaction's cost is mostly the pages it
   * dirties (the activity row, the buckets, the timeline's last page, the checkpoint), which one
   * transaction writes once for all of them. An idle runner follows a commit at once, and a read
   * waiting for a position (read-your-writes) is never delayed. 0: follow every commit at once.
   */
  followIntervalMs?: number;
  /**
   * Builds a version of a projection declared `partitionedBy: 'country'` from scratch in worker
   * threads (one per group of countries, each into a scratch file, then merged) when at least
   * `minEvents` (default 50,000) events are to be folded. Only for the SQLite event log at
   * `eventsPath` (the file the store reads); without it every build runs here, in global order.
   */
  partitionedBuild?: { eventsPath: string; workers: number; minEvents?: number };
  /** Called when a projection fails on an event (its batch is rolled back). */
  onError?: (projection: string, error: unknown) => void;
  /** Called after each committed batch (metrics, tests). */
  onBatchCommitted?: (info: { lastPosition: number; events: number; projections: string[] }) => void;
  /**
   * Where new commits are heard (default: the store's own `onCommit`). A runner in a worker thread
   * hears the main thread's commits through messages: its own connection to the log appends nothing.
   */
  commits?: (listener: (lastPosition: number) => void) => () => void;
  /** Called whenever what is served may have changed: a committed batch, a version switch-over, the end of a catch-up run. */
  onServedChange?: () => void;
}

export interface ProjectionStatusEntry {
  name: string;
  version: number;
  position: number;
  headPosition: number;
  lag: number;
  state: 'live' | 'rebuilding' | 'failed';
  rebuild: { version: number; position: number } | null;
  error: string | null;
}

/**
 * Feeds the projections from the global order into the read-model database. Each batch is one
 * transaction that changes the read models and moves each projection's checkpoint, so an event's
 * effect lands exactly once even if the process dies between batches. On start it catches up from
 * the checkpoints; afterwards it follows `store.onCommit`. A projection whose code version differs
 * from the stored one is built into its own tables beside the live ones and switched over in one
 * transaction once it has caught up.
 */
export class ProjectionRunner {
  private readonly store: EventStore;
  private readonly db: ReadModelDatabase;
  private readonly batchSize: number;
  private readonly maxBatchMs: number;
  /** Events read per batch from a store that cannot stream: fewer once batches end by time, so what is read is applied. */
  private readLimit: number;
  private readonly tracks = new Map<string, Track[]>();
  private readonly waiters = new PositionWaiters(() => ({ position: this.servedPosition(), allLive: this.allLive() }));
  private unsubscribe: (() => void) | null = null;
  /** Resolves the catch-up loop's wait while worker builds run. */
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private head = 0;
  private readonly followIntervalMs: number;
  /** When the last catch-up run finished (performance.now()), and the deferred follow, if any. */
  private lastRunEnded = Number.NEGATIVE_INFINITY;
  /** When the last batch started, and whether it stopped short of the head it read towards. */
  private batchStarted = Number.NEGATIVE_INFINITY;
  private batchCut = false;
  /** Ends a paced wait between live batches early (a read waits for a position, or stop). */
  private hurry: (() => void) | null = null;
  private followTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.store = options.store;
    this.db = options.db;
    this.batchSize = options.batchSize ?? 50_000;
    this.maxBatchMs = options.maxBatchMs ?? Number.POSITIVE_INFINITY;
    this.readLimit = this.batchSize;
    this.followIntervalMs = options.followIntervalMs ?? 50;
    const names = new Set<string>();
    for (const p of options.projections) {
      if (names.has(p.name)) throw new Error(`Projection ${p.name} is registered twice`);
      names.add(p.name);
    }
  }

  /** Prepares the tracks from the stored checkpoints, catches up, then follows new appends. */
  async start(): Promise<void> {
    this.stopped = false;
    this.waiters.reopen();
    for (const p of this.options.projections) this.tracks.set(p.name, this.initTracks(p));
    this.sizePageCache();
    const commits = this.options.commits ?? ((listener: (lastPosition: number) => void) => this.store.onCommit(listener));
    this.unsubscribe = commits((pos) => {
      if (pos > this.head) this.head = pos;
      this.follow();
    });
    await this.catchUp();
  }

  /** Stops following; an in-flight batch completes (or rolls back) first. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.followTimer) clearTimeout(this.followTimer);
    this.followTimer = null;
    this.wake?.();
    this.hurry?.();
    await this.loop;
    // An unfinished build is dropped: its checkpoint is still 0, the next start builds again.
    for (const t of [...this.tracks.values()].flat()) {
      if (!t.partitioned) continue;
      await t.partitioned.build.cancel().catch((e: unknown) => process.emitWarning(`projection runner: stopping a worker build: ${e instanceof Error ? e.message : String(e)}`));
      t.partitioned = null;
    }
    this.waiters.close(new AppError('NOT_CAUGHT_UP', 'The projection runner stopped'));
  }

  /**
   * While a version is being built, its tables are written in key order per batch and hardly read
   * back, so a small page cache costs little time and keeps the rebuild's memory bounded; the full
   * cache is for serving queries once every projection is live.
   */
  private sizePageCache(): void {
    const building = [...this.tracks.values()].some((ts) => ts.some((t) => t.status === 'building'));
    this.db.pragma(`cache_size = ${building ? BUILD_PAGE_CACHE_KIB : SERVE_PAGE_CACHE_KIB}`);
    // 0 means a WalCheckpointer (src/store/checkpoint) checkpoints this database in its own thread.
    if (this.db.pragma('wal_autocheckpoint', { simple: true }) !== 0) {
      this.db.pragma(`wal_autocheckpoint = ${building ? BUILD_WAL_AUTOCHECKPOINT : SERVE_WAL_AUTOCHECKPOINT}`);
    }
  }

  private initTracks(p: Projection): Track[] {
    const rows = readCheckpoints(this.db, p.name);
    const live = rows.find((r) => r.status === 'live');
    const make = (module: Projection | undefined, version: number, status: Track['status'], position: number): Track => {
      const shape = module ?? p; // a frozen track is never applied; its tx is only for symmetry
      // A version being built is not queried: its query indexes are created when it goes live.
      createProjectionTables(this.db, shape, version, { indexes: status === 'live' });
      const tx = new SqliteProjectionTx(this.db, shape, version, this.options.maxCachedRows, status === 'building');
      return { projection: shape, version, status, position, tx, frozen: !module, error: null, partitioned: null, serialOnly: false };
    };
    // Drop half-built versions of other code versions: they can never finish.
    for (const r of rows) {
      if (r.status === 'building' && r.version !== p.version) {
        this.db.prepare('DELETE FROM projection_checkpoints WHERE name = ? AND version = ?').run(p.name, r.version);
        dropProjectionTables(this.db, p.name, r.version);
      }
    }
    if (live && live.version === p.version) return [make(p, p.version, 'live', live.position)];
    const building = rows.find((r) => r.status === 'building' && r.version === p.version);
    if (!building) this.db.prepare(`INSERT INTO projection_checkpoints (name, version, position, status) VALUES (?, ?, 0, 'building')`).run(p.name, p.version);
    const tracks = [make(p, p.version, 'building', building?.position ?? 0)];
    if (live) {
      const oldModule = this.options.previousVersions?.find((m) => m.name === p.name && m.version === live.version);
      tracks.unshift(make(oldModule, live.version, 'live', live.position));
    }
    return tracks;
  }

  /**
   * A new commit: caught up at once when the runner has been idle for followIntervalMs or someone
   * waits for a position; otherwise once the interval since the last run has passed (one
   * transaction for every commit in between).
   */
  private follow(): void {
    if (this.stopped || this.followTimer) return;
    const wait = this.lastRunEnded + this.followIntervalMs - performance.now();
    if (wait <= 0 || this.waiters.size > 0) {
      this.kick();
      return;
    }
    this.followTimer = setTimeout(() => {
      this.followTimer = null;
      this.kick();
    }, Math.ceil(wait));
  }

  /** Schedules a catch-up run (coalesced with one in flight). */
  private kick(): void {
    if (this.stopped) return;
    if (this.loop) {
      this.again = true;
      this.wake?.();
      if (this.waiters.size > 0) this.hurry?.();
      return;
    }
    // In the background nobody awaits the run: a failure must not become an unhandled rejection
    // (it would end the process). A closed store ends following; anything else is reported and the
    // next commit or waiting read tries again.
    this.catchUp().catch((e: unknown) => {
      if (e instanceof StoreClosedError) {
        this.stopped = true;
        return;
      }
      if (this.options.onError) this.options.onError('(runner)', e);
      else process.emitWarning(`projection runner: catch-up failed: ${e instanceof Error ? e.message : String(e)}`);
    });
  }

  /** Runs batches until every active track has reached the head. */
  catchUp(): Promise<void> {
    if (this.loop) {
      this.again = true;
      return this.loop;
    }
    this.loop = (async () => {
      try {
        do {
          this.again = false;
          this.head = Math.max(this.head, await this.store.headPosition());
          this.startPartitionedBuilds();
          await this.mergePartitionedBuilds();
          while (!this.stopped && (await this.runBatch())) await this.pace();
          this.settleWaiters();
          // Live tracks keep following while workers build: a commit or a finished build wakes the loop.
          if (!this.again && !this.stopped && this.building().length > 0) await new Promise<void>((r) => (this.wake = r));
          this.wake = null;
        } while ((this.again || this.building().length > 0) && !this.stopped);
      } finally {
        this.loop = null;
        this.lastRunEnded = performance.now();
      }
    })();
    return this.loop;
  }

  /**
   * Between two batches. Catching up (the last batch stopped short of its head) or building: the
   * next one starts at once, after a turn of the event loop. Following sustained appends: it starts
   * followIntervalMs after the last one started, so the commits in between share one read-model
   * transaction; a read waiting for a position ends the wait at once. At the head with no commit
   * heard meanwhile there is nothing to wait for: the run ends, and the next commit is paced by
   * follow() (a one-shot build, an as-of view's chunk, used to idle here up to followIntervalMs).
   */
  private pace(): Promise<void> {
    const wait = this.batchStarted + this.followIntervalMs - performance.now();
    const idleAtHead = !this.again && this.activeTracks().every((t) => t.position >= this.head);
    if (wait <= 0 || idleAtHead || this.batchCut || this.waiters.size > 0 || this.building().length > 0) return new Promise((r) => setImmediate(r));
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.hurry = null;
        resolve();
      };
      const timer = setTimeout(done, Math.ceil(wait));
      this.hurry = done;
    });
  }

  private activeTracks(): Track[] {
    return [...this.tracks.values()].flat().filter((t) => !t.frozen && t.error === null && t.partitioned === null);
  }

  private building(): Track[] {
    return [...this.tracks.values()].flat().filter((t) => t.partitioned !== null);
  }

  /** Starts worker builds for the versions that qualify: built from scratch, partitionable, enough events. */
  private startPartitionedBuilds(): void {
    const options = this.options.partitionedBuild;
    if (!options || !(options.workers >= 1) || this.stopped || this.db.memory || this.head < Math.max(1, options.minEvents ?? 50_000)) return;
    for (const t of [...this.tracks.values()].flat()) {
      // The workers load the projection by name and version from the service's own list.
      const qualifies = t.status === 'building' && t.position === 0 && !t.frozen && t.error === null && t.partitioned === null && !t.serialOnly;
      if (!qualifies || t.projection.partitionedBy !== 'country' || !allProjections.includes(t.projection)) continue;
      let build: PartitionedBuild;
      try {
        build = new PartitionedBuild({
          eventsPath: options.eventsPath,
          readModelsPath: this.db.name,
          projection: t.projection,
          version: t.version,
          toPosition: this.head,
          workers: options.workers,
          maxCachedRows: this.options.maxCachedRows ?? DEFAULT_CACHED_ROWS,
        });
      } catch (e) {
        this.fallBackToSerial(t, e);
        continue;
      }
      const state: NonNullable<Track['partitioned']> = { build, outcome: 'running' };
      t.partitioned = state;
      build.done.then(
        () => (state.outcome = 'done'),
        (e: unknown) => (state.outcome = e instanceof Error ? e : new Error(String(e))),
      ).finally(() => this.kick());
    }
  }

  private fallBackToSerial(t: Track, err: unknown): void {
    t.serialOnly = true;
    process.emitWarning(`projection runner: the worker build of ${t.projection.name}@${t.version} failed (${err instanceof Error ? err.message : String(err)}); building it in this thread`);
  }

  /**
   * Merges finished worker builds (in a worker thread: rows with their checkpoint, then indexes; the
   * catch-up loop waits, so this connection writes nothing meanwhile). A failed build (a worker out of
   * memory, a scratch file that could not be written, or the projection failing on an event) leaves
   * the version's tables empty at position 0: it is built here instead, in global order, where a
   * failing event fails the track as usual.
   */
  private async mergePartitionedBuilds(): Promise<void> {
    for (const t of this.building()) {
      const state = t.partitioned!;
      if (state.outcome === 'running') continue;
      let indexError: string | null;
      try {
        if (state.outcome !== 'done') throw state.outcome;
        ({ indexError } = await state.build.merge(this.db.name));
      } catch (err) {
        t.partitioned = null;
        this.fallBackToSerial(t, err);
        continue;
      }
      t.partitioned = null;
      t.position = state.build.toPosition;
      // Without its indexes, the new tx below finds rows through a hash of their keys; the switch-over creates them.
      if (indexError) process.emitWarning(`projection runner: indexes of ${t.projection.name}@${t.version} after its worker build: ${indexError}`);
      // The old tx knew an empty table (its key filter would hide every merged row).
      t.tx = new SqliteProjectionTx(this.db, t.projection, t.version, this.options.maxCachedRows);
    }
  }

  /**
   * One transaction. Returns false when there was nothing to do. With a store that can stream the
   * global order synchronously, events are applied as they are read (one page in memory, whatever
   * the batch size); otherwise the batch is read first.
   */
  private async runBatch(): Promise<boolean> {
    const tracks = this.activeTracks();
    // A version built here, batch by batch: commits made meanwhile are heard between batches and
    // reach the versions being served first, so these stay current while their successors build.
    if (tracks.some((t) => t.status === 'building')) this.head = Math.max(this.head, await this.store.headPosition());
    const behind = tracks.filter((t) => t.position < this.head);
    const liveBehind = behind.filter((t) => t.status === 'live');
    const active = liveBehind.length > 0 ? liveBehind : behind;
    if (active.length === 0) {
      this.switchOver();
      return false;
    }
    const from = Math.min(...active.map((t) => t.position)) + 1;
    const head = this.head;
    // While workers build the country projections, the governance projection alone reads just the global streams.
    const globalOnly = canIterate(this.store) && active.every((t) => t.projection.globalEventsOnly === true);
    const source: Iterable<StoredEvent> = canIterate(this.store)
      ? this.store.iterateAll(from, head, { pageSize: Math.min(this.batchSize, 1000), globalOnly })
      : await this.store.readAll({ fromPosition: from, toPosition: head, limit: this.readLimit });
    this.batchStarted = performance.now();
    const deadline = this.batchStarted + this.maxBatchMs;
    let failing: Track | null = null;
    let count = 0;
    let last = 0;
    let cut = false;
    const save = this.db.prepare('UPDATE projection_checkpoints SET position = ? WHERE name = ? AND version = ?');
    try {
      this.db.transaction(() => {
        for (const e of source) {
          for (const t of active) {
            if (e.position <= t.position) continue;
            failing = t;
            t.projection.apply(e, t.tx);
          }
          last = e.position;
          if (++count >= this.batchSize || (count % 256 === 0 && performance.now() >= deadline)) {
            cut = true;
            break;
          }
          // Bounded memory whatever the batch size: write the rows out early, still inside this transaction.
          if (count % CHECK_EVERY === 0) for (const t of active) if (t.tx.dirtyRows() >= FLUSH_DIRTY_ROWS) (failing = t).tx.flush();
        }
        failing = null;
        // A filtered read that was not cut short has seen every event it needs up to the head.
        if (globalOnly && !cut) last = head;
        if (last === 0) return;
        for (const t of active) {
          // A track already ahead of this batch (the live version while its successor catches up) keeps its checkpoint.
          if (t.position >= last) continue;
          failing = t;
          t.tx.flush();
          save.run(last, t.projection.name, t.version);
        }
        failing = null;
      })();
    } catch (err) {
      for (const t of active) t.tx.dropCache();
      const t = failing as Track | null;
      if (!t) throw err;
      t.error = err instanceof Error ? err.message : String(err);
      this.options.onError?.(t.projection.name, err);
      return true; // the other tracks go on
    }
    if (last === 0) {
      // The head moved back (should not happen) or events are missing: do not spin.
      return false;
    }
    this.batchCut = cut;
    for (const t of active) t.position = Math.max(t.position, last);
    if (!canIterate(this.store)) this.readLimit = cut && count < this.batchSize ? count : Math.min(this.batchSize, this.readLimit * 2);
    this.options.onBatchCommitted?.({ lastPosition: last, events: count, projections: active.map((t) => `${t.projection.name}@${t.version}`) });
    this.settleWaiters();
    if (last >= this.head) this.switchOver();
    return true;
  }

  /** A built version that has caught up with the head replaces the live one, atomically. */
  private switchOver(): void {
    for (const [name, tracks] of this.tracks) {
      const building = tracks.find((t) => t.status === 'building' && !t.error && t.position >= this.head);
      if (!building) continue;
      const old = tracks.find((t) => t.status === 'live');
      this.db.transaction(() => {
        createProjectionIndexes(this.db, building.projection, building.version);
        building.tx.indexesCreated();
        if (old) {
          this.db.prepare('DELETE FROM projection_checkpoints WHERE name = ? AND version = ?').run(name, old.version);
          dropProjectionTables(this.db, name, old.version);
        }
        this.db.prepare(`UPDATE projection_checkpoints SET status = 'live' WHERE name = ? AND version = ?`).run(name, building.version);
      })();
      building.status = 'live';
      this.tracks.set(name, [building]);
      this.sizePageCache();
    }
    this.settleWaiters();
  }

  private liveTrack(name: string): Track | undefined {
    return this.tracks.get(name)?.find((t) => t.status === 'live');
  }

  /** Lowest position every served projection has reached (0 when one has no live version yet). */
  servedPosition(): number {
    let min = Number.MAX_SAFE_INTEGER;
    for (const name of this.tracks.keys()) min = Math.min(min, this.liveTrack(name)?.position ?? 0);
    return min === Number.MAX_SAFE_INTEGER ? 0 : min;
  }

  /** Every projection has a live version (what a read of position 0 waits for). */
  allLive(): boolean {
    return [...this.tracks.keys()].every((n) => this.liveTrack(n));
  }

  private settleWaiters(): void {
    this.options.onServedChange?.();
    this.waiters.settle();
  }

  /**
   * Read-your-writes: resolves once every projection serves at least `position` (and, for position
   * 0, once every projection has a live version). Throws NOT_CAUGHT_UP after `timeoutMs`, and
   * BAD_REQUEST at once for a position beyond the end of the log.
   */
  waitForPosition(position: number, timeoutMs = 5000): Promise<void> {
    return this.waiters.waitFor(position, timeoutMs, () => this.store.headPosition(), () => this.kick());
  }

  /** The live version of each projection that has one (what a reader of a snapshot keeps reading after a switch-over). */
  liveVersions(): Map<string, number> {
    const out = new Map<string, number>();
    for (const name of this.tracks.keys()) {
      const live = this.liveTrack(name);
      if (live) out.set(name, live.version);
    }
    return out;
  }

  /** Physical table name of a projection's live version (what queries read). */
  table(projection: string, table: string): string {
    const live = this.liveTrack(projection);
    if (!live) throw new AppError('NOT_CAUGHT_UP', `Projection ${projection} has no caught-up version yet`);
    return physicalTable(projection, live.version, table);
  }

  async status(): Promise<ProjectionStatusEntry[]> {
    const head = Math.max(this.head, await this.store.headPosition());
    return [...this.tracks.entries()].map(([name, tracks]) => {
      const live = tracks.find((t) => t.status === 'live');
      const building = tracks.find((t) => t.status === 'building');
      const failed = tracks.find((t) => t.error !== null);
      const position = live?.position ?? 0;
      return {
        name,
        version: live?.version ?? building!.version,
        position,
        headPosition: head,
        lag: Math.max(0, head - position),
        state: failed ? 'failed' : building ? 'rebuilding' : 'live',
        rebuild: building ? { version: building.version, position: building.partitioned?.build.position() ?? building.position } : null,
        error: failed?.error ?? null,
      };
    });
  }
}
