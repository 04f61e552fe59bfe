import { z } from 'zod';
import { Count, IsoDate, ShortText } from './common.js';

export const IndicatorCode = z.enum(['A', 'B', 'C', 'D1', 'D2', 'D3', 'D4']);
export type IndicatorCode = z.infer<typeof IndicatorCode>;

const Fraction = z.number().min(0).max(1);

export const IndicatorSettings = z
  .object({
    code: IndicatorCode,
    weight: z.number().min(0).max(100),
    /** Smallest denominator for which the indicator counts as available. */
    minSample: Count,
  })
  .strict();

/** A scoring model as data: published as an event, so the model in force is part of history. */
export const ScoringModel = z
  .object({
    modelVersion: z.number().int().min(1),
    label: ShortText,
    indicators: z.array(IndicatorSettings).length(7),
    /** EU-wide return rate per year (returned to third countries / ordered to leave): the anchor that scores 50 for B. */
    euReturnRate: z.record(z.string().regex(/^\d{4}$/), Fraction),
    /** Used for years without an EU reference. */
    defaultEuReturnRate: Fraction,
    /** B scores 100 at min(targetMultiple x EU rate, targetCap). */
    returnRateTargetMultiple: z.number().min(1).max(10),
    returnRateTargetCap: Fraction,
    /** Reply deadline in calendar days when no instrument sets one (D1 timeliness). */
    defaultReplyDeadlineDays: z.number().int().min(1).max(365),
    /** Overall score is null below this share of the total weight. */
    minAvailableWeightShare: Fraction,
    /** Overall score is null when any of these is unavailable. */
    requiredIndicators: z.array(IndicatorCode),
    /** Case data and aggregates differing by more than this share raise a reconciliation warning. */
    reconciliationTolerance: Fraction,
    /** Score of a qualitative 0-4 rating (QualitativeAssessmentRecorded); default 0, 25, 50, 75, 100. */
    qualitativeScale: z.array(z.number().min(0).max(100)).length(5).optional(),
    bands: z.object({ adequate: z.number().min(0).max(100), needsImprovement: z.number().min(0).max(100) }).strict(),
    effectiveFrom: IsoDate.optional(),
  })
  .strict()
  .refine((m) => new Set(m.indicators.map((i) => i.code)).size === 7, {
    message: 'Each indicator A, B, C, D1-D4 appears exactly once',
    path: ['indicators'],
  })
  .refine((m) => m.bands.adequate > m.bands.needsImprovement, {
    message: 'bands.adequate must be above bands.needsImprovement',
    path: ['bands'],
  });
export type ScoringModel = z.infer<typeof ScoringModel>;

/**
 * A model that may be published: the recorded shape (ScoringModel, which must keep reading models
 * recorded before these rules) plus what the scoring maths needs to give a finite score.
 */
export const PublishableScoringModel = ScoringModel.superRefine((m, ctx) => {
  m.indicators.forEach((i, n) => {
    if (i.code === 'A' && i.weight > 0)
      ctx.addIssue({ code: 'custom', path: ['indicators', n, 'weight'], message: 'A is not scored (return decisions are context and the sample of B): its weight must be 0' });
    if (i.minSample < 1)
      ctx.addIssue({ code: 'custom', path: ['indicators', n, 'minSample'], message: `minSample of ${i.code} must be at least 1: a rate needs a non-empty denominator` });
  });
  const weightOf = (code: IndicatorCode) => m.indicators.find((i) => i.code === code)?.weight ?? 0;
  if (!m.indicators.some((i) => i.weight > 0)) {
    ctx.addIssue({ code: 'custom', path: ['indicators'], message: 'At least one indicator needs a weight above 0: the score is a weighted mean' });
  } else if (m.minAvailableWeightShare === 0 && !m.requiredIndicators.some((c) => weightOf(c) > 0)) {
    ctx.addIssue({
      code: 'custom',
      path: ['minAvailableWeightShare'],
      message: 'minAvailableWeightShare must be above 0 unless a required indicator has a weight above 0: otherwise a score could rest on no weighted indicator',
    });
  }
  // B divides the return rate by the EU rate (which scores 50): a rate of 0 anchors nothing.
  if (m.defaultEuReturnRate === 0) ctx.addIssue({ code: 'custom', path: ['defaultEuReturnRate'], message: 'The EU reference return rate must be above 0' });
  for (const [year, rate] of Object.entries(m.euReturnRate)) {
    if (rate === 0) ctx.addIssue({ code: 'custom', path: ['euReturnRate', year], message: `The EU reference return rate of ${year} must be above 0` });
  }
});
