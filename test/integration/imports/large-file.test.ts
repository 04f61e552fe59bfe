import t from 'tap';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CommandService } from '../../../src/commands/command-service.js';
import { checkWithCommands, loadCountryStatistics, recordWithCommands, runEurostatImport } from '../../../src/imports/eurostat/index.js';
import { openSqliteEventStore } from '../../../src/store/sqlite/index.js';
import { COUNTRIES, writeLargeTsv } from '../../unit/imports/fixtures.js';

// A collector we can call, so heap samples measure what is retained, not garbage awaiting collection.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const retainedHeap = () => {
  gc();
  return process.memoryUsage().heapUsed;
};
const MB = 1024 * 1024;

t.test('a whole-dataset sized gzip file (300,000 observations) is imported in bounded memory', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rcm-large-'));
  const store = openSqliteEventStore({ path: join(dir, 'events.sqlite') });
  t.teardown(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const file = join(dir, 'migr_eiord.tsv.gz');
  const total = await writeLargeTsv(file, { series: 20_000, periods: 15, gzip: true });
  t.equal(total, 300_000);

  const baseline = retainedHeap();
  const samples: { observations: number; heap: number }[] = [];
  const commands = new CommandService(store);
  const summary = await runEurostatImport({
    input: createReadStream(file),
    options: { dataset: 'migr_eiord' },
    countries: COUNTRIES,
    loadFacts: (c) => loadCountryStatistics(store, c),
    record: recordWithCommands(commands, 'analyst-1'),
    check: checkWithCommands(commands),
    dryRun: false,
    progressEvery: 25_000,
    onProgress: (observations) => samples.push({ observations, heap: retainedHeap() - baseline }),
  });

  t.equal(summary.observations, 300_000);
  t.equal(summary.recorded + summary.unchanged + summary.revised + summary.skipped, 300_000, 'every observation is accounted for');
  t.ok(summary.recorded > 50 && summary.recorded <= 75, `5 countries x 15 years, less the ":" cells (${summary.recorded})`);
  t.equal((await store.readAll()).length, summary.recorded);

  const peak = Math.max(...samples.map((s) => s.heap));
  const early = samples.find((s) => s.observations === 50_000)!.heap;
  const late = samples.find((s) => s.observations === 300_000)!.heap;
  t.comment(
    `file ${(statSync(file).size / MB).toFixed(1)} MB gzip; retained heap above baseline: ` +
      `at 50k ${(early / MB).toFixed(2)} MB, at 300k ${(late / MB).toFixed(2)} MB, peak ${(peak / MB).toFixed(2)} MB ` +
      `(rss ${(process.memoryUsage().rss / MB).toFixed(0)} MB)`,
  );
  // Holding the observations would retain well over 50 MB (300,000 objects with their dimension
  // maps); streaming retains only the plan, whatever the file size.
  t.ok(peak < 16 * MB, `retained heap stays small (${(peak / MB).toFixed(2)} MB)`);
  t.ok(late - early < 4 * MB, `reading 250,000 more observations retains almost nothing (${((late - early) / MB).toFixed(2)} MB)`);
});
