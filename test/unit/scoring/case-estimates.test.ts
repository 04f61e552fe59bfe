import t from 'tap';
import { Scorecard } from '../../../contracts/read-models.js';
import { countryStateProjection } from '../../../projections/country-state/index.js';
import { buildInMemory } from '../../../projections/memory-tx.js';
import { computeScorecard } from '../../../projections/scoring/compute-scorecard.js';
import { scoringModelV1 } from '../../../projections/scoring/model-v1.js';
import { EventLog, inputsFromMemory } from '../projections/fixtures.js';

const scorecard = (log: EventLog, country: string, year: number) =>
  computeScorecard(inputsFromMemory(buildInMemory(countryStateProjection, log.events), country, year, null), scoringModelV1, { closed: false });

/** Fourteen readmission requests of 2023, each answered 20 days later; `estimated` of them rest on an estimate. */
function requests(log: EventLog, estimated: (i: number) => 'submission' | 'answer' | null): void {
  for (let i = 0; i < 14; i++) {
    const requestId = `ET-RR-${i}`;
    const which = estimated(i);
    log.add('ET', 'ReadmissionRequestSubmitted', '2023-02-01', { requestId, caseRef: 'ab'.repeat(10) + String(i).padStart(4, '0'), requestingState: 'NL', procedure: 'normal', personCategory: 'own-national' }, which === 'submission' ? 'estimate' : 'confirmed');
    log.add('ET', 'ReadmissionRequestAnswered', '2023-02-21', { requestId, outcome: i < 10 ? 'accepted' : 'rejected' }, which === 'answer' ? 'estimate' : 'confirmed');
  }
}

/**
 * `containsEstimates` looked only at reported statistics: a score computed from case-level facts a
 * desk marked as estimates (`evidenceStatus: "estimate"`) claimed to contain none.
 */
t.test('case-level facts marked as estimates flag the indicators they feed', async (t) => {
  const log = new EventLog();
  requests(log, (i) => (i === 3 ? 'submission' : i === 7 ? 'answer' : null));
  const card = scorecard(log, 'ET', 2023);
  t.ok(Scorecard.safeParse(card).success, 'matches the response contract');
  t.equal(card.containsEstimates, true);
  t.same(
    card.warnings.filter((w) => w.code === 'estimates').map((w) => [w.indicator, w.message]),
    [
      ['C', '2 of the case records behind C rest on facts marked as estimates (evidenceStatus "estimate")'],
      ['D1', '2 of the case records behind D1 rest on facts marked as estimates (evidenceStatus "estimate")'],
    ],
    'a request estimated in its submission or in its answer counts, once, for C and for D1',
  );
});

t.test('without estimates nothing is flagged; a retracted estimate no longer counts; other periods are not flagged', async (t) => {
  const clean = new EventLog();
  requests(clean, () => null);
  const card = scorecard(clean, 'ET', 2023);
  t.equal(card.containsEstimates, false);
  t.same(card.warnings.filter((w) => w.code === 'estimates'), []);

  const log = new EventLog();
  requests(log, () => null);
  const estimate = log.add('ET', 'ReadmissionRequestSubmitted', '2023-05-02', { requestId: 'ET-RR-EST', caseRef: 'cd'.repeat(10) + '0001', requestingState: 'NL', procedure: 'normal', personCategory: 'own-national' }, 'estimate');
  log.add('ET', 'ReadmissionRequestAnswered', '2023-05-20', { requestId: 'ET-RR-EST', outcome: 'accepted' });
  t.equal(scorecard(log, 'ET', 2023).containsEstimates, true, 'flagged while it stands');
  t.equal(scorecard(log, 'ET', 2024).warnings.filter((w) => w.code === 'estimates').length, 0, 'not in another year');
  log.retract('ET', estimate);
  const after = scorecard(log, 'ET', 2023);
  t.equal(after.containsEstimates, false, 'the entity is folded again without it');
  t.same(after.warnings.filter((w) => w.code === 'estimates'), []);
});

t.test('operations marked as estimates flag D4 only', async (t) => {
  const log = new EventLog();
  for (let i = 1; i <= 6; i++) {
    log.add('TN', 'ReturnOperationPlanned', '2023-03-01', { operationId: `OP-${i}`, mode: 'scheduled-escorted', plannedDate: '2023-03-20', plannedReturnees: 2, organiser: 'DT&V' });
    log.add('TN', 'ReturnOperationExecuted', '2023-03-20', { operationId: `OP-${i}`, returnees: 2, forced: 2, voluntary: 0 }, i === 1 ? 'estimate' : 'confirmed');
  }
  const card = scorecard(log, 'TN', 2023);
  t.equal(card.indicators.find((i) => i.code === 'D4')?.available, true);
  t.same(card.warnings.filter((w) => w.code === 'estimates').map((w) => w.indicator), ['D4']);
  t.equal(card.containsEstimates, true);
});
