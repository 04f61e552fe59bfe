import type { z } from 'zod';
import type { ClosePeriodBody, PublishScoringModelBody } from '../read-models.js';
import type { CreateTokenBody } from '../responses.js';
import { namedExamples } from './define.js';

/** POST /v1/tokens: a desk for the Horn of Africa, an analyst. */
export const tokenExamples = namedExamples({
  desk: {
    summary: 'A desk token for Ethiopia and Somalia',
    value: { principal: 'desk-horn', role: 'desk', countries: ['ET', 'SO'] } satisfies z.input<typeof CreateTokenBody>,
  },
  analyst: {
    summary: 'An analyst token (reads every country)',
    value: { principal: 'analyst-1', role: 'analyst' } satisfies z.input<typeof CreateTokenBody>,
  },
});

/** POST /v1/scoring-models: version 2, moving weight from D4 to D1 timeliness (an illustrative choice). */
export const scoringModelExamples = namedExamples({
  'model-v2': {
    summary: 'Version 2: D1 weighted 25, D4 10; EU reference rates from Eurostat (domain-research 4.6)',
    value: {
      model: {
        modelVersion: 2,
        label: 'Model 2: identification timeliness weighted up',
        indicators: [
          { code: 'A', weight: 0, minSample: 20 },
          { code: 'B', weight: 30, minSample: 20 },
          { code: 'C', weight: 20, minSample: 10 },
          { code: 'D1', weight: 25, minSample: 10 },
          { code: 'D2', weight: 10, minSample: 10 },
          { code: 'D3', weight: 5, minSample: 10 },
          { code: 'D4', weight: 10, minSample: 2 },
        ],
        euReturnRate: { '2019': 0.29, '2020': 0.177, '2023': 0.189 },
        defaultEuReturnRate: 0.19,
        returnRateTargetMultiple: 2,
        returnRateTargetCap: 0.6,
        defaultReplyDeadlineDays: 30,
        minAvailableWeightShare: 0.6,
        requiredIndicators: ['B'],
        reconciliationTolerance: 0.1,
        qualitativeScale: [0, 25, 50, 75, 100],
        bands: { adequate: 60, needsImprovement: 40 },
      },
      approvedBy: 'Head of the return policy unit',
      note: 'Timely identification is the main complaint in the 2024 desk reports.',
      effectiveFrom: '2025-01-01',
    } satisfies z.input<typeof PublishScoringModelBody>,
  },
});

/** POST /v1/periods/{year}/close. */
export const closePeriodExamples = namedExamples({
  '2023': {
    summary: 'Close 2023 (POST /v1/periods/2023/close) with the data known on 1 March 2024',
    value: { dataCutoff: '2024-03-01', note: 'Closed for the input to the 2024 Article 25a assessment.' } satisfies z.input<typeof ClosePeriodBody>,
  },
});
