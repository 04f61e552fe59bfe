import t from 'tap';
import type { Scorecard } from '../../../contracts/read-models.js';
import { countryStateProjection } from '../../../projections/country-state/index.js';
import { buildInMemory } from '../../../projections/memory-tx.js';
import { computeScorecard } from '../../../projections/scoring/compute-scorecard.js';
import { scoringModelV1 } from '../../../projections/scoring/model-v1.js';
import { EventLog, inputsFromMemory } from '../projections/fixtures.js';

/**
 * D2 without case data falls back to the instrument's acceptance of the EU travel document. A year
 * is scored with the instruments as they stood at its end: terminating an instrument later must not
 * change an earlier year's scorecard.
 */
const d2 = (log: EventLog, year: number): Scorecard['indicators'][number] =>
  computeScorecard(inputsFromMemory(buildInMemory(countryStateProjection, log.events), 'GM', year, null), scoringModelV1, { closed: false }).indicators.find((i) => i.code === 'D2')!;

function instrument(): EventLog {
  const log = new EventLog();
  log.add('GM', 'InstrumentNegotiationOpened', '2018-01-01', { instrumentId: 'GM-GP', title: 'Good practices', kind: 'working-arrangement', level: 'EU', legallyBinding: false });
  log.add('GM', 'InstrumentProvisionsApplicable', '2018-06-01', { instrumentId: 'GM-GP', provisions: ['identification'] });
  log.add('GM', 'InstrumentTermsRecorded', '2018-06-01', { instrumentId: 'GM-GP', acceptsEUTravelDocument: 'yes', acceptsCharter: 'yes', silenceMeansConsent: false, coversTCN: false });
  return log;
}

t.test('an instrument terminated after the period still sets its flag for the period', async (t) => {
  const log = instrument();
  t.same([d2(log, 2021).source, d2(log, 2021).normalised], ['instrument-terms', 100]);
  log.add('GM', 'InstrumentTerminated', '2025-01-10', { instrumentId: 'GM-GP' });
  t.same([d2(log, 2021).source, d2(log, 2021).normalised], ['instrument-terms', 100], '2021 unchanged by a termination in 2025');
  t.equal(d2(log, 2025).available, false, 'the year it ended: no flag');
});

t.test('an instrument ended before the period ends sets no flag', async (t) => {
  const log = instrument();
  log.add('GM', 'InstrumentTerminated', '2021-03-01', { instrumentId: 'GM-GP' });
  t.equal(d2(log, 2021).available, false);
});
