import t from 'tap';
import type { Scorecard } from '../../../contracts/read-models.js';
import { countryStateProjection } from '../../../projections/country-state/index.js';
import { buildInMemory } from '../../../projections/memory-tx.js';
import { computeScorecard } from '../../../projections/scoring/compute-scorecard.js';
import { scoringModelV1 } from '../../../projections/scoring/model-v1.js';
import { EventLog, inputsFromMemory } from '../projections/fixtures.js';

/**
 * Case data against the reported aggregate of the same period: a warning when the rates differ by
 * MORE than the model's tolerance (10% of the aggregate rate), in either direction; exactly 10% is
 * within it (0.55 vs 0.5 gives 0.10000000000000009 in floating point, which must not count).
 */
function cardFor(acceptedOf20: number, docsOf20: number): Scorecard {
  const log = new EventLog();
  for (let i = 0; i < 20; i++) {
    const requestId = `TN-RR-${i}`;
    log.add('TN', 'ReadmissionRequestSubmitted', '2021-02-01', { requestId, caseRef: 'ef'.repeat(10) + String(i).padStart(4, '0'), requestingState: 'NL', procedure: 'normal', personCategory: 'own-national' });
    log.add('TN', 'ReadmissionRequestAnswered', '2021-02-10', { requestId, outcome: i < acceptedOf20 ? 'accepted' : 'rejected' });
    if (i < docsOf20) log.add('TN', 'TravelDocumentIssued', '2021-02-20', { requestId, documentType: 'laissez-passer' });
  }
  // Aggregate: 50 of 100 accepted (50%), 50 travel documents for 100 requests (50%).
  log.add('TN', 'ReadmissionStatisticsReported', '2022-03-01', { period: '2021', reportingScope: 'NL', submitted: 100, accepted: 50, travelDocsIssued: 50, source: 'IND' });
  return computeScorecard(inputsFromMemory(buildInMemory(countryStateProjection, log.events), 'TN', 2021, null), scoringModelV1, { closed: false });
}
const reconciled = (card: Scorecard) => card.warnings.filter((w) => w.code === 'reconciliation').map((w) => w.indicator);

t.test('a difference of exactly 10% raises no reconciliation warning, in either direction', async (t) => {
  // C: 11/20 = 55% and 9/20 = 45% against 50%; D1 issuance: the same for travel documents.
  t.same(reconciled(cardFor(11, 11)), [], '55% vs 50%: exactly 10% above');
  t.same(reconciled(cardFor(9, 9)), [], '45% vs 50%: exactly 10% below');
});

t.test('a difference above 10% raises the warning, in either direction', async (t) => {
  t.same(reconciled(cardFor(12, 10)), ['C'], '60% vs 50% (C); issuance 50% agrees');
  t.same(reconciled(cardFor(10, 8)), ['D1'], 'issuance 40% vs 50%; C 50% agrees');
  t.same(reconciled(cardFor(8, 12)), ['C', 'D1'], 'both off by 20%');
});
