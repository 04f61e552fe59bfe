import t, { type Test } from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CommandService } from '../../../src/commands/command-service.js';
import { isAppError } from '../../../src/errors/catalogue.js';
import {
  checkWithCommands,
  loadCountryStatistics,
  recordWithCommands,
  runEurostatImport,
  type ImportOptions,
} from '../../../src/imports/eurostat/index.js';
import type { EventStore } from '../../../src/store/port.js';
import { openSqliteEventStore } from '../../../src/store/sqlite/index.js';
import { COUNTRIES, EIORD_TSV_COUNTS, eiordTsv, eirtnSdmxCsv } from '../../unit/imports/fixtures.js';

/** A real embedded store and command service in a temp directory. */
function openStore(t: Test) {
  const dir = mkdtempSync(join(tmpdir(), 'rcm-import-'));
  const store = openSqliteEventStore({ path: join(dir, 'events.sqlite') });
  const commands = new CommandService(store);
  t.teardown(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const importFile = (content: string | Buffer, options: ImportOptions, dryRun = false) =>
    runEurostatImport({
      input: [content],
      options,
      countries: COUNTRIES,
      loadFacts: (c) => loadCountryStatistics(store, c),
      record: recordWithCommands(commands, 'analyst-1'),
      check: checkWithCommands(commands),
      dryRun,
    });
  return { store, commands, importFile };
}

async function allEvents(store: EventStore) {
  return store.readAll();
}

t.test('a TSV import records facts with provenance, and a second import records nothing', async (t) => {
  const { store, importFile } = openStore(t);
  const first = await importFile(eiordTsv(), { dataset: 'migr_eiord' });
  t.match(first, { ...EIORD_TSV_COUNTS, dataset: 'migr_eiord', format: 'tsv', compressed: false, dryRun: false, lastUpdate: null });
  t.equal(first.changes.length, 13);
  t.ok(first.changes.every((c) => typeof c.eventId === 'string'), 'each change names its event');
  const events = await allEvents(store);
  t.equal(events.length, 13);
  const et2023 = events.find((e) => e.country === 'ET' && e.data['period'] === '2023')!;
  t.match(et2023, {
    type: 'ReturnDecisionsReported',
    streamId: 'country-ET',
    occurredOn: '2023-12-31',
    recordedBy: 'analyst-1',
    correlationId: first.correlationId,
    provenance: { sourceKind: 'eurostat', reference: 'migr_eiord, flags e', evidenceStatus: 'estimate' },
    data: { period: '2023', reportingScope: 'EU27_2020', count: 2020, dataset: 'migr_eiord', flags: 'e' },
  });

  const second = await importFile(eiordTsv(), { dataset: 'migr_eiord' });
  t.match(second, { recorded: 0, unchanged: 13, revised: 0, skipped: 17, changes: [] });
  t.equal((await allEvents(store)).length, 13, 're-import appends nothing');
});

t.test('a revised value is recorded as a correction of the earlier fact; history keeps both', async (t) => {
  const { store, importFile } = openStore(t);
  await importFile(eiordTsv(), { dataset: 'migr_eiord' });
  const original = (await store.readStream('country-ET')).find((e) => e.data['period'] === '2023')!;
  const revised = await importFile(eiordTsv({ et2023: '2035 ' }), { dataset: 'migr_eiord', lastUpdate: '2024-07-01' });
  t.match(revised, { recorded: 0, unchanged: 12, revised: 1 });
  t.match(revised.changes[0], { action: 'revise', country: 'ET', period: '2023', count: 2035, previousCount: 2020, correctedEventId: original.eventId });
  const et = await store.readStream('country-ET');
  t.equal(et.length, 4, 'three facts and one correction');
  t.match(et[3], {
    type: 'EntryCorrected',
    occurredOn: '2024-07-01',
    provenance: { sourceKind: 'eurostat', reference: 'migr_eiord (last update 2024-07-01)', evidenceStatus: 'confirmed' },
    data: { correctedEventId: original.eventId, data: { count: 2035, period: '2023' } },
  });
  t.match(et[2], { eventId: original.eventId, data: { count: 2020 } }, 'the original is still there');

  const again = await importFile(eiordTsv({ et2023: '2035 ' }), { dataset: 'migr_eiord', lastUpdate: '2024-07-01' });
  t.match(again, { recorded: 0, unchanged: 13, revised: 0 }, 'the corrected value is now the effective one');
  t.equal((await store.readStream('country-ET')).length, 4);
});

t.test('a malformed file records nothing, even when its error comes after valid lines', async (t) => {
  const { store, importFile } = openStore(t);
  const lines = eiordTsv().split('\n');
  lines[9] = 'A,TN,TOTAL,T,PER,EU27_2020\t19000 \t22OOO \t24000 ';
  try {
    await importFile(lines.join('\n'), { dataset: 'migr_eiord' });
    t.fail('expected the import to fail');
  } catch (e) {
    t.ok(isAppError(e));
    t.match((e as Error).message, /^Line 10: "22OOO" is not a number/);
  }
  t.equal(await store.headPosition(), 0, 'nothing recorded');
});

t.test('gzip-compressed SDMX-CSV of the returns dataset; dry run records nothing', async (t) => {
  const { store, importFile } = openStore(t);
  const dry = await importFile(gzipSync(eirtnSdmxCsv()), {}, true);
  t.match(dry, { dataset: 'migr_eirtn', format: 'sdmx-csv', compressed: true, lastUpdate: '2024-05-06', dryRun: true, recorded: 3 });
  t.ok(dry.changes.every((c) => c.eventId === undefined));
  t.equal(await store.headPosition(), 0, 'dry run: nothing recorded');
  const real = await importFile(gzipSync(eirtnSdmxCsv()), {});
  t.match(real, { recorded: 3, dryRun: false });
  const et = await store.readStream('country-ET');
  t.same(et.map((e) => [e.type, e.occurredOn, e.data['destination'], e.data['count']]), [
    ['ReturnsReported', '2024-05-06', 'all', 385],
    ['ReturnsReported', '2024-05-06', 'third-countries', 300],
  ]);
});

t.test('a file the store cannot take part-way says how far it got, and a re-import finishes the job', async (t) => {
  const { store, commands, importFile } = openStore(t);
  let calls = 0;
  const flaky = recordWithCommands(
    {
      record: async (input) => {
        // What better-sqlite3 throws when the disk is full.
        if (++calls === 5) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
        return commands.record(input);
      },
    },
    'analyst-1',
  );
  try {
    await runEurostatImport({
      input: [eiordTsv()],
      options: { dataset: 'migr_eiord' },
      countries: COUNTRIES,
      loadFacts: (c) => loadCountryStatistics(store, c),
      record: flaky,
      check: checkWithCommands(commands),
      dryRun: false,
    });
    t.fail('expected the import to fail');
  } catch (e) {
    t.match(e, { code: 'STORAGE_FULL', status: 507, message: /^Recording stopped after 4 of 13 facts, at .*: database or disk is full\. Importing the same file again records the rest\./ });
  }
  const rest = await importFile(eiordTsv(), { dataset: 'migr_eiord' });
  t.match(rest, { recorded: 9, unchanged: 4 });
  t.equal((await allEvents(store)).length, 13);
});

/** The AppError an import fails with. */
async function refusalOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (isAppError(e)) return e;
    throw e;
  }
  throw new Error('expected the import to be refused');
}

t.test('a fact the country rules refuse is reported by the dry run, and the import records nothing of the file', async (t) => {
  const { store, importFile } = openStore(t);
  const tsv = 'freq,unit,citizen,age,sex,geo\\TIME_PERIOD\t2019 \t2021 \nA,PER,TN,TOTAL,T,EU27_2020\t1000 \t2000 \n';
  const options = { dataset: 'migr_eiord', lastUpdate: '2020-01-01' };
  for (const dryRun of [true, false, false]) {
    const e = await refusalOf(importFile(tsv, options, dryRun));
    t.match(e, { code: 'STATISTICS_PERIOD_IN_FUTURE', status: 409 }, dryRun ? 'dry run' : 'import');
    t.match(e.message, /^1 of the 2 facts this file would record are refused by the country rules, so nothing was recorded: line 2 \(TN 2021\): .*2021 cannot be reported on 2020-01-01/);
    t.same(e.errors, [{ path: 'line 2', message: e.errors![0]!.message }]);
    t.match(e.errors![0]!.message, /^STATISTICS_PERIOD_IN_FUTURE: line 2 \(TN 2021\)/);
    t.equal(await store.headPosition(), 0, 'nothing recorded, not even the 2019 fact');
  }

  // SDMX-CSV: a period after the file's own LAST UPDATE.
  const csv = 'DATAFLOW,LAST UPDATE,freq,citizen,age,sex,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG\nESTAT:MIGR_EIORD(1.0),2024-06-11,A,ET,TOTAL,T,PER,EU27_2020,2099,455,\n';
  const dry = await refusalOf(importFile(csv, {}, true));
  t.match(dry, { code: 'STATISTICS_PERIOD_IN_FUTURE', message: /line 2 \(ET 2099\)/ });
  t.equal(await store.headPosition(), 0);
});

t.test('a revision the correction rules refuse is reported by the dry run too', async (t) => {
  const { store, importFile } = openStore(t);
  await importFile(eiordTsv(), { dataset: 'migr_eiord', lastUpdate: '2024-03-01' });
  const before = await store.headPosition();
  // The revised 2023 figure would be dated before 2023 began: the corrected fact would break the rule.
  const e = await refusalOf(importFile(eiordTsv({ et2023: '2035 ' }), { dataset: 'migr_eiord', lastUpdate: '2022-06-01' }, true));
  t.match(e, { code: 'CORRECTION_BREAKS_HISTORY', status: 409, message: /line 3 \(ET 2023\)/ });
  const real = await refusalOf(importFile(eiordTsv({ et2023: '2035 ' }), { dataset: 'migr_eiord', lastUpdate: '2022-06-01' }));
  t.equal(real.code, 'CORRECTION_BREAKS_HISTORY');
  t.equal(await store.headPosition(), before, 'nothing recorded');
});

t.test('a refusal that only recording meets (the history changed after the check) says truthfully what was recorded', async (t) => {
  const { store, commands } = openStore(t);
  const tsv = 'freq,unit,citizen,age,sex,geo\\TIME_PERIOD\t2019 \t2021 \nA,PER,TN,TOTAL,T,EU27_2020\t1000 \t2000 \n';
  const run = (check: Parameters<typeof runEurostatImport>[0]['check']) =>
    runEurostatImport({
      input: [tsv],
      options: { dataset: 'migr_eiord', lastUpdate: '2020-01-01' },
      countries: COUNTRIES,
      loadFacts: (c) => loadCountryStatistics(store, c),
      record: recordWithCommands(commands, 'analyst-1'),
      check,
      dryRun: false,
    });
  // A check that saw a state in which everything was allowed.
  const e = await refusalOf(run(async () => []));
  t.equal(e.code, 'STATISTICS_PERIOD_IN_FUTURE');
  t.match(e.message, /^Recording stopped after 1 of 2 facts, at TN 2021 \(line 2\): .*\. The 1 facts before it are recorded, the rest are not/);
  t.notMatch(e.message, /records the rest\./, 'no promise that importing again records the rest');
  t.equal(await store.headPosition(), 1);
  // What importing again does, as the message says: the recorded fact is unchanged, the refusal comes first, nothing more is recorded.
  const again = await refusalOf(run(checkWithCommands(commands)));
  t.match(again, { code: 'STATISTICS_PERIOD_IN_FUTURE', message: /^1 of the 1 facts this file would record are refused/ });
  t.equal(await store.headPosition(), 1);
});

t.test('an import whose answer can no longer be delivered stops, and records nothing', async (t) => {
  const { store, commands } = openStore(t);
  const gone = new AbortController();
  const e = await refusalOf(
    runEurostatImport({
      input: [eiordTsv()],
      options: { dataset: 'migr_eiord' },
      countries: COUNTRIES,
      loadFacts: (c) => loadCountryStatistics(store, c),
      record: recordWithCommands(commands, 'analyst-1'),
      // The client goes away while the plan is being checked.
      check: async (country, changes) => {
        gone.abort();
        return checkWithCommands(commands)(country, changes);
      },
      dryRun: false,
      signal: gone.signal,
    }),
  );
  t.match(e.message, /connection closed before the import was answered; nothing was recorded/);
  t.equal(await store.headPosition(), 0);
});
