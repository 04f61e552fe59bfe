/**
 * Concurrent requests for as-known-at views that are not cached yet: when each is answered, and
 * how the views were built. The event log is only read; the views go to a temporary directory.
 *   node --import tsx bench/tools/as-of-burst.ts <data dir> [--builds N|unbounded] [--countries ET,SO,TN,DZ] [--cutoffs 2019-06-30,...]
 * One country and several cutoffs: later builds can start from earlier views. Several countries and
 * one cutoff: every view is built from the first event.
 */
import { parseArgs } from 'node:util';
import { AsOfCache } from '../../src/as-of/view-cache.js';
import { openEventStore } from '../../src/store/open-event-store.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    builds: { type: 'string', default: '1' },
    countries: { type: 'string', default: 'ET' },
    cutoffs: { type: 'string', default: '2019-06-30,2020-06-30,2021-06-30,2022-06-30' },
  },
});
const dataDir = positionals[0];
if (!dataDir) throw new Error('usage: as-of-burst.ts <data dir> [--builds N|unbounded] [--countries ...] [--cutoffs ...]');
const countries = values.countries.split(',');
const cutoffs = values.cutoffs.split(',');
const requests = countries.length > 1 ? countries.map((country) => ({ country, asOf: cutoffs[0]! })) : cutoffs.map((asOf) => ({ country: countries[0]!, asOf }));
const builds = values.builds === 'unbounded' ? Number.POSITIVE_INFINITY : Number(values.builds);

const store = await openEventStore({ dataDir });
const cache = new AsOfCache(store, { maxConcurrentBuilds: builds });
try {
  const began = performance.now();
  const answered = await Promise.all(
    requests.map(async ({ country, asOf }) => {
      const view = await cache.view({ asOf, countries: [country] });
      try {
        view.readSide.scorecard(country, Number(asOf.slice(0, 4)) - 1, null);
        return `${country} as of ${asOf}: ${((performance.now() - began) / 1000).toFixed(1)} s`;
      } finally {
        await view.close();
      }
    }),
  );
  const s = cache.stats();
  console.log(`builds at once: ${values.builds}; total ${((performance.now() - began) / 1000).toFixed(1)} s`);
  for (const line of answered) console.log(`  ${line}`);
  console.log(`  views from the first event ${s.fromScratch}, from a cached view ${s.fromSnapshot}, equal to one ${s.aliases}; events folded ${s.eventsFolded}`);
} finally {
  await cache.close();
  await store.close();
}
