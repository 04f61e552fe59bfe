import t from 'tap';
import { Scorecard } from '../../../contracts/read-models.js';
import { countryStateProjection } from '../../../projections/country-state/index.js';
import { buildInMemory } from '../../../projections/memory-tx.js';
import { computeScorecard } from '../../../projections/scoring/compute-scorecard.js';
import { scoringModelV1 } from '../../../projections/scoring/model-v1.js';
import { EventLog, inputsFromMemory } from '../projections/fixtures.js';

/**
 * The last recorded report of a period and scope replaces earlier ones (a re-extraction). A desk
 * entering an older release after a newer one therefore replaces the newer figure: the scorecard
 * must say which reports it used and which it set aside, never choose in silence.
 */
t.test('a figure replaced by a later-recorded report of the same period and scope is named in a warning', async (t) => {
  const log = new EventLog();
  const newer = log.add('ET', 'ReturnDecisionsReported', '2020-01-01', { period: '2018', reportingScope: 'EU27_2020', count: 100, dataset: 'migr_eiord' });
  const older = log.add('ET', 'ReturnDecisionsReported', '2019-06-01', { period: '2018', reportingScope: 'EU27_2020', count: 200, dataset: 'migr_eiord' });
  log.add('ET', 'ReturnsReported', '2019-06-01', { period: '2018', reportingScope: 'EU27_2020', count: 40, destination: 'third-countries', returnType: 'enforced', dataset: 'migr_eirtn' });
  const card = computeScorecard(inputsFromMemory(buildInMemory(countryStateProjection, log.events), 'ET', 2018, null), scoringModelV1, { closed: false });
  t.ok(Scorecard.safeParse(card).success, 'matches the response contract');
  t.equal(card.indicators.find((i) => i.code === 'A')!.numerator, 200, 'the last recorded figure is used');
  const replaced = card.warnings.filter((w) => w.code === 'replaced-figures');
  t.same(replaced.map((w) => w.indicator), ['A'], 'one warning, on the indicator that picked the figures');
  t.match(replaced[0]!.message, `used 2018 ${older.eventId}, replaced 2018 ${newer.eventId}`);
  t.notOk(card.warnings.some((w) => w.code === 'replaced-figures' && w.indicator === 'B'), 'the returns figure replaced nothing');
});

t.test('one report per period and scope: no warning', async (t) => {
  const log = new EventLog();
  log.add('ET', 'ReturnDecisionsReported', '2019-06-01', { period: '2018', reportingScope: 'EU27_2020', count: 200, dataset: 'migr_eiord' });
  log.add('ET', 'ReturnDecisionsReported', '2019-06-01', { period: '2018', reportingScope: 'DE', count: 50, dataset: 'migr_eiord' });
  const card = computeScorecard(inputsFromMemory(buildInMemory(countryStateProjection, log.events), 'ET', 2018, null), scoringModelV1, { closed: false });
  t.equal(card.warnings.filter((w) => w.code === 'replaced-figures').length, 0);
});
