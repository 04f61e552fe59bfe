import fc from 'fast-check';
import t from 'tap';
import { StreamsReader } from '../../../src/as-of/streams-reader.js';
import { asOfStreams } from '../../../src/as-of/view-cache.js';
import { generatedStore } from './history.js';

t.test('StreamsReader hands out exactly the streams\' events after the given revisions up to the cutoff, in global order', async (t) => {
  const h = await generatedStore({ events: 1500, countries: ['ET', 'SO', 'TN'], years: 3, seed: 3 });
  t.teardown(() => h.close());
  const all = await h.store.readAll();
  const head = all[all.length - 1]!.position;
  await fc.assert(
    fc.asyncProperty(
      fc.subarray(['ET', 'SO', 'TN'], { minLength: 0 }),
      fc.integer({ min: 0, max: head + 5 }),
      fc.integer({ min: 0, max: head }),
      fc.integer({ min: 1, max: 700 }),
      async (countries, cutoff, resumeAt, chunk) => {
        const streams = asOfStreams(countries);
        // Resume after everything at or below `resumeAt` (what a cached view at that position has folded).
        const from: Record<string, number> = {};
        for (const e of all) if (streams.includes(e.streamId) && e.position <= Math.min(resumeAt, cutoff)) from[e.streamId] = e.streamRevision + 1;
        const want = all.filter((e) => streams.includes(e.streamId) && e.position <= cutoff && e.streamRevision >= (from[e.streamId] ?? 0)).map((e) => e.position);
        const reader = new StreamsReader(h.store, streams, from, cutoff);
        const got: number[] = [];
        for (;;) {
          const part = await reader.next(chunk);
          if (part.length > chunk) throw new Error('chunk too large');
          if (part.length === 0) break;
          got.push(...part.map((e) => e.position));
        }
        if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(`got ${got.length} events, want ${want.length}`);
        // The revisions to resume from: one past the last event handed out of each stream.
        const revisions = reader.revisions();
        for (const s of streams) {
          const last = all.filter((e) => e.streamId === s && e.position <= cutoff).at(-1);
          const expected = last ? last.streamRevision + 1 : 0;
          if ((revisions[s] ?? 0) !== Math.max(expected, from[s] ?? 0)) throw new Error(`revision of ${s}`);
        }
      },
    ),
    { numRuns: 60, seed: 7 },
  );
  t.pass('property held');
});

t.test('StreamsReader lets the event loop run between pages (the embedded store reads synchronously)', async (t) => {
  const h = await generatedStore({ events: 1500, countries: ['ET'], years: 2, seed: 5 });
  t.teardown(() => h.close());
  const reader = new StreamsReader(h.store, asOfStreams(['ET']), {}, Number.MAX_SAFE_INTEGER);
  let turns = 0;
  const tick = () => {
    turns++;
    if (!done) setImmediate(tick);
  };
  let done = false;
  setImmediate(tick);
  const events = await reader.next(1200);
  done = true;
  t.equal(events.length, 1200);
  t.ok(turns >= 3, `other callbacks ran while it read (${turns} turns)`);
});
