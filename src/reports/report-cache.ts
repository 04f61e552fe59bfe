import { LRUCache } from 'lru-cache';
import { canonicalBody } from './manifest.js';
import type { AnnualReportBody } from './types.js';

/** What a report's manifest needs besides the request's own cutoff: the body and where it was read. */
export interface BuiltReport {
  report: AnnualReportBody;
  position: number;
  modelVersion: number;
}

/** hit: kept from an earlier request; shared: joined a build in progress; built: built now. */
export type ReportCacheOutcome = 'hit' | 'shared' | 'built';

export interface ReportCacheStats {
  entries: number;
  bytes: number;
  maxBytes: number;
  hits: number;
  shared: number;
  builds: number;
}

/**
 * Memory of a kept report per byte of its canonical JSON, measured at 1,000,000 events: the body's
 * objects (~2.2x), the canonical JSON's bytes (1x) and the last answer rendered in each format
 * (render.ts: JSON 1.6x, whose first answer also holds the indented body that later JSON answers
 * are composed from; HTML 0.7x, Markdown 0.4x, CSV 0.02x).
 */
export const MEMORY_PER_CANONICAL_BYTE = 6;

/**
 * Report bodies already built, by what determines them: the events up to the cutoff's position,
 * the cutoff's day (what is in force, open or overdue), the year, the model and the evidence mode.
 * A request whose cutoff has the same position and day gets the same body (its manifest keeps its
 * own `asOf`, so its content hash is its own; one asked for "now" names the settled cutoff, the same
 * for every such request until something is recorded); any event recorded since moves the position,
 * so a kept body is never stale. Requests for a body being built wait for that build instead of
 * starting another. Least recently used bodies go first beyond `maxBytes` (estimated memory).
 */
export class ReportCache {
  private readonly lru: LRUCache<string, BuiltReport, () => Promise<BuiltReport>>;
  private hits = 0;
  private shared = 0;
  private builds = 0;

  constructor(readonly maxBytes: number) {
    this.lru = new LRUCache({
      maxSize: maxBytes,
      sizeCalculation: (built) => Math.max(1, canonicalBody(built.report).length * MEMORY_PER_CANONICAL_BYTE),
      fetchMethod: (_key, _stale, { context: build }) => build(),
    });
  }

  /** The body under `key`, built by `build` when not kept (or when `fresh`: a new build replaces it). */
  async get(key: string, build: () => Promise<BuiltReport>, options: { fresh?: boolean } = {}): Promise<{ built: BuiltReport; outcome: ReportCacheOutcome }> {
    const status: LRUCache.Status<string, BuiltReport> = {};
    const built = await this.lru.fetch(key, { context: build, forceRefresh: options.fresh === true, status });
    // fetch resolves undefined only when the build is aborted, which nothing here does.
    if (built === undefined) throw new Error(`report build for ${key} was aborted`);
    const outcome: ReportCacheOutcome = status.fetch === 'hit' ? 'hit' : status.fetch === 'inflight' ? 'shared' : 'built';
    if (outcome === 'hit') this.hits++;
    else if (outcome === 'shared') this.shared++;
    else this.builds++;
    return { built, outcome };
  }

  /** Forgets a body (its build turned out not to match its key). */
  delete(key: string): void {
    this.lru.delete(key);
  }

  stats(): ReportCacheStats {
    return { entries: this.lru.size, bytes: this.lru.calculatedSize, maxBytes: this.maxBytes, hits: this.hits, shared: this.shared, builds: this.builds };
  }

  clear(): void {
    this.lru.clear();
  }
}
