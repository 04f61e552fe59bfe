import { parse } from 'csv-parse/sync';
import t from 'tap';
import { countryStateProjection } from '../../../projections/country-state/index.js';
import { buildInMemory } from '../../../projections/memory-tx.js';
import { computeScorecard } from '../../../projections/scoring/compute-scorecard.js';
import { scoringModelV1 } from '../../../projections/scoring/model-v1.js';
import { CSV_COLUMNS, renderCsv } from '../../../src/reports/render-csv.js';
import { renderMarkdown } from '../../../src/reports/render-md.js';
import type { AnnualReport } from '../../../src/reports/types.js';
import { EventLog, inputsFromMemory } from '../projections/fixtures.js';

/**
 * The CSV carries what qualifies each number as the Markdown and HTML do: the indicator's notes, the
 * warnings on it (a proxy numerator, estimates), and which year's data the Commission finding is about.
 */
t.test('CSV rows carry notes, warnings and the finding with its data period', async (t) => {
  const log = new EventLog();
  log.add('TR', 'ReturnDecisionsReported', '2024-06-11', { period: '2023', reportingScope: 'EU27_2020', count: 25000, dataset: 'migr_eiord' }, 'estimate');
  log.add('TR', 'ReturnsReported', '2024-06-11', { period: '2023', reportingScope: 'EU27_2020', count: 5595, destination: 'all', returnType: 'all', dataset: 'migr_eirtn' }, 'confirmed');
  log.add('TR', 'CommissionAssessmentReported', '2024-07-23', { reportNo: 5, dataPeriod: '2023', finding: 'sufficient', documentRef: 'COM(2024) 1' });
  const scorecard = computeScorecard(inputsFromMemory(buildInMemory(countryStateProjection, log.events), 'TR', 2023, null), scoringModelV1, { closed: false });
  const report = {
    manifest: {
      kind: 'annual-report',
      year: 2023,
      countries: ['TR'],
      asOf: '2026-01-01T00:00:00.000Z',
      position: 3,
      modelVersion: 1,
      evidence: 'bounded',
      projectionVersions: { 'country-state': 5 },
      reportFormatVersion: 3,
      contentHash: 'f'.repeat(64),
    },
    report: {
      title: 'Annual assessment 2023',
      year: 2023,
      referenceDate: '2023-12-31',
      disclaimer: 'test',
      countries: [{ country: 'TR', scorecard, instruments: [], visaMeasures: [], dialogueSessions: [], returnOperations: [], partnerMoratoria: [], dataGaps: [], evidence: [] }],
    },
  } as unknown as AnnualReport;

  const rows = parse(renderCsv(report), { columns: true, relax_column_count: false, relax_quotes: false }) as Record<string, string>[];
  t.same(Object.keys(rows[0]!), [...CSV_COLUMNS]);
  const b = rows.find((r) => r['indicator'] === 'B')!;
  t.equal(b['numerator'], '5595');
  t.match(b['notes'], /Numerator: all returns to any destination used as a proxy/, 'B notes say the numerator is a proxy');
  t.match(b['warnings'], /proxy-returns: Return rate uses all returns/, 'B carries its proxy warning');
  t.match(b['warnings'], /estimates: Some figures are estimates/, 'country-wide warnings on every row');
  const c = rows.find((r) => r['indicator'] === 'C')!;
  t.notMatch(c['warnings'], /proxy-returns/, "B's warning is not on C");
  t.equal(b['official_finding'], 'sufficient (report 5, data 2023, COM(2024) 1, adopted 2024-07-23)');

  // The same warning text is in the Markdown: the formats agree.
  t.match(renderMarkdown(report), /Warning \(proxy-returns, B\): Return rate uses all returns/);
});

/** The manifest's evidence mode (part of the content hash) is in every format's manifest, not only the JSON one. */
t.test('Markdown and HTML manifests name the evidence mode', async (t) => {
  const { renderHtml } = await import('../../../src/reports/render-html.js');
  for (const evidence of ['bounded', 'full'] as const) {
    const report = {
      manifest: { kind: 'annual-report', year: 2023, countries: [], asOf: '2026-01-01T00:00:00.000Z', position: 0, modelVersion: 1, evidence, projectionVersions: {}, reportFormatVersion: 3, contentHash: 'e'.repeat(64) },
      report: { title: 'Annual assessment 2023', year: 2023, referenceDate: '2023-12-31', disclaimer: 'test', countries: [] },
    } as unknown as AnnualReport;
    t.match(renderMarkdown(report), new RegExp(`\\| Evidence \\| ${evidence} \\(`), `Markdown: ${evidence}`);
    t.match(renderHtml(report), new RegExp(`<td>Evidence</td><td>${evidence} \\(`), `HTML: ${evidence}`);
  }
});
