import t from 'tap';
import { randomUUID } from 'node:crypto';
import {
  effectiveStatistics,
  ImportPlanner,
  observationsOf,
  openEurostat,
  resolveImport,
  type FactIndex,
  type ImportOptions,
  type PlannedChange,
} from '../../../src/imports/eurostat/index.js';
import { isAppError } from '../../../src/errors/catalogue.js';
import { COUNTRIES, EIORD_TSV_COUNTS, eiord1SdmxCsv, eiordTsv, eirtnSdmxCsv } from './fixtures.js';

type Existing = Record<string, FactIndex>;

async function plan(content: string, options: ImportOptions, existing: Existing = {}) {
  const file = await openEurostat([content]);
  const planner = new ImportPlanner(resolveImport(file.header, options), {
    countries: COUNTRIES,
    existing: (c) => existing[c] ?? new Map(),
    correlationId: 'eurostat-import-test',
  });
  for await (const o of observationsOf(file)) planner.add(o);
  return planner.finish();
}

/** The facts a plan would leave in the country streams, as stored events. */
function asStored(changes: PlannedChange[]): Existing {
  const byCountry: Record<string, { eventId: string; type: string; occurredOn: string; data: Record<string, unknown> }[]> = {};
  for (const c of changes) (byCountry[c.country] ??= []).push({ eventId: randomUUID(), type: c.command.type, occurredOn: c.command.occurredOn, data: c.command.data });
  return Object.fromEntries(Object.entries(byCountry).map(([k, events]) => [k, effectiveStatistics(events)]));
}

async function rejection(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return e.message;
    throw e;
  }
  throw new Error('expected a rejection');
}

t.test('TSV summary counts: recorded, skipped by reason, filtered by dimension', async (t) => {
  const p = await plan(eiordTsv(), { dataset: 'migr_eiord' });
  t.same(p.counts, EIORD_TSV_COUNTS);
  t.same(p.run.filters, { age: 'TOTAL', sex: 'T', unit: 'PER' }, 'defaults are the totals of the dimensions the file has');
  t.equal(p.run.freq, 'A');
  t.same(
    p.changes.map((c) => `${c.country} ${c.period} ${c.count}`).sort(),
    ['DZ 2021 31565', 'DZ 2022 32050', 'DZ 2023 30875', 'ET 2021 1395', 'ET 2022 1475', 'ET 2023 2020', 'SO 2023 880',
      'TN 2021 19000', 'TN 2022 22000', 'TN 2023 24000', 'TR 2021 19850', 'TR 2022 24285', 'TR 2023 31500'].sort(),
  );
});

t.test('the recorded commands: data, provenance from the flags, occurredOn at the end of the period', async (t) => {
  const p = await plan(eiordTsv(), { dataset: 'migr_eiord' });
  const find = (country: string, period: string) => p.changes.find((c) => c.country === country && c.period === period)!;
  t.same(find('ET', '2021').command, {
    type: 'ReturnDecisionsReported',
    occurredOn: '2021-12-31',
    data: { period: '2021', reportingScope: 'EU27_2020', count: 1395, dataset: 'migr_eiord' },
    provenance: {
      sourceKind: 'eurostat',
      reference: 'migr_eiord',
      url: 'https://ec.europa.eu/eurostat/databrowser/view/migr_eiord/default/table',
      classification: 'public',
      evidenceStatus: 'confirmed',
    },
    correlationId: 'eurostat-import-test',
  });
  t.equal(find('ET', '2021').family, 'statistics');
  t.match(find('ET', '2023').command, { data: { count: 2020, flags: 'e' }, provenance: { evidenceStatus: 'estimate', reference: 'migr_eiord, flags e' } });
  t.match(find('DZ', '2023').command, { data: { flags: 'p' }, provenance: { evidenceStatus: 'reported' } });
  t.match(find('SO', '2023').command, { data: { flags: 'u' }, provenance: { evidenceStatus: 'reported' } });
});

t.test('a last update given for a TSV dates the facts and is kept as extractedOn', async (t) => {
  const p = await plan(eiordTsv(), { dataset: 'migr_eiord', lastUpdate: '2024-05-06' });
  t.match(p.changes[0]!.command, {
    occurredOn: '2024-05-06',
    data: { extractedOn: '2024-05-06' },
    provenance: { reference: 'migr_eiord (last update 2024-05-06)' },
  });
});

t.test('re-planning the same file against what it recorded: everything unchanged', async (t) => {
  const first = await plan(eiordTsv(), { dataset: 'migr_eiord' });
  const again = await plan(eiordTsv(), { dataset: 'migr_eiord' }, asStored(first.changes));
  t.equal(again.changes.length, 0);
  t.equal(again.counts.unchanged, 13);
  t.equal(again.counts.recorded, 0);
  t.equal(again.counts.skipped, 17);
});

t.test('a revised value becomes a correction of the earlier fact, with the full corrected data', async (t) => {
  const first = await plan(eiordTsv(), { dataset: 'migr_eiord' });
  const existing = asStored(first.changes);
  const earlier = existing['ET']!.get('ReturnDecisionsReported|migr_eiord|2023|EU27_2020')!;
  const revised = await plan(eiordTsv({ et2023: '2035 ' }), { dataset: 'migr_eiord', lastUpdate: '2024-07-01' }, existing);
  t.match(revised.counts, { recorded: 0, unchanged: 12, revised: 1 });
  const change = revised.changes[0]!;
  t.match(change, { action: 'revise', family: 'corrections', country: 'ET', period: '2023', count: 2035, previousCount: 2020, correctedEventId: earlier.eventId, line: 3 });
  t.same(change.command.data, {
    correctedEventId: earlier.eventId,
    reason: 'Eurostat revision: migr_eiord (last update 2024-07-01) reports 2035 for 2023, previously 2020 (flags e) (file line 3)',
    data: { period: '2023', reportingScope: 'EU27_2020', count: 2035, dataset: 'migr_eiord', extractedOn: '2024-07-01' },
    occurredOn: '2024-07-01',
  });
  t.match(change.command, { type: 'EntryCorrected', occurredOn: '2024-07-01', provenance: { evidenceStatus: 'confirmed' } });
});

t.test('a flag-only change (provisional becomes final) is a revision too', async (t) => {
  const first = await plan(eiordTsv(), { dataset: 'migr_eiord' });
  const final = await plan(eiordTsv({ et2023: '2020 ' }), { dataset: 'migr_eiord' }, asStored(first.changes));
  t.equal(final.counts.revised, 1);
  t.equal(final.changes[0]!.command.provenance.evidenceStatus, 'confirmed');
});

t.test('filters can be overridden; geo and freq options select the scope', async (t) => {
  const girls = await plan(eiordTsv(), { dataset: 'migr_eiord', filters: { sex: 'F' } });
  t.same(girls.changes.map((c) => `${c.country} ${c.period} ${c.count}`), ['ET 2021 200', 'ET 2022 210', 'ET 2023 230']);
  const nl = await plan(eiordTsv(), { dataset: 'migr_eiord', geo: 'NL' });
  t.same(nl.changes.map((c) => `${c.period} ${c.count} ${String(c.command.data['reportingScope'])}`), ['2022 120 NL', '2023 135 NL']);
  t.equal(nl.counts.skippedByReason['filtered-out'], 27);
  const quarterly = await plan(eiordTsv(), { dataset: 'migr_eiord', freq: 'Q' });
  t.equal(quarterly.counts.filteredOutBy['freq'], 30, 'an annual file has nothing quarterly');
});

t.test('returns dataset from SDMX-CSV: destination breakdown mapped, last update dates the facts', async (t) => {
  const p = await plan(eirtnSdmxCsv(), {});
  t.equal(p.run.dataset, 'migr_eirtn', 'dataset inferred from DATAFLOW');
  t.same(p.counts.skippedByReason, { 'not-available': 0, confidential: 1, 'aggregate-citizen': 1, 'country-not-configured': 1, 'filtered-out': 2 });
  t.same(p.counts.filteredOutBy, { 'c_dest=EU27_2020': 1, geo: 1 });
  t.same(
    p.changes.map((c) => [c.country, c.command.type, c.command.data['destination'], c.command.data['returnType'], c.count, c.command.occurredOn]),
    [
      ['ET', 'ReturnsReported', 'all', 'all', 385, '2024-05-06'],
      ['ET', 'ReturnsReported', 'third-countries', 'all', 300, '2024-05-06'],
      ['TN', 'ReturnsReported', 'all', 'all', 2855, '2024-05-06'],
    ],
  );
  t.equal(p.changes[1]!.command.provenance.reference, 'migr_eirtn (last update 2024-05-06), flags p');
});

t.test('quarterly dataset: frequency Q by default, quarters as periods', async (t) => {
  const p = await plan(eiord1SdmxCsv(), {});
  t.equal(p.run.freq, 'Q');
  t.same(p.changes.map((c) => [c.period, c.command.type, c.command.data['dataset']]), [
    ['2023-Q1', 'ReturnDecisionsReported', 'migr_eiord1'],
    ['2023-Q2', 'ReturnDecisionsReported', 'migr_eiord1'],
  ]);
});

t.test('options are checked against the file', async (t) => {
  t.match(await rejection(plan(eiordTsv(), {})), /does not name its dataset: pass the dataset code/);
  t.match(await rejection(plan(eirtnSdmxCsv(), { dataset: 'migr_eiord' })), /holds dataset migr_eirtn \(DATAFLOW\), not migr_eiord/);
  t.match(await rejection(plan(eiordTsv(), { dataset: 'migr_asyappctza' })), /migr_asyappctza is not imported/);
  t.match(await rejection(plan(eiordTsv(), { dataset: 'migr_eiord', filters: { c_dest: 'THRD' } })), /no "c_dest" dimension/);
  t.match(await rejection(plan(eiordTsv(), { dataset: 'migr_eiord', filters: { citizen: 'ET' } })), /Filter on "citizen" is not allowed/);
  t.match(await rejection(plan(eiordTsv(), { dataset: 'migr_eiord', geo: 'Europe' })), /not a Member State code/);
  t.match(await rejection(plan('freq,age,geo\\TIME_PERIOD\t2023 \nA,TOTAL,NL\t5 \n', { dataset: 'migr_eiord' })), /no "citizen" dimension/);
});

t.test('a breakdown the filters do not pin down is refused with both lines, not guessed', async (t) => {
  const tsv = 'freq,citizen,reason,geo\\TIME_PERIOD\t2023 \nA,ET,TOTAL,EU27_2020\t1395 \nA,ET,OTH,EU27_2020\t15 \n';
  t.match(await rejection(plan(tsv, { dataset: 'migr_eiord' })), /^Line 3: citizen ET, period 2023 gives the same fact as line 2 \(they differ in reason\); choose one with a filter such as reason=TOTAL/);
  const ok = await plan(tsv, { dataset: 'migr_eiord', filters: { reason: 'TOTAL' } });
  t.same(ok.changes.map((c) => c.count), [1395]);
});

t.test('a value that is not a whole number of persons names its line', async (t) => {
  const tsv = 'freq,citizen,geo\\TIME_PERIOD\t2023 \nA,ET,EU27_2020\t12.5 \n';
  t.match(await rejection(plan(tsv, { dataset: 'migr_eiord' })), /^Line 2: count: Expected a whole number/);
});

t.test('a dimension named like an Object.prototype member is counted like any other', async (t) => {
  const tsv = 'freq,citizen,age,sex,unit,geo,constructor\\TIME_PERIOD\t2022 \nA,ET,TOTAL,T,PER,EU27_2020,y\t5 \nA,TN,TOTAL,T,PER,EU27_2020,x\t7 \n';
  const p = await plan(tsv, { dataset: 'migr_eiord', filters: { constructor: 'x' } });
  t.same(p.counts.filteredOutBy, { constructor: 1 });
  t.same(p.changes.map((c) => `${c.country} ${c.count}`), ['TN 7']);
  const eirtn = 'freq,citizen,age,sex,unit,c_dest,geo\\TIME_PERIOD\t2022 \nA,ET,TOTAL,T,PER,constructor,EU27_2020\t5 \n';
  const dest = await plan(eirtn, { dataset: 'migr_eirtn' });
  t.same(dest.counts.filteredOutBy, { 'c_dest=constructor': 1 }, 'an unknown destination code is filtered out, not mapped');
});
