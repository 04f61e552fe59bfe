import t from 'tap';
import { Scorecard } from '../../../contracts/read-models.js';
import { countryStateProjection } from '../../../projections/country-state/index.js';
import { buildInMemory } from '../../../projections/memory-tx.js';
import { computeScorecard } from '../../../projections/scoring/compute-scorecard.js';
import { scoringModelV1 } from '../../../projections/scoring/model-v1.js';
import { EventLog, inputsFromMemory } from '../projections/fixtures.js';

const ind = (card: Scorecard, code: string) => card.indicators.find((i) => i.code === code)!;

/**
 * Requests the partner never answered (and no lapse recorded) are in neither C's nor D1's
 * timeliness denominator; the scorecard must say how many there are instead of scoring only the
 * answered ones in silence (Ethiopia 2023 in the demo: 6 submitted, 4 never answered).
 */
t.test('unanswered requests of the period are named in the data gaps and warnings', async (t) => {
  const log = new EventLog();
  for (let i = 0; i < 14; i++) {
    const requestId = `ET-RR-${i}`;
    log.add('ET', 'ReadmissionRequestSubmitted', '2023-02-01', { requestId, caseRef: 'cd'.repeat(10) + String(i).padStart(4, '0'), requestingState: 'NL', procedure: 'normal', personCategory: 'own-national' });
    // 10 answered (8 accepted, 2 rejected) within 20 days; 4 never answered.
    if (i < 10) log.add('ET', 'ReadmissionRequestAnswered', '2023-02-21', { requestId, outcome: i < 8 ? 'accepted' : 'rejected' });
  }
  const card = computeScorecard(inputsFromMemory(buildInMemory(countryStateProjection, log.events), 'ET', 2023, null), scoringModelV1, { closed: false });
  t.ok(Scorecard.safeParse(card).success, 'matches the response contract');
  const c = ind(card, 'C');
  t.equal(c.available, true);
  t.equal(c.numerator, 8);
  t.equal(c.denominator, 10, 'the rate is still over the outcomes recorded');
  t.ok(
    card.dataGaps.some((g) => g.startsWith('C: 4 of 14 readmission requests submitted in the period have no recorded outcome')),
    `C names the 4 unanswered requests: ${JSON.stringify(card.dataGaps)}`,
  );
  t.ok(card.dataGaps.some((g) => g.startsWith('D1: 4 of 14 requests submitted in the period have no answer')), 'D1 names them too');
  t.same(
    card.warnings.filter((w) => w.code === 'unanswered-requests').map((w) => w.indicator),
    ['C', 'D1'],
  );

  // Once a lapse is recorded for them, they count in C (as lapsed without consent) and the gap is gone.
  for (let i = 10; i < 14; i++) log.add('ET', 'RequestDeadlineLapsed', '2023-03-04', { requestId: `ET-RR-${i}`, deadline: '2023-03-03', deemedAccepted: false });
  const after = computeScorecard(inputsFromMemory(buildInMemory(countryStateProjection, log.events), 'ET', 2023, null), scoringModelV1, { closed: false });
  t.equal(ind(after, 'C').denominator, 14);
  t.equal(after.warnings.filter((w) => w.code === 'unanswered-requests').length, 0);
  t.notOk(after.dataGaps.some((g) => g.includes('no recorded outcome')));
});

/** A moratorium that zeroes D4 although every operation was executed must be said, not left to a component. */
t.test('a moratorium reducing D4 is stated in its notes and warnings', async (t) => {
  const log = new EventLog();
  log.add('TR', 'PartnerMoratoriumDeclared', '2020-03-16', { moratoriumId: 'TR-HALT-2020', scope: 'forced' });
  for (let i = 1; i <= 4; i++) {
    log.add('TR', 'ReturnOperationPlanned', '2023-03-01', { operationId: `OP-${i}`, mode: 'scheduled-escorted', plannedDate: '2023-03-20', plannedReturnees: 2, organiser: 'DT&V' });
    log.add('TR', 'ReturnOperationExecuted', '2023-03-20', { operationId: `OP-${i}`, returnees: 2, forced: 2, voluntary: 0 });
  }
  const card = computeScorecard(inputsFromMemory(buildInMemory(countryStateProjection, log.events), 'TR', 2023, null), scoringModelV1, { closed: false });
  const d4 = ind(card, 'D4');
  t.equal(d4.rate, 1, '4 of 4 executed');
  t.equal(d4.normalised, 0, 'the moratorium covers the whole year');
  t.ok(d4.notes.some((n) => n === 'Partner moratorium on 365 of 365 days: operations rate 100% × 0%'), JSON.stringify(d4.notes));
  t.same(
    card.warnings.filter((w) => w.code === 'moratorium').map((w) => [w.indicator, w.message]),
    [['D4', 'A partner moratorium covered 365 of 365 days of the period: D4 is the operations rate 100% reduced to 0']],
  );
});
