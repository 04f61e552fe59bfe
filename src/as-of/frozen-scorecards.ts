import { LRUCache } from 'lru-cache';
import type { EvidenceMode, FrozenPeriod, Scorecard } from '../../contracts/read-models.js';
import { frozenScorecard } from '../../projections/governance/freeze.js';
import type { EventStore } from '../store/port.js';
import { withAsOfView } from './as-of-read-side.js';
import { modelAt } from './governance-at.js';

export type FrozenScorecard = Scorecard & { position: number };

/** Frozen scorecards kept (bounded evidence only: `full` lists can run to megabytes). */
const KEPT = 500;

export interface FrozenScorecardRequest {
  /** `?model=`: absent, the latest model published by the freeze point (what was submitted). */
  modelVersion?: number | undefined;
  /** The request's own cutoff (undefined: now): a given model must have been published by then. */
  requestCutoff?: string | undefined;
  evidence?: EvidenceMode;
}

/**
 * Scorecards of closed periods, as known at their freeze points: read from the as-of view at the
 * freeze point and marked frozen. Such a scorecard never changes (the view's events are fixed, a
 * closure is final, a model version never changes), so it is kept in memory by what determines it,
 * whatever is recorded since; live scorecards are cached elsewhere, under other keys.
 */
export class FrozenScorecards {
  private readonly kept = new LRUCache<string, FrozenScorecard>({ max: KEPT });

  constructor(private readonly store: EventStore) {}

  private key(country: string, year: number, quarter: number | null, freeze: FrozenPeriod, modelVersion: number | undefined): string {
    return JSON.stringify([country, year, quarter, freeze.eventId, freeze.frozenAt, modelVersion ?? null]);
  }

  /** The kept scorecard with bounded evidence and the freeze-time model, if any (the overview reads it without waiting). */
  peek(country: string, year: number, quarter: number | null, freeze: FrozenPeriod): FrozenScorecard | undefined {
    return this.kept.get(this.key(country, year, quarter, freeze, undefined));
  }

  async get(country: string, year: number, quarter: number | null, freeze: FrozenPeriod, request: FrozenScorecardRequest = {}): Promise<FrozenScorecard> {
    const { modelVersion, evidence = 'bounded' } = request;
    // Checked on every request, kept or not: an asOf before the model's publication must not see it.
    const model = modelVersion === undefined ? undefined : await modelAt(this.store, modelVersion, request.requestCutoff);
    const key = this.key(country, year, quarter, freeze, modelVersion);
    const kept = evidence === 'bounded' ? this.kept.get(key) : undefined;
    if (kept) return kept;
    const card = await withAsOfView(this.store, freeze.frozenAt, [country], (v) =>
      frozenScorecard({ ...v.readSide.scorecard(country, year, quarter, undefined, { evidence, ...(model ? { model } : {}) }), position: v.position }, freeze),
    );
    if (evidence === 'bounded') this.kept.set(key, card);
    return card;
  }
}
