import { ReturnDecisionsReported, ReturnsReported, type CountryCommand } from '../../../contracts/index.js';
import { MAPPED_DIMENSIONS, returnBreakdown } from './breakdowns.js';
import type { EffectiveFact, FactIndex } from './existing-facts.js';
import { factKey } from './fact-key.js';
import { fileError } from './file-error.js';
import type { ResolvedImport } from './options.js';
import { isQuarter, periodEnd } from './period.js';
import { eurostatProvenance } from './provenance.js';
import type { Observation } from './types.js';

export const SKIP_REASONS = ['not-available', 'confidential', 'aggregate-citizen', 'country-not-configured', 'filtered-out'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/** One fact the import will write: a new statistic, or a correction of an earlier one. */
export interface PlannedChange {
  action: 'record' | 'revise';
  country: string;
  family: 'statistics' | 'corrections';
  command: CountryCommand;
  /** Where it comes from in the file. */
  line: number;
  period: string;
  count: number;
  flags: string;
  /** For a revision: the fact being corrected and its value until now. */
  correctedEventId?: string | undefined;
  previousCount?: number | undefined;
}

export interface PlanCounts {
  observations: number;
  recorded: number;
  unchanged: number;
  revised: number;
  skipped: number;
  skippedByReason: Record<SkipReason, number>;
  /** Filtered-out observations by the dimension (or dimension=value) that excluded them. */
  filteredOutBy: Record<string, number>;
}

export interface ImportPlan {
  run: ResolvedImport;
  changes: PlannedChange[];
  counts: PlanCounts;
}

export interface PlannerContext {
  /** Configured countries (ISO alpha-2). */
  countries: readonly string[];
  /** Effective statistics facts of each configured country (after corrections). */
  existing: (country: string) => FactIndex;
  /** Shared by every event of one import, so an auditor can find them together. */
  correlationId?: string | undefined;
}

const COUNTRY_CODE = /^[A-Z]{2}$/;
const dataSchemas = { ReturnDecisionsReported: ReturnDecisionsReported.data, ReturnsReported: ReturnsReported.data } as const;

/**
 * Decides, observation by observation, what an import does: record a new fact, leave an
 * identical one alone, correct a revised one, or skip it with a reason. Pure: the only inputs are
 * the observations, the resolved options and the existing facts; nothing is written here. Memory
 * is bounded by the facts of the configured countries, not by the size of the file.
 */
export class ImportPlanner {
  private readonly countries: ReadonlySet<string>;
  private readonly changes: PlannedChange[] = [];
  private readonly counts: PlanCounts = {
    observations: 0,
    recorded: 0,
    unchanged: 0,
    revised: 0,
    skipped: 0,
    skippedByReason: Object.fromEntries(SKIP_REASONS.map((r) => [r, 0])) as Record<SkipReason, number>,
    filteredOutBy: {},
  };
  /** country|factKey -> the first observation that produced it (to catch a breakdown we do not filter). */
  private readonly seen = new Map<string, { line: number; dims: Record<string, string> }>();

  constructor(
    private readonly run: ResolvedImport,
    private readonly context: PlannerContext,
  ) {
    this.countries = new Set(context.countries);
  }

  add(obs: Observation): void {
    this.counts.observations++;
    const filteredBy = this.filteredBy(obs);
    if (filteredBy) return this.skip('filtered-out', filteredBy);

    const breakdown = this.run.eventType === 'ReturnsReported' ? returnBreakdown(obs.dims) : undefined;
    if (breakdown && 'unmapped' in breakdown) return this.skip('filtered-out', breakdown.unmapped);

    const country = obs.dims['citizen']!;
    if (!COUNTRY_CODE.test(country)) return this.skip('aggregate-citizen');
    if (!this.countries.has(country)) return this.skip('country-not-configured');

    const lastUpdate = obs.lastUpdate ?? this.run.lastUpdate;
    const data: Record<string, unknown> = {
      period: obs.period,
      reportingScope: this.run.geo,
      count: obs.value,
      ...(breakdown ?? {}),
      dataset: this.run.dataset,
      ...(lastUpdate ? { extractedOn: lastUpdate } : {}),
      ...(obs.flags ? { flags: obs.flags } : {}),
    };
    const key = factKey(this.run.eventType, data);
    this.assertNotSeen(`${country}|${key}`, obs);

    if (obs.value === null) return this.skip(obs.flags.includes('c') ? 'confidential' : 'not-available');
    this.validate(data, obs.line);

    const occurredOn = lastUpdate ?? periodEnd(obs.period);
    const provenance = eurostatProvenance(this.run.dataset, lastUpdate, obs.flags);
    const trace = this.context.correlationId ? { correlationId: this.context.correlationId } : {};
    const earlier = this.context.existing(country).get(key);
    const base = { country, line: obs.line, period: obs.period, count: obs.value, flags: obs.flags };

    if (!earlier) {
      this.counts.recorded++;
      this.changes.push({
        ...base,
        action: 'record',
        family: 'statistics',
        command: { type: this.run.eventType, occurredOn, data, provenance, ...trace },
      });
      return;
    }
    if (sameFigure(earlier, obs.value, obs.flags)) {
      this.counts.unchanged++;
      return;
    }
    this.counts.revised++;
    const previousCount = Number(earlier.data['count']);
    this.changes.push({
      ...base,
      action: 'revise',
      family: 'corrections',
      correctedEventId: earlier.eventId,
      previousCount,
      command: {
        type: 'EntryCorrected',
        occurredOn,
        data: {
          correctedEventId: earlier.eventId,
          reason: revisionReason(this.run.dataset, lastUpdate, earlier, obs),
          data,
          ...(occurredOn !== earlier.occurredOn ? { occurredOn } : {}),
        },
        provenance,
        ...trace,
      },
    });
  }

  finish(): ImportPlan {
    return { run: this.run, changes: this.changes, counts: this.counts };
  }

  /** The first filter an observation fails (dimension, or dimension=value for a breakdown), if any. */
  private filteredBy(obs: Observation): string | undefined {
    const freq = obs.dims['freq'];
    if (freq !== undefined ? freq !== this.run.freq : isQuarter(obs.period) !== (this.run.freq === 'Q')) return 'freq';
    if (obs.dims['geo'] !== this.run.geo) return 'geo';
    for (const [dim, value] of Object.entries(this.run.filters)) if (obs.dims[dim] !== value) return dim;
    return undefined;
  }

  private skip(reason: SkipReason, filteredBy?: string): void {
    this.counts.skipped++;
    this.counts.skippedByReason[reason]++;
    // Own keys only: a file's dimension may be named like an Object.prototype member (constructor).
    if (filteredBy) this.counts.filteredOutBy[filteredBy] = (Object.hasOwn(this.counts.filteredOutBy, filteredBy) ? this.counts.filteredOutBy[filteredBy]! : 0) + 1;
  }

  /**
   * Two observations that land on the same fact mean the file has a breakdown the filters do not
   * pin down (say a new dimension): recording either would be a guess, so the file is refused
   * with both lines and the dimension to filter on.
   */
  private assertNotSeen(key: string, obs: Observation): void {
    const first = this.seen.get(key);
    if (!first) {
      this.seen.set(key, { line: obs.line, dims: obs.dims });
      return;
    }
    const differing = Object.keys(obs.dims).filter((d) => !MAPPED_DIMENSIONS.has(d) && obs.dims[d] !== first.dims[d]);
    const hint = differing.length
      ? `; choose one with a filter such as ${differing.map((d) => `${d}=${first.dims[d]}`).join(' ')}`
      : '';
    throw fileError(
      obs.line,
      `citizen ${obs.dims['citizen']}, period ${obs.period} gives the same fact as line ${first.line}${differing.length ? ` (they differ in ${differing.join(', ')})` : ' (a repeated series)'}${hint}`,
    );
  }

  private validate(data: Record<string, unknown>, line: number): void {
    const result = dataSchemas[this.run.eventType].safeParse(data);
    if (!result.success) {
      throw fileError(line, result.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; '));
    }
  }
}

function sameFigure(earlier: EffectiveFact, value: number, flags: string): boolean {
  return earlier.data['count'] === value && String(earlier.data['flags'] ?? '') === flags;
}

function revisionReason(dataset: string, lastUpdate: string | undefined, earlier: EffectiveFact, obs: Observation): string {
  const was = `${String(earlier.data['count'])}${earlier.data['flags'] ? ` (flags ${String(earlier.data['flags'])})` : ''}`;
  const now = `${obs.value}${obs.flags ? ` (flags ${obs.flags})` : ''}`;
  const source = lastUpdate ? `${dataset} (last update ${lastUpdate})` : dataset;
  return `Eurostat revision: ${source} reports ${now} for ${obs.period}, previously ${was} (file line ${obs.line})`;
}
