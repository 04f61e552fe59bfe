import { randomUUID } from 'node:crypto';
import type { EurostatImportSummary } from '../../../contracts/index.js';
import { AppError, isAppError } from '../../errors/catalogue.js';
import type { FactIndex } from './existing-facts.js';
import { resolveImport, type ImportOptions } from './options.js';
import { ImportPlanner, type ImportPlan, type PlannedChange } from './planner.js';
import { openEurostat } from './read.js';
import type { ByteInput } from './source.js';
import type { FileHeader } from './types.js';

/** Writes one planned fact; returns the recorded event id. */
export type RecordChange = (change: PlannedChange) => Promise<{ eventId: string }>;

export interface EurostatImportRequest {
  input: ByteInput;
  options: ImportOptions;
  countries: readonly string[];
  /** Effective statistics of one country as they stand before the import. */
  loadFacts: (country: string) => Promise<FactIndex>;
  /** How planned facts are written; not called in a dry run. */
  record: RecordChange;
  dryRun: boolean;
  /** Called every `progressEvery` observations while the file is read. */
  onProgress?: ((observations: number) => void) | undefined;
  progressEvery?: number | undefined;
  correlationId?: string | undefined;
}

/**
 * One import, all or nothing as far as the file goes: the whole file is read, validated and
 * planned before the first fact is written, so a file that is malformed anywhere records nothing.
 * Writing then goes fact by fact through the command service (each a normal, hash-chained append).
 * Should a write fail part-way (the store going away), importing the same file again finishes the
 * job: what was written is "unchanged" the second time.
 */
export async function runEurostatImport(req: EurostatImportRequest): Promise<EurostatImportSummary> {
  const correlationId = req.correlationId ?? `eurostat-import-${randomUUID()}`;
  const existing = new Map<string, FactIndex>();
  for (const country of req.countries) existing.set(country, await req.loadFacts(country));

  const file = await openEurostat(req.input);
  const run = resolveImport(file.header, req.options);
  const planner = new ImportPlanner(run, {
    countries: req.countries,
    existing: (c) => existing.get(c) ?? new Map(),
    correlationId,
  });
  const every = req.progressEvery ?? 10_000;
  let n = 0;
  for await (const batch of file.batches) {
    for (const obs of batch) {
      planner.add(obs);
      if (req.onProgress && ++n % every === 0) req.onProgress(n);
    }
  }
  const plan = planner.finish();
  req.onProgress?.(plan.counts.observations);

  const eventIds = req.dryRun ? [] : await applyPlan(plan, req.record);
  return summarise(file.header, plan, req.dryRun, correlationId, eventIds);
}

async function applyPlan(plan: ImportPlan, record: RecordChange): Promise<string[]> {
  const ids: string[] = [];
  for (const change of plan.changes) {
    try {
      ids.push((await record(change)).eventId);
    } catch (e) {
      const detail =
        `Recording stopped after ${ids.length} of ${plan.changes.length} facts, at ${change.country} ${change.period} (line ${change.line}): ` +
        `${e instanceof Error ? e.message : String(e)}. Importing the same file again records the rest.`;
      throw isAppError(e) ? new AppError(e.code, detail, e.errors) : new AppError('INTERNAL', detail);
    }
  }
  return ids;
}

function summarise(header: FileHeader, plan: ImportPlan, dryRun: boolean, correlationId: string, eventIds: string[]): EurostatImportSummary {
  const { run, counts } = plan;
  return {
    dataset: run.dataset,
    format: header.format,
    compressed: header.compressed,
    lastUpdate: run.lastUpdate ?? null,
    geo: run.geo,
    freq: run.freq,
    filters: run.filters,
    dryRun,
    correlationId,
    ...counts,
    changes: plan.changes.map((c, i) => ({
      action: c.action,
      country: c.country,
      period: c.period,
      count: c.count,
      flags: c.flags,
      line: c.line,
      ...(c.previousCount !== undefined ? { previousCount: c.previousCount } : {}),
      ...(c.correctedEventId ? { correctedEventId: c.correctedEventId } : {}),
      ...(eventIds[i] ? { eventId: eventIds[i] } : {}),
    })),
  };
}
