import t, { type Test } from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CommandService } from '../../../src/commands/command-service.js';
import { isAppError } from '../../../src/errors/catalogue.js';
import {
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
        if (++calls === 5) throw new Error('disk full');
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
      dryRun: false,
    });
    t.fail('expected the import to fail');
  } catch (e) {
    t.match((e as Error).message, /^Recording stopped after 4 of 13 facts, at .*disk full\. Importing the same file again records the rest\./);
  }
  const rest = await importFile(eiordTsv(), { dataset: 'migr_eiord' });
  t.match(rest, { recorded: 9, unchanged: 4 });
  t.equal((await allEvents(store)).length, 13);
});
