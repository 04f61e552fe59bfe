import t from 'tap';
import type { Scorecard } from '../../../contracts/read-models.js';
import { countryStateProjection } from '../../../projections/country-state/index.js';
import { buildInMemory } from '../../../projections/memory-tx.js';
import { computeScorecard } from '../../../projections/scoring/compute-scorecard.js';
import { scoringModelV1 } from '../../../projections/scoring/model-v1.js';
import { EventLog, inputsFromMemory } from '../projections/fixtures.js';

/** B is a ratio: its returns and return decisions must cover the same reporting scope. */
type Fig = [period: string, scope: string, count: number];
function cardFor(decisions: Fig[], returns: Fig[]): Scorecard {
  const log = new EventLog();
  for (const [period, reportingScope, count] of decisions) log.add('TN', 'ReturnDecisionsReported', '2022-03-01', { period, reportingScope, count, dataset: 'national' });
  for (const [period, reportingScope, count] of returns)
    log.add('TN', 'ReturnsReported', '2022-03-01', { period, reportingScope, count, destination: 'third-countries', returnType: 'enforced', dataset: 'national' });
  return computeScorecard(inputsFromMemory(buildInMemory(countryStateProjection, log.events), 'TN', 2021, null), scoringModelV1, { closed: false });
}
const b = (card: Scorecard) => card.indicators.find((i) => i.code === 'B')!;

t.test('EU-wide decisions and Dutch returns: the rate is taken over the Dutch decisions', async (t) => {
  const card = cardFor([['2021', 'EU27_2020', 1000], ['2021', 'NL', 100]], [['2021', 'NL', 50]]);
  t.equal(b(card).numerator, 50);
  t.equal(b(card).denominator, 100, 'not the 1,000 EU-wide decisions (which gave 5% instead of 50%)');
  t.equal(b(card).rate, 0.5);
  t.ok(b(card).notes.some((n) => n.startsWith('Scope: NL')), JSON.stringify(b(card).notes));
  const a = card.indicators.find((i) => i.code === 'A')!;
  t.equal(a.numerator, 1000, 'A still shows the widest scope reported');
});

t.test('decisions of two Member States, returns of one: only the one reporting both', async (t) => {
  const card = cardFor([['2021', 'NL', 100], ['2021', 'BE', 300]], [['2021', 'NL', 40]]);
  t.same([b(card).numerator, b(card).denominator], [40, 100]);
});

t.test('no scope reports both: B is unavailable and says why', async (t) => {
  const card = cardFor([['2021', 'EU27_2020', 1000]], [['2021', 'NL', 50]]);
  t.equal(b(card).available, false);
  t.match(b(card).insufficientReason, /same reporting scope/);
  t.equal(card.score, null);
});

t.test('a year of decisions against four quarters of returns of the same scope', async (t) => {
  const card = cardFor([['2021', 'NL', 100]], [1, 2, 3, 4].map((q): Fig => [`2021-Q${q}`, 'NL', 10]));
  t.same([b(card).available, b(card).numerator, b(card).denominator], [true, 40, 100]);
});

t.test('the same EU-wide scope on both sides is unchanged', async (t) => {
  const card = cardFor([['2021', 'EU27_2020', 1000], ['2021', 'NL', 100]], [['2021', 'EU27_2020', 190], ['2021', 'NL', 50]]);
  t.same([b(card).numerator, b(card).denominator, b(card).normalised], [190, 1000, 50]);
});
