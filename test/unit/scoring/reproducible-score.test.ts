import t from 'tap';
import { computeScorecard } from '../../../projections/scoring/compute-scorecard.js';
import { C, emptyInputs, type ScorecardInputs } from '../../../projections/scoring/inputs.js';
import { scoringModelV1 } from '../../../projections/scoring/model-v1.js';

/**
 * A reader must be able to recompute the overall score from what the scorecard shows: each available
 * indicator's normalised value (two decimals) and weight, S = Σ w·s / Σ w, rounded to two decimals.
 * Computed from the unrounded values it was off by 0.01 in many cases (15.50 shown, 15.49 recomputed).
 */
function inputs(returns: number, accepted: number): ScorecardInputs {
  const inp = emptyInputs('TN', 2021, null);
  inp.reports = [
    { eventId: 'd', type: 'ReturnDecisionsReported', period: '2021', position: 1, evidenceStatus: 'confirmed', data: { reportingScope: 'NL', count: 1000 } },
    { eventId: 'r', type: 'ReturnsReported', period: '2021', position: 2, evidenceStatus: 'confirmed', data: { reportingScope: 'NL', count: returns, returnType: 'enforced', destination: 'third-countries' } },
  ];
  // 13 readmission requests (accepted of them), 7 answered within 3 days, 5 with a travel document.
  inp.counters = { [C.rrSubmitted]: 13, [C.rrAccepted]: accepted, [C.rrRejected]: 13 - accepted, [C.reqSubmitted]: 13, [C.reqDecided]: 13, [C.reqAnsweredAfter(3)]: 7, [C.reqWithTravelDoc]: 5 };
  return inp;
}

t.test('the score is what the shown normalised values and weights give', async (t) => {
  let checked = 0;
  for (let returns = 1; returns <= 120; returns++)
    for (let accepted = 1; accepted <= 12; accepted++) {
      const card = computeScorecard(inputs(returns, accepted), scoringModelV1, { closed: false });
      const shown = card.indicators.filter((i) => i.available && i.weight > 0);
      const recomputed = Math.round((shown.reduce((s, i) => s + i.weight * i.normalised!, 0) / card.availableWeight) * 100) / 100;
      if (card.score !== recomputed) t.fail(`${returns} returns, ${accepted} accepted: score ${card.score}, recomputed from the scorecard ${recomputed}`);
      checked++;
    }
  t.equal(checked, 1440);
  // The first case found: B 0.26, C 7.69, D1 46.15 -> (30 * 0.26 + 20 * 7.69 + 20 * 46.15) / 70 = 15.49.
  t.equal(computeScorecard(inputs(1, 1), scoringModelV1, { closed: false }).score, 15.49);
});
