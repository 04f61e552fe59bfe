/**
 * Times the embedded store's event reads on a log file, as the service makes them: one country
 * stream in pages of 2,000 (a first command without a kept state, a correction), and the whole log
 * in global order (`iterateAll`: a rebuild in one thread, an as-of build). Prints each round's ms;
 * the first round warms the page cache and is not counted.
 *   node --import tsx bench/tools/read-events.ts <events.sqlite> [--stream country-ET] [--rounds 5] [--all]
 * Opens the file read-write (the store migrates it): use a copy of a bench log.
 */
import { parseArgs } from 'node:util';
import { openSqliteEventStore } from '../../src/store/sqlite/index.js';
import { streamPages } from '../../src/store/stream-pages.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { stream: { type: 'string', default: 'country-ET' }, rounds: { type: 'string', default: '5' }, all: { type: 'boolean', default: false } },
});
const path = positionals[0];
if (!path) throw new Error('usage: read-events.ts <events.sqlite> [--stream country-ET] [--rounds 5] [--all]');
const store = openSqliteEventStore({ path });

async function timed(label: string, read: () => Promise<number>): Promise<void> {
  const times: number[] = [];
  let events = 0;
  for (let round = 0; round <= Number(values.rounds); round++) {
    const started = performance.now();
    events = await read();
    if (round > 0) times.push(performance.now() - started);
  }
  console.log(`${label}: ${events.toLocaleString('en')} events, ms per round: ${times.map((ms) => ms.toFixed(0)).join(' ')}`);
}

try {
  await timed(`${values.stream} in pages of 2,000`, async () => {
    let n = 0;
    for await (const page of streamPages(store, values.stream, { fromRevision: 0, pageSize: 2000 })) n += page.length;
    return n;
  });
  if (values.all) {
    await timed('iterateAll', async () => {
      let n = 0;
      for (const e of store.iterateAll(1)) n += e.position > 0 ? 1 : 0;
      return n;
    });
  }
} finally {
  await store.close();
}
