import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import pLimit, { type LimitFunction } from 'p-limit';
import { countryStreamId, REPORTING_PERIODS_STREAM, SCORING_MODELS_STREAM } from '../../contracts/index.js';
import { allProjections } from '../../projections/index.js';
import type { Projection } from '../../projections/types.js';
import { AppError, errorCatalogue, type ErrorCode } from '../errors/catalogue.js';
import type { ReadModelDatabase } from '../projection-runtime/read-model-db.js';
import { ReadSide } from '../projection-runtime/read-side.js';
import type { ReadModelFeed } from '../projection-runtime/read-model-feed.js';
import { ProjectionRunner } from '../projection-runtime/runner.js';
import type { EventStore } from '../store/port.js';
import { lockDir, type DirLock } from './dir-lock.js';
import { foldView, openViewFile, type FoldedView } from './fold-view.js';
import { FrozenLog } from './frozen-log.js';
import { KEPT_VIEWS_FILE, logStillHolds, VIEW_FILE, readKeptViews, syncViewFile, writeKeptViews, type KeptView } from './kept-views.js';
import { dateOf, parseAsOf } from './parse-as-of.js';
import { StreamsReader } from './streams-reader.js';
import { ViewBuildThread } from './view-build-thread.js';

/** Read models as they stood at a recorded-time cutoff, for a few countries. */
export interface AsOfView {
  /** The cutoff instant (UTC ISO with ms). */
  asOf: string;
  /** Highest global position recorded at or before `asOf`. */
  position: number;
  countries: readonly string[];
  /** The usual queries, over read models built from the events up to `position` only. */
  readSide: ReadSide;
  /** The view's read-model database (for queries ReadSide does not offer). Read it, never write it. */
  db: ReadModelDatabase;
  runner: ReadModelFeed;
  /** Done with the view (it stays cached for later requests). */
  close(): Promise<void>;
}

export interface AsOfRequest {
  /** Already-normalised cutoff (see parseAsOf) or a raw `asOf` parameter. */
  asOf: string;
  countries: readonly string[];
  projections?: readonly Projection[];
}

export interface AsOfCacheOptions {
  /**
   * Directory for the view files. Views of the service's own projections are kept there across
   * restarts (listed in `views.json`) and used again once the log is checked to hold the same events;
   * any other file of a view is deleted. Absent: a temporary directory, deleted at close.
   */
  dir?: string;
  /** Warnings about the kept views (a damaged list). Default: process.emitWarning. */
  onWarning?: (message: string) => void;
  /** Most bytes of view files on disk; least recently used views go first. Default 2 GiB (the server: RCM_AS_OF_CACHE_MB). */
  maxBytes?: number;
  /** A copy of a view being built is kept every this many folded events. Default 10,000 (the server: RCM_AS_OF_SNAPSHOT_EVERY). */
  snapshotEvery?: number;
  /** Views kept open (each with a small page cache) for repeated requests. */
  maxOpenViews?: number;
  /** Events per read-model transaction while building (the event loop is free between batches). */
  batchSize?: number;
  /** A batch also ends after this many ms of work (default 20), so a build holds the event loop briefly. */
  maxBatchMs?: number;
  /**
   * Views built at once (default 1). Builds fold in this thread, so more at once only share it and
   * all finish late; a queued build starts from the best view cached when its turn comes, often
   * one just built (four cold cutoffs of one country at 1,000,000 events: 3.0 s in all, not 7.9 s).
   */
  maxConcurrentBuilds?: number;
  /**
   * The SQLite event log's file: views of the service's own projections are then folded in a worker
   * thread that reads it, so a build never holds up requests (at 1,000,000 events a country's view
   * folds for seconds, and in this thread requests waited between its 20 ms batches and file copies).
   */
  eventsPath?: string;
  /**
   * How a view file is copied (default: fs.promises.copyFile, in libuv's thread pool). Never a
   * synchronous copy: each new cutoff copies its base view, and at 150,000 events of a country
   * (a 143 MB view) copyFileSync held the event loop about a second per request, so a token asking
   * for successive cutoffs stalled every other request into 503 OVERLOADED.
   */
  copyFile?: (from: string, to: string) => Promise<void>;
}

export interface AsOfCacheStats {
  entries: number;
  bytes: number;
  maxBytes: number;
  openViews: number;
  /** Requests answered by a cached view at exactly their position (or one known to be equal). */
  hits: number;
  /** Requests whose cutoff had no new events after a cached view: answered by that view. */
  aliases: number;
  /** Views built from an earlier cached view (copy, then fold the rest). */
  fromSnapshot: number;
  /** Views built from the first event. */
  fromScratch: number;
  /** Views kept by an earlier start and used again (checked against the log). */
  restored: number;
  /** Events folded by all builds. */
  eventsFolded: number;
  /** Intermediate copies kept while building. */
  snapshotsTaken: number;
  evictions: number;
}

interface Family {
  key: string;
  /** The key across restarts (streams and projection versions); null unless every projection is one of the service's own. */
  durableKey: string | null;
  streams: string[];
  projections: readonly Projection[];
  entries: Set<Entry>;
}

interface OpenView {
  db: ReadModelDatabase;
  runner: ProjectionRunner;
  /** Per cutoff day ("today" for overdue and in-force judgements): statements prepared once. */
  readSides: Map<string, ReadSide>;
}

/** One view file: the read models of a family's streams with every event up to `position` folded in. */
interface Entry {
  file: string;
  bytes: number;
  family: Family;
  position: number;
  /** Per stream, the first revision not folded: where a later cutoff continues reading. */
  revisions: Record<string, number>;
  /** Per stream with events folded, the id of the last one (how a later start recognises the log). */
  lastFolded: Record<string, string>;
  /** Flushed to disk and listed in `views.json`: kept across restarts. */
  durable: boolean;
  lastUsed: number;
  /** Asked for by a request (not only an intermediate copy): kept longer than copies. */
  requested: boolean;
  refs: number;
  keys: Set<string>;
  open: OpenView | null;
  opening: Promise<OpenView> | null;
  removed: boolean;
}

const DEFAULT_MAX_OPEN = 16;
/** Page cache of an open view (KiB, negative): pages come from the OS file cache; this only keeps the hot ones parsed. */
const VIEW_PAGE_CACHE = -4096;
const READ_SIDES_PER_VIEW = 8;
const serviceProjections = new Set<Projection>(allProjections);
/**
 * New view files are flushed to disk (and listed, kept across restarts) once no build has run for
 * this long: flushing right after each build slowed the builds that followed (1,000,000 events,
 * back-to-back requests: a cold build 2.35 -> 3.36 s, a cutoff near a cached view 117 -> 229 ms).
 */
const SYNC_AFTER_IDLE_MS = 1000;

const projectionIds = new WeakMap<Projection, number>();
let nextProjectionId = 1;
/** Identity, not just name and version: two modules with the same version never share a view. */
function projectionId(p: Projection): number {
  let id = projectionIds.get(p);
  if (id === undefined) projectionIds.set(p, (id = nextProjectionId++));
  return id;
}

/** The streams an as-of view is built from: the countries' own and the two global ones. */
export function asOfStreams(countries: readonly string[]): string[] {
  return [...[...countries].sort().map(countryStreamId), SCORING_MODELS_STREAM, REPORTING_PERIODS_STREAM];
}

const tempDirs = new Set<string>();
let exitHook = false;

/**
 * As-known-at views, cached. A view is a read-model database built by the SAME projections and the
 * SAME runner as the live read side, from the events of a few streams up to a global position. It
 * is kept as a SQLite file, because copying a file is the cheapest way to restore one here (a
 * 78 MB view: file copy ~45 ms; serialize ~300 ms plus deserialize ~300 ms).
 *
 * A request for position P is answered by:
 * - the cached view at P, if any;
 * - else the cached view of the same streams and projections with the highest position <= P: if no
 *   event of those streams lies in between, that view as it is; otherwise a copy of it with the
 *   remaining events folded in by the runner (it continues from the checkpoints in the copy);
 * - else a build from the first event.
 * While building, a copy is kept every `snapshotEvery` events, so a later cutoff in between starts
 * near it. Concurrent requests for the same view share one build; builds of other views wait for
 * theirs (`maxConcurrentBuilds`). The files are bounded in bytes
 * (least recently used go first; a view in use is never removed). With a directory, the views of
 * the service's own projections are kept across restarts (`kept-views.ts`).
 */
export class AsOfCache {
  private readonly dir: string;
  /** Held while this cache keeps its views in the given directory; without it they go in a temporary one. */
  private readonly dirLock: DirLock | null = null;
  readonly maxBytes: number;
  private readonly snapshotEvery: number;
  private readonly maxOpenViews: number;
  private readonly batchSize: number;
  private readonly maxBatchMs: number;
  private readonly families = new Map<string, Family>();
  private readonly byKey = new Map<string, Entry>();
  private readonly entries = new Set<Entry>();
  private readonly inflight = new Map<string, Promise<Entry>>();
  private readonly buildSlots: LimitFunction;
  private readonly eventsPath: string | null;
  private readonly copyFile: (from: string, to: string) => Promise<void>;
  /** Where views are folded when `eventsPath` is given. */
  private readonly thread = new ViewBuildThread();
  private readonly onWarning: (message: string) => void;
  /** Settles once the views kept by an earlier start have been checked against the log. */
  private readonly restored: Promise<void>;
  /** Views and copies to flush to disk and list, while no build runs. */
  private readonly unsynced = new Set<Entry>();
  private syncLoop: Promise<void> | null = null;
  private syncTimer: NodeJS.Timeout | null = null;
  private totalBytes = 0;
  private fileSeq = 0;
  private clock = 0;
  private closed = false;
  private readonly counters = { hits: 0, aliases: 0, fromSnapshot: 0, fromScratch: 0, restored: 0, eventsFolded: 0, snapshotsTaken: 0, evictions: 0 };

  constructor(
    private readonly store: EventStore,
    options: AsOfCacheOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? 2048 * 1024 * 1024;
    this.snapshotEvery = options.snapshotEvery ?? 10_000;
    this.maxOpenViews = options.maxOpenViews ?? DEFAULT_MAX_OPEN;
    this.batchSize = options.batchSize ?? 2000;
    this.maxBatchMs = options.maxBatchMs ?? 20;
    this.buildSlots = pLimit(options.maxConcurrentBuilds ?? 1);
    this.eventsPath = options.eventsPath ?? null;
    this.copyFile = options.copyFile ?? ((from, to) => copyFile(from, to));
    this.onWarning = options.onWarning ?? ((m) => process.emitWarning(m));
    if (options.dir) {
      mkdirSync(options.dir, { recursive: true });
      // Two instances on one data directory would delete each other's views (unlisted files go at a
      // start, evicted ones at once): the first keeps the directory, the others work in temporary ones.
      this.dirLock = lockDir(options.dir);
      if (!this.dirLock) this.onWarning(`As-of views: ${options.dir} is used by another instance; this one keeps its views in a temporary directory, not across restarts`);
    }
    let kept: KeptView[] = [];
    if (options.dir && this.dirLock) {
      this.dir = options.dir;
      kept = readKeptViews(this.dir, this.onWarning).filter((v) => statSync(join(this.dir, v.file), { throwIfNoEntry: false })?.size === v.bytes);
      const listed = new Set(kept.map((v) => v.file));
      // Files of views that were never listed (a build or copy cut short by a crash) go.
      for (const name of readdirSync(this.dir)) if (VIEW_FILE.test(name.replace(/-journal$/, '')) && !listed.has(name)) rmSync(join(this.dir, name), { force: true });
    } else {
      this.dir = mkdtempSync(join(tmpdir(), 'rcm-as-of-'));
      tempDirs.add(this.dir);
      if (!exitHook) {
        exitHook = true;
        process.once('exit', () => {
          for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
        });
      }
    }
    this.restored = this.restore(kept);
  }

  /**
   * Takes back the views an earlier start kept, each only if its projections are still of the same
   * versions and the log still holds the events it was built from; the others are deleted.
   */
  private async restore(kept: readonly KeptView[]): Promise<void> {
    if (kept.length === 0) return;
    const byName = new Map(allProjections.map((p) => [`${p.name}@${p.version}`, p]));
    for (const view of kept) {
      const [streamList = '', projectionList = ''] = view.family.split('|');
      const projections = projectionList.split(',').map((k) => byName.get(k));
      let holds = false;
      if (projections.every((p) => p !== undefined)) {
        try {
          holds = await logStillHolds(this.store, view, streamList.split(','));
        } catch (e) {
          this.onWarning(`As-of view ${view.file} could not be checked against the log (${(e as Error).message}); it is built again when asked for`);
        }
      }
      if (!holds) {
        rmSync(join(this.dir, view.file), { force: true });
        continue;
      }
      const family = this.family(streamList.split(','), projections as Projection[]);
      const entry = this.register(family, join(this.dir, view.file), view.position, view.revisions, view.lastFolded, `${family.key}#${view.position}`, null, view.bytes);
      entry.requested = view.requested;
      entry.lastUsed = view.lastUsed;
      entry.durable = true;
      this.clock = Math.max(this.clock, view.lastUsed);
      this.counters.restored++;
    }
    this.saveKeptViews();
  }

  /** Views are kept across restarts (in the given directory, which this cache holds). */
  private get persistent(): boolean {
    return this.dirLock !== null;
  }

  stats(): AsOfCacheStats {
    let openViews = 0;
    for (const e of this.entries) if (e.open) openViews++;
    return { entries: this.entries.size, bytes: this.totalBytes, maxBytes: this.maxBytes, openViews, ...this.counters };
  }

  /** The view at `request.asOf`; call its `close()` when done. */
  async view(request: AsOfRequest): Promise<AsOfView> {
    if (this.closed) throw new Error('The as-of cache is closed');
    await this.restored;
    const asOf = parseAsOf(request.asOf);
    const position = await this.store.positionAt(asOf);
    const countries = [...request.countries].sort();
    const family = this.family(asOfStreams(countries), request.projections ?? allProjections);
    let entry: Entry;
    for (;;) {
      entry = await this.entryAt(family, position);
      // A view closed for now whose file was deleted meanwhile (the directory is derived data): forget it, build it again.
      if (!entry.removed && !entry.open && entry.refs === 0 && !existsSync(entry.file)) this.remove(entry, false);
      // Between the build's end and this line another request's eviction may have run: then look again.
      if (!entry.removed) break;
    }
    entry.refs++;
    entry.lastUsed = ++this.clock;
    entry.requested = true;
    let open: OpenView;
    try {
      open = await this.openEntry(entry);
    } catch (e) {
      this.release(entry);
      throw e;
    }
    const today = dateOf(asOf);
    let readSide = open.readSides.get(today);
    if (!readSide) {
      if (open.readSides.size >= READ_SIDES_PER_VIEW) open.readSides.delete(open.readSides.keys().next().value!);
      readSide = new ReadSide(open.db, open.runner, { countries, today: () => today });
      open.readSides.set(today, readSide);
    }
    let released = false;
    return {
      asOf,
      position,
      countries,
      readSide,
      db: open.db,
      runner: open.runner,
      close: async () => {
        if (released) return;
        released = true;
        this.release(entry);
      },
    };
  }

  /** Closes every view; deletes the files, except those of views kept across restarts (then listed in `views.json`). */
  async close(): Promise<void> {
    this.closed = true;
    await this.restored;
    await this.thread.close();
    await Promise.allSettled([...this.inflight.values()]);
    // What idle time has not flushed yet is flushed now, so a clean stop keeps every view.
    if (this.syncTimer) clearTimeout(this.syncTimer);
    await this.flushKept();
    for (const e of [...this.entries]) {
      if (e.durable) {
        e.open?.db.close();
        e.open = null;
      } else this.remove(e, false);
    }
    if (this.dirLock) {
      this.saveKeptViews();
      this.dirLock.release();
    } else {
      rmSync(this.dir, { recursive: true, force: true });
      tempDirs.delete(this.dir);
    }
  }

  private family(streams: string[], projections: readonly Projection[]): Family {
    const key = `${streams.join(',')}|${projections.map((p) => `${p.name}@${p.version}#${projectionId(p)}`).join(',')}`;
    let f = this.families.get(key);
    if (!f) {
      const durableKey = projections.every((p) => serviceProjections.has(p)) ? `${streams.join(',')}|${projections.map((p) => `${p.name}@${p.version}`).join(',')}` : null;
      f = { key, durableKey, streams, projections, entries: new Set() };
      this.families.set(key, f);
    }
    return f;
  }

  private entryAt(family: Family, position: number): Promise<Entry> {
    const key = `${family.key}#${position}`;
    const hit = this.byKey.get(key);
    if (hit) {
      this.counters.hits++;
      return Promise.resolve(hit);
    }
    let pending = this.inflight.get(key);
    if (!pending) {
      // The base is chosen when the build starts, not when it is queued.
      pending = this.buildSlots(() => this.build(family, position, key)).finally(() => {
        this.inflight.delete(key);
        this.syncWhenIdle();
      });
      this.inflight.set(key, pending);
    }
    return pending;
  }

  /** The cached view of the family with the highest position at or below `position`. */
  private baseFor(family: Family, position: number, skip: ReadonlySet<Entry> = new Set()): Entry | null {
    let best: Entry | null = null;
    for (const e of family.entries) if (!skip.has(e) && e.position <= position && (!best || e.position > best.position)) best = e;
    return best;
  }

  /**
   * The cached view to build from: as baseFor, but one whose file was deleted meanwhile (the
   * directory is derived data, and deleting it is safe while the server runs) is forgotten, or
   * passed over while a request still reads it through its open connection.
   */
  private usableBase(family: Family, position: number): Entry | null {
    const skip = new Set<Entry>();
    for (;;) {
      const base = this.baseFor(family, position, skip);
      if (!base || existsSync(base.file)) return base;
      if (base.refs === 0) this.remove(base, false);
      else skip.add(base);
    }
  }

  /** A name no file has: kept views of an earlier start may carry this process id (ids are reused, e.g. PID 1 in a container). */
  private newFile(): string {
    for (;;) {
      const file = join(this.dir, `asof-${process.pid}-${++this.fileSeq}.sqlite`);
      if (!existsSync(file)) return file;
    }
  }

  private async build(family: Family, position: number, key: string): Promise<Entry> {
    if (this.closed) throw new Error('The as-of cache was closed before the build began');
    let base = this.usableBase(family, position);
    if (base) {
      base.refs++; // not evicted while its successor reads the events after it
      base.lastUsed = ++this.clock;
    }
    let file: string | null = null;
    let db: ReadModelDatabase | null = null;
    try {
      const from = { ...base?.revisions };
      const lastFolded: Record<string, string> = { ...base?.lastFolded };
      const reader = new StreamsReader(this.store, family.streams, from, position);
      // A worker reads the events itself: here only whether there is anything after the base.
      const inWorker = this.eventsPath !== null && family.durableKey !== null;
      const first = await reader.next(inWorker ? 1 : this.snapshotEvery);
      if (base && first.length === 0) {
        // Nothing of these streams happened in between: the earlier view is this one.
        base.keys.add(key);
        this.byKey.set(key, base);
        base.lastUsed = ++this.clock;
        this.counters.aliases++;
        return base;
      }
      mkdirSync(this.dir, { recursive: true }); // deleted while running: derived data, made again
      file = this.newFile();
      const fresh = base === null;
      if (base) {
        await this.copyFile(base.file, file);
        base.refs--;
        base = null;
        this.counters.fromSnapshot++;
      } else this.counters.fromScratch++;
      if (inWorker) return await this.buildInWorker(family, position, key, { file, fresh, from, lastFolded });
      db = openViewFile(file, fresh);
      const { folded, runner } = await foldView({
        db,
        file,
        reader,
        first,
        lastFolded,
        projections: family.projections,
        snapshotEvery: this.snapshotEvery,
        batchSize: this.batchSize,
        maxBatchMs: this.maxBatchMs,
        newFile: () => this.newFile(),
        copyFile: this.copyFile,
        onSnapshot: (copy) => this.copyTaken(family, copy),
        onFolded: (events) => (this.counters.eventsFolded += events),
        cancelled: () => this.closed,
      });
      db.pragma(`cache_size = ${VIEW_PAGE_CACHE}`);
      const entry = this.register(family, file, position, folded.revisions, folded.lastFolded, key, { db, runner, readSides: new Map() });
      this.keep(entry);
      return entry;
    } catch (e) {
      db?.close();
      if (file) rmSync(file, { force: true });
      throw e;
    } finally {
      if (base) base.refs--;
    }
  }

  /** An intermediate copy made while building: a base for later cutoffs in between. */
  private copyTaken(family: Family, copy: FoldedView, bytes?: number): void {
    this.counters.snapshotsTaken++;
    this.keep(this.register(family, copy.file, copy.position, copy.revisions, copy.lastFolded, `${family.key}#${copy.position}`, null, bytes));
  }

  /**
   * Folds the view in the worker thread and takes its copies as they come; the view is opened when
   * a request takes it. A failed build deletes its file; copies already taken stay (each is a
   * complete view).
   */
  private async buildInWorker(family: Family, position: number, key: string, start: { file: string; fresh: boolean; from: Record<string, number>; lastFolded: Record<string, string> }): Promise<Entry> {
    let done;
    try {
      done = await this.thread.run(
        {
          eventsPath: this.eventsPath!,
          ...start,
          streams: family.streams,
          position,
          projections: family.projections.map((p) => `${p.name}@${p.version}`),
          snapshotEvery: this.snapshotEvery,
          copyStem: start.file.replace(/\.sqlite$/, ''),
        },
        (copy) => {
          if (this.closed) rmSync(copy.file, { force: true });
          else this.copyTaken(family, copy, copy.bytes);
        },
      );
    } catch (e) {
      if (this.closed) throw new Error('The as-of cache was closed during a build');
      const code = (e as { code?: string }).code;
      throw code !== undefined && code in errorCatalogue ? new AppError(code as ErrorCode, (e as Error).message) : e;
    }
    if (this.closed) throw new Error('The as-of cache was closed during a build');
    this.counters.eventsFolded += done.events;
    const entry = this.register(family, start.file, position, done.revisions, done.lastFolded, key, null);
    this.keep(entry);
    return entry;
  }

  private register(
    family: Family,
    file: string,
    position: number,
    revisions: Record<string, number>,
    lastFolded: Record<string, string>,
    key: string,
    open: OpenView | null,
    bytes = statSync(file).size,
  ): Entry {
    const entry: Entry = {
      file,
      bytes,
      family,
      position,
      revisions,
      lastFolded,
      durable: false,
      lastUsed: ++this.clock,
      requested: false,
      refs: 0,
      keys: new Set([key]),
      open,
      opening: null,
      removed: false,
    };
    const old = this.byKey.get(key);
    if (old) old.keys.delete(key);
    this.byKey.set(key, entry);
    family.entries.add(entry);
    this.entries.add(entry);
    this.totalBytes += entry.bytes;
    this.evict(entry);
    this.closeSurplusOpen(entry);
    return entry;
  }

  /** A new view or copy of the service's own projections: flushed to disk and listed later, so kept across restarts. */
  private keep(entry: Entry): void {
    if (!this.persistent || entry.family.durableKey === null) return;
    this.unsynced.add(entry);
    this.syncWhenIdle();
  }

  /** Flushes the kept files once no build has run for SYNC_AFTER_IDLE_MS. */
  private syncWhenIdle(): void {
    if (this.unsynced.size === 0 || this.closed) return;
    if (this.syncTimer) clearTimeout(this.syncTimer);
    this.syncTimer = setTimeout(() => {
      this.syncTimer = null;
      void this.flushKept();
    }, SYNC_AFTER_IDLE_MS);
    this.syncTimer.unref();
  }

  /** Flushes kept files to disk one at a time while no build runs, listing each once it is on disk. */
  private flushKept(): Promise<void> {
    this.syncLoop ??= (async () => {
      while (this.inflight.size === 0) {
        const entry = this.unsynced.values().next().value;
        if (!entry) return;
        this.unsynced.delete(entry);
        if (entry.removed) continue;
        try {
          await syncViewFile(entry.file);
        } catch (e) {
          if (!entry.removed) this.onWarning(`As-of view ${entry.file} could not be flushed to disk (${(e as Error).message}); it is not kept across restarts`);
          continue;
        }
        if (entry.removed) continue;
        entry.durable = true;
        this.saveKeptViews();
      }
    })().finally(() => {
      this.syncLoop = null;
    });
    return this.syncLoop;
  }

  /** Lists the durable views in `views.json` (a failure only means they are built again after a restart). */
  private saveKeptViews(): void {
    if (!this.persistent) return;
    const views: KeptView[] = [];
    for (const e of this.entries) {
      if (!e.durable || !e.family.durableKey) continue;
      views.push({ file: basename(e.file), family: e.family.durableKey, position: e.position, revisions: e.revisions, lastFolded: e.lastFolded, requested: e.requested, lastUsed: e.lastUsed, bytes: e.bytes });
    }
    try {
      writeKeptViews(this.dir, views);
    } catch (e) {
      this.onWarning(`As-of view list ${join(this.dir, KEPT_VIEWS_FILE)} could not be written (${(e as Error).message})`);
    }
  }

  private async openEntry(entry: Entry): Promise<OpenView> {
    if (entry.open) return entry.open;
    if (!entry.opening) {
      entry.opening = (async () => {
        const db = openViewFile(entry.file, false);
        try {
          // A runner over no events: reads the checkpoints, so `table()` names the live tables.
          const runner = new ProjectionRunner({ store: new FrozenLog([]), db, projections: entry.family.projections });
          await runner.start();
          await runner.stop();
          db.pragma(`cache_size = ${VIEW_PAGE_CACHE}`);
          return { db, runner, readSides: new Map() };
        } catch (e) {
          db.close();
          throw e;
        }
      })();
    }
    try {
      entry.open = await entry.opening;
    } finally {
      entry.opening = null;
    }
    this.closeSurplusOpen(entry);
    return entry.open;
  }

  private release(entry: Entry): void {
    entry.refs--;
    if (entry.refs === 0) {
      this.evict(null);
      this.closeSurplusOpen(null);
    }
  }

  /**
   * Intermediate copies before views that requests asked for (a copy only shortens a later build;
   * a requested view is likely asked again), least recently used first within each; never one in
   * use nor `keep` (just built: its requester still has to take it).
   */
  private evict(keep: Entry | null): void {
    if (this.totalBytes <= this.maxBytes) return;
    const candidates = [...this.entries]
      .filter((e) => e.refs === 0 && e !== keep && !e.opening)
      .sort((a, b) => Number(a.requested) - Number(b.requested) || a.lastUsed - b.lastUsed);
    for (const e of candidates) {
      if (this.totalBytes <= this.maxBytes) break;
      this.remove(e, true);
    }
  }

  private closeSurplusOpen(keep: Entry | null): void {
    const open = [...this.entries].filter((e) => e.open);
    if (open.length <= this.maxOpenViews) return;
    const idle = open.filter((e) => e.refs === 0 && e !== keep).sort((a, b) => a.lastUsed - b.lastUsed);
    for (const e of idle.slice(0, open.length - this.maxOpenViews)) {
      e.open!.db.close();
      e.open = null;
    }
  }

  private remove(e: Entry, counted: boolean): void {
    e.removed = true;
    if (e.open) e.open.db.close();
    e.open = null;
    rmSync(e.file, { force: true });
    for (const k of e.keys) if (this.byKey.get(k) === e) this.byKey.delete(k);
    e.family.entries.delete(e);
    this.entries.delete(e);
    this.unsynced.delete(e);
    this.totalBytes -= e.bytes;
    if (counted) this.counters.evictions++;
    if (e.durable && !this.closed) this.saveKeptViews();
  }
}

const caches = new WeakMap<EventStore, AsOfCache>();

/**
 * The as-of cache of an event store, created on first use (with `options`, or the environment's
 * settings and a temporary directory). The server creates it with a directory beside the read models.
 */
export function asOfCacheFor(store: EventStore, options?: AsOfCacheOptions): AsOfCache {
  let cache = caches.get(store);
  if (!cache) {
    cache = new AsOfCache(store, options);
    caches.set(store, cache);
  }
  return cache;
}

/** Closes and forgets the store's cache (app shutdown). */
export async function closeAsOfCache(store: EventStore): Promise<void> {
  const cache = caches.get(store);
  caches.delete(store);
  await cache?.close();
}
