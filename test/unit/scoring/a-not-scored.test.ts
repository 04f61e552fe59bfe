import t from 'tap';
import { PublishableScoringModel, ScoringModel } from '../../../contracts/index.js';
import { computeScorecard } from '../../../projections/scoring/compute-scorecard.js';
import { C, emptyInputs } from '../../../projections/scoring/inputs.js';
import { scoringModelV1 } from '../../../projections/scoring/model-v1.js';

/**
 * A (return decisions) is context and B's sample: it has no normalised value. A model giving it a
 * weight counted it as 0 in the score (55 instead of 78.57 below). Publishing refuses such a model;
 * one recorded before that rule scores without A's weight and says so.
 */
const weightedA = ScoringModel.parse({ ...scoringModelV1, modelVersion: 2, indicators: scoringModelV1.indicators.map((i) => (i.code === 'A' ? { ...i, weight: 30 } : i)) });

t.test('publishing refuses a weight on A', async (t) => {
  const r = PublishableScoringModel.safeParse(weightedA);
  t.notOk(r.success);
  t.match(r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.message]), [['indicators.0.weight', /A is not scored/]]);
});

t.test("a recorded model's weight on A is not counted", async (t) => {
  const inp = emptyInputs('TN', 2021, null);
  inp.reports = [
    { eventId: 'd', type: 'ReturnDecisionsReported', period: '2021', position: 1, evidenceStatus: 'confirmed', data: { reportingScope: 'NL', count: 1000 } },
    { eventId: 'r', type: 'ReturnsReported', period: '2021', position: 2, evidenceStatus: 'confirmed', data: { reportingScope: 'NL', count: 190, returnType: 'enforced', destination: 'third-countries' } },
  ];
  inp.counters = { [C.rrSubmitted]: 10, [C.rrAccepted]: 10, [C.reqSubmitted]: 10, [C.reqDecided]: 10, [C.reqAnsweredAfter(3)]: 10, [C.reqWithTravelDoc]: 10 };
  const card = computeScorecard(inp, weightedA, { closed: false });
  // B 50, C 100, D1 100 over weights 30, 20, 20: 5500 / 70 = 78.57.
  t.equal(card.score, 78.57);
  t.same([card.totalWeight, card.availableWeight], [100, 70]);
  const a = card.indicators.find((i) => i.code === 'A')!;
  t.equal(a.effectiveWeight, 0);
  t.ok(a.notes.some((n) => /weight 30 is not counted/.test(n)), JSON.stringify(a.notes));
});
