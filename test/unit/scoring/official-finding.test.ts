import t from 'tap';
import { countryStateProjection } from '../../../projections/country-state/index.js';
import { buildInMemory } from '../../../projections/memory-tx.js';
import { computeScorecard } from '../../../projections/scoring/compute-scorecard.js';
import { scoringModelV1 } from '../../../projections/scoring/model-v1.js';
import { renderMarkdown } from '../../../src/reports/render-md.js';
import { EventLog, inputsFromMemory } from '../projections/fixtures.js';

/**
 * A year's scorecard shows the Commission's finding on that year's data, never one on another
 * year's: Somalia's fifth assessment (adopted 23 July 2024, on 2023 data, "insufficient") is no
 * finding about 2019 and must not appear beside a 2019 score, where "the official finding prevails".
 */
t.test("a year's scorecard carries only the finding on that year's data", async (t) => {
  const log = new EventLog();
  const on2019 = log.add('SO', 'CommissionAssessmentReported', '2021-02-10', { reportNo: 1, dataPeriod: '2019', finding: 'not-public', documentRef: 'COM(2021) 56' });
  const on2023 = log.add('SO', 'CommissionAssessmentReported', '2024-07-23', { reportNo: 5, dataPeriod: '2023', finding: 'insufficient', documentRef: 'COM(2024) 324' });
  const rm = buildInMemory(countryStateProjection, log.events);
  const card = (year: number, quarter: number | null = null) => computeScorecard(inputsFromMemory(rm, 'SO', year, quarter), scoringModelV1, { closed: false });

  t.equal(card(2019).officialFinding?.eventId, on2019.eventId, '2019: the finding on 2019 data');
  t.equal(card(2023).officialFinding?.eventId, on2023.eventId, '2023: the finding on 2023 data');
  t.equal(card(2023, 2).officialFinding?.eventId, on2023.eventId, 'a quarter of 2023: the finding on 2023 data');
  t.equal(card(2020).officialFinding, null, '2020: no finding on 2020 data, none shown (not the 2019 one)');
  t.equal(card(2022).officialFinding, null, '2022: not the finding adopted later on 2023 data');
  t.equal(card(2024).officialFinding, null, '2024: not the latest finding, which is on 2023 data');
});

t.test('the report says that no finding is recorded on the year\u2019s data', async (t) => {
  const log = new EventLog();
  log.add('SO', 'CommissionAssessmentReported', '2024-07-23', { reportNo: 5, dataPeriod: '2023', finding: 'insufficient', documentRef: 'COM(2024) 324' });
  const rm = buildInMemory(countryStateProjection, log.events);
  const scorecard = computeScorecard(inputsFromMemory(rm, 'SO', 2019, null), scoringModelV1, { closed: false });
  const md = renderMarkdown({
    manifest: {
      kind: 'annual-report',
      year: 2019,
      countries: ['SO'],
      asOf: '2026-01-01T00:00:00.000Z',
      position: 1,
      modelVersion: 1,
      evidence: 'bounded',
      projectionVersions: { 'country-state': 5 },
      reportFormatVersion: 3,
      contentHash: '0'.repeat(64),
    },
    report: {
      title: 'Annual assessment 2019',
      year: 2019,
      referenceDate: '2019-12-31',
      disclaimer: 'test',
      countries: [{ country: 'SO', scorecard, instruments: [], visaMeasures: [], dialogueSessions: [], returnOperations: [], partnerMoratoria: [], dataGaps: [], evidence: [] }],
    },
  } as Parameters<typeof renderMarkdown>[0]);
  t.match(md, /\*\*Commission finding:\*\* none recorded on 2019 data/);
  t.notMatch(md, /insufficient/, 'the 2023 finding is not in the 2019 report');
});
