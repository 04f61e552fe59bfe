import type { ScoringModel } from '../../contracts/index.js';

/**
 * Scoring model version 1 (DESIGN.md "Scoring", domain-research.md 5.5). Our assumption, not the
 * Commission's method: Article 25a(2) lists indicators but gives no formula.
 */
export const scoringModelV1: ScoringModel = {
  modelVersion: 1,
  label: 'Default model: Art. 25a(2) indicators, EU-anchored return rate',
  indicators: [
    { code: 'A', weight: 0, minSample: 20 }, // return decisions: context and sample size only
    { code: 'B', weight: 30, minSample: 20 }, // return rate; sample = return decisions
    { code: 'C', weight: 20, minSample: 10 }, // readmission requests with an outcome
    { code: 'D1', weight: 20, minSample: 10 }, // requests (timeliness: decided; issuance: submitted)
    { code: 'D2', weight: 10, minSample: 10 }, // EU travel documents presented
    { code: 'D3', weight: 5, minSample: 10 }, // transfers of accepted persons
    { code: 'D4', weight: 15, minSample: 2 }, // planned return operations
  ],
  // Returned to third countries / ordered to leave, EU-wide (domain-research 4.6).
  euReturnRate: {
    '2019': 142_300 / 491_200,
    '2020': 70_200 / 396_400,
    '2023': 91_465 / 484_160,
  },
  defaultEuReturnRate: 0.19,
  returnRateTargetMultiple: 2,
  returnRateTargetCap: 0.6,
  defaultReplyDeadlineDays: 30,
  minAvailableWeightShare: 0.6,
  requiredIndicators: ['B'],
  reconciliationTolerance: 0.1,
  qualitativeScale: [0, 25, 50, 75, 100],
  bands: { adequate: 60, needsImprovement: 40 },
};
