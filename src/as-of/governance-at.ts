import { REPORTING_PERIODS_STREAM, SCORING_MODELS_STREAM, type ScoringModel } from '../../contracts/index.js';
import { modelRowOf, periodRowOf } from '../../projections/governance/index.js';
import type { Closure } from '../../projections/governance/freeze.js';
import { chooseModel, publishedModels } from '../projection-runtime/published-models.js';
import type { EventStore } from '../store/port.js';

/**
 * The two global streams read straight from the log (a handful of events each), as known at a
 * recorded-time instant (undefined: now): what an as-of read needs of them before it knows which
 * view to open.
 */

/** The periods closed by `instant`. */
export async function closuresAt(store: EventStore, instant?: string): Promise<Closure[]> {
  const events = await store.readStream(REPORTING_PERIODS_STREAM, { types: ['PeriodClosed'] });
  return events.filter((e) => instant === undefined || e.recordedAt <= instant).map(periodRowOf);
}

/** Scoring-model `version` as published by `instant` (404 NOT_FOUND when it was not). */
export async function modelAt(store: EventStore, version: number, instant?: string): Promise<ScoringModel> {
  const events = await store.readStream(SCORING_MODELS_STREAM, { types: ['ScoringModelVersionPublished'] });
  return chooseModel(publishedModels(events.filter((e) => instant === undefined || e.recordedAt <= instant).map(modelRowOf)), version);
}
