/**
 * Times the read side's hot queries on an existing, caught-up pair of files (event store + read
 * models, as left by scripts/rebuild.ts): scorecard (year and quarter), profile and a timeline page,
 * per country, in a loop. Prints p50/p99 in ms per query. Compare a 10k-event history with a 1M one.
 *
 *   node --import tsx scripts/query-probe.ts --events tmp/rebuild/h1m.sqlite --read-models tmp/rebuild/rm.sqlite \
 *     [--year 2022] [--rounds 30] [--countries ET,SO,...]
 */
import { parseArgs } from 'node:util';
import { openReadModelDb } from '../src/projection-runtime/read-model-db.js';
import { ReadSide } from '../src/projection-runtime/read-side.js';
import { ProjectionRunner } from '../src/projection-runtime/runner.js';
import { allProjections } from '../projections/index.js';
import { openSqliteEventStore } from '../src/store/sqlite/index.js';
import { DEFAULT_COUNTRIES } from './generate-history.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string' },
    'read-models': { type: 'string' },
    year: { type: 'string', default: '2022' },
    rounds: { type: 'string', default: '30' },
    countries: { type: 'string' },
  },
});
if (!values.events || !values['read-models']) throw new Error('usage: query-probe.ts --events <file> --read-models <file>');

const store = openSqliteEventStore({ path: values.events });
const db = openReadModelDb(values['read-models']);
const runner = new ProjectionRunner({ store, db, projections: allProjections });
await runner.start();
const countries = values.countries ? values.countries.split(',') : DEFAULT_COUNTRIES;
const readSide = new ReadSide(db, runner, { countries, today: () => '2025-12-31' });
const year = Number(values.year);
const rounds = Number(values.rounds);

const queries: Record<string, (c: string) => unknown> = {
  'scorecard year': (c) => readSide.scorecard(c, year, null),
  'scorecard quarter': (c) => readSide.scorecard(c, year, 2),
  // The annual report's variant (every evidence id): exempt from the latency target, shown for comparison.
  'scorecard year full': (c) => readSide.scorecard(c, year, null, undefined, { evidence: 'full' }),
  profile: (c) => readSide.profile(c),
  'timeline page (50)': (c) => readSide.timeline(c, { limit: 50, from: `${year}-01-01` }),
};

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
for (const [name, q] of Object.entries(queries)) {
  for (let r = 0; r < 10; r++) for (const c of countries) q(c); // warm-up: statements prepared, pages cached, code compiled (one pass left JIT pauses in p99)
  const ms: number[] = [];
  let size = 0;
  for (let r = 0; r < rounds; r++)
    for (const c of countries) {
      const t0 = process.hrtime.bigint();
      const out = q(c);
      ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (r === 0) size += JSON.stringify(out).length;
    }
  ms.sort((a, b) => a - b);
  process.stdout.write(`${name.padEnd(20)} p50 ${pct(ms, 50).toFixed(2)} ms  p99 ${pct(ms, 99).toFixed(2)} ms  (n=${ms.length}, mean answer ${Math.round(size / countries.length).toLocaleString('en')} bytes)\n`);
}
await runner.stop();
db.close();
await store.close();
