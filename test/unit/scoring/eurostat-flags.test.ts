import t from 'tap';
import { countryStateProjection } from '../../../projections/country-state/index.js';
import { buildInMemory } from '../../../projections/memory-tx.js';
import { computeScorecard } from '../../../projections/scoring/compute-scorecard.js';
import { scoringModelV1 } from '../../../projections/scoring/model-v1.js';
import { EventLog, inputsFromMemory } from '../projections/fixtures.js';

/**
 * The Eurostat importer keeps an observation's status flags (`1500 p`: provisional) in the fact; a
 * scorecard built on a provisional figure says so in A's and B's notes.
 */
t.test("Eurostat flags on the figures used are spelled out in A's and B's notes", async (t) => {
  const log = new EventLog();
  log.add('ET', 'ReturnDecisionsReported', '2023-12-31', { period: '2023', reportingScope: 'EU27_2020', count: 1500, dataset: 'migr_eiord', flags: 'p' });
  log.add('ET', 'ReturnsReported', '2023-12-31', { period: '2023', reportingScope: 'EU27_2020', count: 300, destination: 'third-countries', returnType: 'all', dataset: 'migr_eirtn' });
  const card = computeScorecard(inputsFromMemory(buildInMemory(countryStateProjection, log.events), 'ET', 2023, null), scoringModelV1, { closed: false });
  const note = 'Eurostat flags on return decisions: 1500 (2023, EU27_2020) flagged p: provisional';
  t.ok(card.indicators.find((i) => i.code === 'A')!.notes.includes(note), 'A');
  const b = card.indicators.find((i) => i.code === 'B')!;
  t.equal(b.rate, 0.2);
  t.ok(b.notes.includes(note), 'B (its denominator)');
  t.notOk(b.notes.some((n) => n.startsWith('Eurostat flags on returns')), 'the returns figure has no flag');
});
