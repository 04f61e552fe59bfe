import { randomUUID } from 'node:crypto';
import type { EurostatImportSummary } from '../../../contracts/index.js';
import { AppError, isAppError } from '../../errors/catalogue.js';
import { domainErrors } from '../../errors/domain-codes.js';
import { storageFull } from '../../errors/storage-full.js';
import type { FactIndex } from './existing-facts.js';
import { resolveImport, type ImportOptions } from './options.js';
import { ImportPlanner, type ImportPlan, type PlannedChange } from './planner.js';
import { openEurostat } from './read.js';
import type { ByteInput } from './source.js';
import type { FileHeader } from './types.js';

/** Writes one planned fact; returns the recorded event id. */
export type RecordChange = (change: PlannedChange) => Promise<{ eventId: string }>;

/**
 * Decides one country's planned facts, in order, with the deciders recording will run, against
 * the country's current state; writes nothing. Returns the refused ones (index into `changes`).
 */
export type CheckChanges = (country: string, changes: readonly PlannedChange[]) => Promise<{ index: number; error: AppError }[]>;

export interface EurostatImportRequest {
  input: ByteInput;
  options: ImportOptions;
  countries: readonly string[];
  /** Effective statistics of one country as they stand before the import. */
  loadFacts: (country: string) => Promise<FactIndex>;
  /** How planned facts are written; not called in a dry run. */
  record: RecordChange;
  /** How planned facts are decided before any is written (in a dry run too). */
  check: CheckChanges;
  dryRun: boolean;
  /**
   * Aborted when the answer can no longer be delivered (the client went away, or its connection
   * timed out): reading stops at the next batch, and recording does not start.
   */
  signal?: AbortSignal | undefined;
  /** Most bytes a gzip body may decompress to (default: unbounded). */
  maxDecompressedBytes?: number | undefined;
  /** Called every `progressEvery` observations while the file is read. */
  onProgress?: ((observations: number) => void) | undefined;
  progressEvery?: number | undefined;
  correlationId?: string | undefined;
}

/**
 * One import, all or nothing as far as the file goes: the whole file is read, validated, planned
 * and every planned fact decided by the country rules before the first fact is written, so a file
 * that is malformed anywhere, or has a fact the rules refuse, records nothing (a dry run answers
 * the same refusal). Writing then goes fact by fact through the command service (each a normal,
 * hash-chained append). Should a write fail part-way (the store going away), importing the same
 * file again finishes the job: what was written is "unchanged" the second time.
 */
export async function runEurostatImport(req: EurostatImportRequest): Promise<EurostatImportSummary> {
  const correlationId = req.correlationId ?? `eurostat-import-${randomUUID()}`;
  const existing = new Map<string, FactIndex>();
  for (const country of req.countries) existing.set(country, await req.loadFacts(country));

  const file = await openEurostat(req.input, { maxDecompressedBytes: req.maxDecompressedBytes });
  const run = resolveImport(file.header, req.options);
  const planner = new ImportPlanner(run, {
    countries: req.countries,
    existing: (c) => existing.get(c) ?? new Map(),
    correlationId,
  });
  const every = req.progressEvery ?? 10_000;
  let n = 0;
  for await (const batch of file.batches) {
    throwIfGone(req.signal);
    for (const obs of batch) {
      planner.add(obs);
      if (req.onProgress && ++n % every === 0) req.onProgress(n);
    }
  }
  const plan = planner.finish();
  req.onProgress?.(plan.counts.observations);
  await checkPlan(plan, req.check);

  throwIfGone(req.signal);
  const eventIds = req.dryRun ? [] : await applyPlan(plan, req.record);
  return summarise(file.header, plan, req.dryRun, correlationId, eventIds);
}

function throwIfGone(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('BAD_REQUEST', 'The connection closed before the import was answered; nothing was recorded');
}

/** Refusals listed in full in `errors`, at most this many (the detail names the first few). */
const MAX_LISTED_REFUSALS = 100;

/** Decides every planned fact, country by country, and refuses the whole file if any would be refused. */
async function checkPlan(plan: ImportPlan, check: CheckChanges): Promise<void> {
  const byCountry = new Map<string, PlannedChange[]>();
  for (const change of plan.changes) {
    const list = byCountry.get(change.country);
    if (list) list.push(change);
    else byCountry.set(change.country, [change]);
  }
  const refused: { change: PlannedChange; error: AppError }[] = [];
  for (const [country, changes] of byCountry) {
    for (const r of await check(country, changes)) refused.push({ change: changes[r.index]!, error: r.error });
  }
  if (refused.length === 0) return;
  refused.sort((a, b) => a.change.line - b.change.line);
  const describe = ({ change, error }: (typeof refused)[number]) => `line ${change.line} (${change.country} ${change.period}): ${error.message}`;
  const first = refused.slice(0, 3).map(describe).join('; ');
  const more = refused.length > 3 ? `; and ${refused.length - 3} more` : '';
  throw new AppError(
    refused[0]!.error.code,
    `${refused.length} of the ${plan.changes.length} facts this file would record are refused by the country rules, so nothing was recorded: ${first}${more}`,
    refused.slice(0, MAX_LISTED_REFUSALS).map((r) => ({ path: `line ${r.change.line}`, message: `${r.error.code}: ${describe(r)}` })),
  );
}

async function applyPlan(plan: ImportPlan, record: RecordChange): Promise<string[]> {
  const ids: string[] = [];
  for (const change of plan.changes) {
    try {
      ids.push((await record(change)).eventId);
    } catch (e) {
      const stopped =
        `Recording stopped after ${ids.length} of ${plan.changes.length} facts, at ${change.country} ${change.period} (line ${change.line}): ` +
        `${e instanceof Error ? e.message : String(e)}.`;
      // Every fact was decided before the first was written: a refusal now means the country's
      // history changed meanwhile, and importing again checks the file against it before writing.
      const known = isAppError(e) ? e : storageFull(e);
      const refused = known !== undefined && Object.hasOwn(domainErrors, known.code);
      const detail = refused
        ? `${stopped} The ${ids.length} facts before it are recorded, the rest are not: the country's history changed after the file was checked. ` +
          'Importing the same file again counts the recorded facts as unchanged and records the rest only if the country rules now accept all of them; otherwise it records nothing and lists the refusals.'
        : `${stopped} Importing the same file again records the rest.`;
      throw known ? new AppError(known.code, detail, known.errors) : new AppError('INTERNAL', detail);
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
