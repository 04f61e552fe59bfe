import t from 'tap';
import { importQuery, parseCliArgs } from '../../../src/imports/eurostat/cli-args.js';
import { summaryText } from '../../../src/imports/eurostat/summary-text.js';
import type { EurostatImportSummary } from '../../../contracts/index.js';

t.test('command-line options', async (t) => {
  const args = parseCliArgs(['--file', 'dl/migr_eirtn1.tsv.gz', '--geo', 'NL', '--filter', 'sex=F', '--filter', 'c_dest=THRD', '--dry-run'], {});
  t.not(args, 'help');
  if (args === 'help') return;
  t.same(args.options, { dataset: undefined, datasetHint: 'migr_eirtn1', geo: 'NL', freq: undefined, filters: { sex: 'F', c_dest: 'THRD' }, lastUpdate: undefined });
  t.equal(args.dryRun, true);
  t.equal(args.remote, undefined, 'no url: the embedded store');
  t.equal(importQuery(args.options, args.dryRun), 'datasetHint=migr_eirtn1&geo=NL&filter=sex%3DF&filter=c_dest%3DTHRD&dryRun=true');

  const remote = parseCliArgs(['--file', 'x.csv'], { RCM_URL: 'http://127.0.0.1:8080/', RCM_TOKEN: 'tok' });
  t.same(remote !== 'help' && remote.remote, { url: 'http://127.0.0.1:8080', token: 'tok' });
  t.equal(parseCliArgs(['--help'], {}), 'help');
  t.throws(() => parseCliArgs([], {}), /--file is required/);
  t.throws(() => parseCliArgs(['--file', 'x', '--freq', 'M'], {}), /--freq must be A or Q/);
  t.throws(() => parseCliArgs(['--file', 'x', '--url', 'http://127.0.0.1:1'], {}), /go together/);
  t.throws(() => parseCliArgs(['--file', 'x', '--filter', 'sex'], {}), /not of the form dimension=value/);
  t.throws(() => parseCliArgs(['--file', 'x', '--bogus'], {}), /Unknown option '--bogus'/);
});

t.test('summary text', async (t) => {
  const s: EurostatImportSummary = {
    dataset: 'migr_eiord', format: 'tsv', compressed: true, lastUpdate: '2024-07-01', geo: 'EU27_2020', freq: 'A',
    filters: { age: 'TOTAL' }, dryRun: false, correlationId: 'eurostat-import-1', observations: 30, recorded: 0,
    unchanged: 12, revised: 1, skipped: 17,
    skippedByReason: { 'not-available': 1, confidential: 0, 'aggregate-citizen': 3, 'country-not-configured': 3, 'filtered-out': 10 },
    filteredOutBy: { geo: 3, age: 7 },
    changes: [{ action: 'revise', country: 'ET', period: '2023', count: 2035, flags: '', line: 3, previousCount: 2020 }],
  };
  const text = summaryText(s);
  t.match(text, /^migr_eiord \(TSV, gzip\), last update 2024-07-01, geo EU27_2020, freq A, filters age=TOTAL\n/);
  t.match(text, /observations read\s+30\n/);
  t.match(text, /revised \(corrected\)\s+1\n/);
  t.notMatch(text, /confidential/, 'reasons with no observations are left out');
  t.match(text, /by geo 3, age 7/);
  t.match(text, /revise ET 2023\s+2035 \(was 2020\)  line 3/);
  t.match(summaryText({ ...s, dryRun: true }), /Dry run: nothing was recorded\.\n$/);
});
