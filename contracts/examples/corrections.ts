import type { FactExample } from './define.js';

/**
 * Corrections name the event they correct by its eventId; these placeholders stand for the eventId
 * answered when the `target` example was recorded.
 */
export const correctionExamples: FactExample[] = [
  {
    key: 'EntryCorrected',
    country: 'TR',
    target: 'ReturnsReported_TR',
    summary: "Turkey: Eurostat's 5,595 counts all returns, not returns to third countries",
    description: 'correctedEventId: the eventId answered for the ReturnsReported_TR example (statistics route).',
    value: {
      type: 'EntryCorrected',
      occurredOn: '2024-05-21',
      data: {
        correctedEventId: '3f2b8c1e-7a4d-4e59-9b0a-6c1d2e3f4a5b',
        reason: 'The Eurostat release counts all returns of Turkish nationals, not only returns to third countries.',
        data: { period: '2023', reportingScope: 'EU27_2020', count: 5595, destination: 'all', returnType: 'all', dataset: 'migr_eirtn' },
      },
      provenance: { sourceKind: 'nl-desk', reference: 'Desk check against migr_eirtn, 21.5.2024', evidenceStatus: 'confirmed' },
    },
  },
  {
    key: 'EntryRetracted',
    country: 'DZ',
    target: 'ReturnDecisionsReported_DZ',
    summary: 'Algeria: a press figure withdrawn in favour of the Eurostat import (illustrative)',
    description: 'retractedEventId: the eventId answered for the ReturnDecisionsReported_DZ example (statistics route).',
    value: {
      type: 'EntryRetracted',
      occurredOn: '2023-09-04',
      data: {
        retractedEventId: '8d0e6f7a-1b2c-4d3e-8f4a-5b6c7d8e9f0a',
        reason: 'A rounded press figure; the 2020 return decisions come from the Eurostat import instead.',
      },
      provenance: { sourceKind: 'nl-desk', reference: 'Illustrative example, not a recorded fact', evidenceStatus: 'estimate' },
    },
  },
];
