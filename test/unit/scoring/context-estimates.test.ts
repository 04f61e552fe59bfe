import t from 'tap';
import type { Scorecard } from '../../../contracts/read-models.js';
import { countryStateProjection } from '../../../projections/country-state/index.js';
import { buildInMemory } from '../../../projections/memory-tx.js';
import { computeScorecard } from '../../../projections/scoring/compute-scorecard.js';
import { scoringModelV1 } from '../../../projections/scoring/model-v1.js';
import { EventLog, inputsFromMemory } from '../projections/fixtures.js';

/**
 * Facts that change a score without being a case record: a partner moratorium (reduces D4) and an
 * instrument's terms (D2's fallback flag, D1's reply deadline). Marked as estimates, they must flag
 * the indicator and `containsEstimates` like any other estimated input.
 */
const scorecard = (log: EventLog): Scorecard =>
  computeScorecard(inputsFromMemory(buildInMemory(countryStateProjection, log.events), 'GM', 2021, null), scoringModelV1, { closed: false });
const estimates = (card: Scorecard) => card.warnings.filter((w) => w.code === 'estimates').map((w) => w.indicator);
const terms = { instrumentId: 'GM-GP', acceptsEUTravelDocument: 'yes', acceptsCharter: 'yes', silenceMeansConsent: false, coversTCN: false, replyDeadline: { days: 10, dayKind: 'working' } };

t.test('an estimated moratorium reducing D4', async (t) => {
  const log = new EventLog();
  for (let i = 0; i < 2; i++) {
    log.add('GM', 'ReturnOperationPlanned', '2021-01-01', { operationId: `GM-OP-${i}`, mode: 'national-charter', plannedDate: '2021-06-01', plannedReturnees: 5, organiser: 'NL' });
    log.add('GM', 'ReturnOperationExecuted', '2021-06-01', { operationId: `GM-OP-${i}`, returnees: 5, forced: 5, voluntary: 0 });
  }
  log.add('GM', 'PartnerMoratoriumDeclared', '2021-07-01', { moratoriumId: 'GM-M1', scope: 'charter' }, 'estimate');
  const card = scorecard(log);
  t.ok(card.indicators.find((i) => i.code === 'D4')!.normalised! < 100, 'the moratorium reduces D4');
  t.same(estimates(card), ['D4']);
  t.equal(card.containsEstimates, true);
});

t.test('estimated instrument terms behind D2 (no case data) and behind D1 deadlines', async (t) => {
  const log = new EventLog();
  log.add('GM', 'InstrumentNegotiationOpened', '2020-01-01', { instrumentId: 'GM-GP', title: 'Good practices', kind: 'working-arrangement', level: 'EU', legallyBinding: false });
  const recorded = log.add('GM', 'InstrumentTermsRecorded', '2020-06-01', terms, 'estimate');
  t.same(estimates(scorecard(log)), ['D2'], 'D2 rests on the flag of estimated terms');
  for (let i = 0; i < 10; i++) {
    const requestId = `GM-IR-${i}`;
    log.add('GM', 'IdentificationRequestSubmitted', '2021-03-01', { requestId, caseRef: 'cd'.repeat(10) + String(i).padStart(4, '0'), requestingState: 'NL', channel: 'RCMS', instrumentId: 'GM-GP' });
    log.add('GM', 'IdentificationRequestAnswered', '2021-03-10', { requestId, outcome: 'identified-national' });
  }
  const card = scorecard(log);
  t.same(estimates(card), ['D1', 'D2'], 'D1 timeliness rests on the estimated deadline');
  t.equal(card.containsEstimates, true);
  log.retract('GM', recorded);
  t.same(estimates(scorecard(log)), [], 'terms retracted: the default deadline, no flag, nothing estimated');
});
