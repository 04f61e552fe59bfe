import { readdirSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { Projection } from '../../projections/types.js';
import { PACKAGE_ROOT } from '../package-root.js';
import { eventCountsByCountry } from '../store/sqlite/country-reads.js';
import { removePart, type MergeTask, type PartitionTask } from './partition-build.js';
import { planPartitions } from './partition-plan.js';

const BOOT = join(PACKAGE_ROOT, 'src', 'projection-runtime', 'partition-worker-boot.mjs');
/** The worker's entry beside this module: .ts under tsx, .js in the transpiled service. */
const ENTRY = new URL(`./partition-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url).href;
/**
 * Each worker is a V8 heap of its own in this process. Left to V8's defaults, two workers took a
 * 1,000,000-event rebuild to 320-340 MiB peak RSS (garbage piles up below a 2 GB limit); with these
 * limits 233-272 MiB at the same speed. A worker's live data is its write-behind cache (a few MB;
 * the key filters are typed arrays, outside the heap). A worker that runs out of memory anyway
 * fails its build, and the runner builds that version in global order instead.
 */
const WORKER_HEAP = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 8 };

export interface PartitionedBuildOptions {
  /** The SQLite event log the runner reads (workers open it read-only). */
  eventsPath: string;
  /** The read-model database file: scratch files are written beside it. */
  readModelsPath: string;
  projection: Projection;
  version: number;
  /** The build covers the events up to here; the runner folds the rest as usual. */
  toPosition: number;
  workers: number;
  maxCachedRows: number;
}

/**
 * A projection version built from scratch by worker threads, one per group of countries (balanced
 * by event count), each into a scratch SQLite file; `merge` then copies the rows into the version's
 * tables, in a worker too. Uses the other cores for what one thread does in global order otherwise,
 * and leaves the event loop free throughout (the build in global order takes it for ~1.5 s per
 * 50,000-event batch).
 */
export class PartitionedBuild {
  readonly toPosition: number;
  readonly partPaths: string[];
  /** Settles when every worker has finished (rejects with the first failure; the others are stopped). */
  readonly done: Promise<void>;
  private readonly workers: Worker[] = [];
  private readonly positions: number[];

  constructor(private readonly options: PartitionedBuildOptions) {
    this.toPosition = options.toPosition;
    const groups = planPartitions(countsOf(options.eventsPath), options.workers);
    const prefix = `${options.readModelsPath}.build-${options.projection.name}-`;
    // Left by a build that a crash ended, perhaps with more workers than now (best effort: a file in
    // the way of this build fails its worker, which is reported).
    for (const f of readdirSync(dirname(prefix))) {
      if (!f.startsWith(basename(prefix))) continue;
      try {
        removePart(join(dirname(prefix), f));
      } catch {
        // reported by the worker that needs the path, if any does
      }
    }
    this.partPaths = groups.map((_, i) => `${prefix}${i}`);
    this.positions = groups.map(() => 0);
    this.done = Promise.all(groups.map((countries, i) => this.run(i, countries))).then(
      () => undefined,
      async (e: unknown) => {
        // The build's own failure is what is reported, not a scratch file that could not be removed.
        await this.cancel().catch(() => undefined);
        throw e;
      },
    );
  }

  private run(i: number, countries: string[]): Promise<void> {
    const task: PartitionTask = {
      eventsPath: this.options.eventsPath,
      partPath: this.partPaths[i]!,
      projection: this.options.projection.name,
      version: this.options.version,
      countries,
      toPosition: this.toPosition,
      // The workers share the process's memory: the runner's row budget is split between them.
      maxCachedRows: Math.max(500, Math.floor(this.options.maxCachedRows / this.partPaths.length)),
    };
    const worker = new Worker(BOOT, { workerData: { entry: ENTRY, task }, resourceLimits: WORKER_HEAP });
    this.workers.push(worker);
    return new Promise<void>((resolve, reject) => {
      let finished = false;
      worker.on('message', (m: { type: string; position?: number }) => {
        if (m.type === 'progress') this.positions[i] = m.position!;
        else if (m.type === 'done') {
          finished = true;
          this.positions[i] = this.toPosition;
        }
      });
      worker.on('error', reject);
      worker.on('exit', (code) => (finished ? resolve() : reject(new Error(`Partition worker ${i} exited (code ${code}) before finishing`))));
    });
  }

  /** How far the slowest partition has got (for status: the build's position is reached by all of them). */
  position(): number {
    // No groups (no country has events): nothing to wait for.
    return this.positions.length === 0 ? this.toPosition : Math.min(...this.positions);
  }

  /** Stops the workers and deletes the scratch files. */
  async cancel(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.removeParts();
  }

  /** Every scratch file is tried; the first failure is thrown afterwards. */
  private removeParts(): void {
    const failures: unknown[] = [];
    for (const p of this.partPaths) {
      try {
        removePart(p);
      } catch (e) {
        failures.push(e);
      }
    }
    if (failures.length > 0) throw failures[0];
  }

  /**
   * Once `done` has resolved: merges the scratch files into the version's tables and moves its
   * checkpoint (one transaction), then creates its indexes (a second one), in a worker thread
   * (`mergePartitions`): at 1,000,000 events that is 8-11 s the event loop would otherwise stop for.
   * Then deletes the scratch files. Rejects only if nothing was committed; resolves with the reason
   * the indexes could not be created, if they could not (the switch-over creates them then).
   */
  async merge(readModelsPath: string): Promise<{ indexError: string | null }> {
    const { projection, version } = this.options;
    const task: MergeTask = { readModelsPath, partPaths: this.partPaths, projection: projection.name, version, toPosition: this.toPosition };
    try {
      return await new Promise((resolve, reject) => {
        const worker = new Worker(BOOT, { workerData: { entry: ENTRY, merge: task }, resourceLimits: WORKER_HEAP });
        let merged = false;
        let indexError: string | null = null;
        let failure: unknown = null;
        worker.on('message', (m: { type: string; error?: string | null }) => {
          if (m.type === 'merged') merged = true;
          else if (m.type === 'indexed') indexError = m.error ?? null;
        });
        worker.on('error', (e) => (failure = e));
        worker.on('exit', (code) => {
          if (!merged) reject(failure ?? new Error(`The merge worker exited (code ${code}) before committing`));
          else resolve({ indexError: indexError ?? (failure ? (failure instanceof Error ? failure.message : String(failure)) : null) });
        });
      });
    } finally {
      try {
        this.removeParts();
      } catch (e) {
        this.warn('a scratch file was left behind', e);
      }
    }
  }

  private warn(what: string, e: unknown): void {
    process.emitWarning(`projection runner: ${this.options.projection.name} build: ${what}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function countsOf(eventsPath: string): Map<string, number> {
  const db = new Database(eventsPath, { readonly: true, fileMustExist: true });
  try {
    return eventCountsByCountry(db);
  } finally {
    db.close();
  }
}
