import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Test } from 'tap';
import { allProjections } from '../../../projections/index.js';
import type { Projection } from '../../../projections/types.js';
import { openScratchAsOfView } from '../../../src/as-of/as-of-read-side.js';
import { AsOfCache, type AsOfCacheOptions } from '../../../src/as-of/view-cache.js';
import type { SqliteEventStore } from '../../../src/store/sqlite/sqlite-event-store.js';
import { answers, generatedStore } from './history.js';

const COUNTRIES = ['ET', 'SO'];
const YEARS = [2021, 2022, 2023, 2024];

/**
 * The as-of cache's behaviour, with views folded in the calling thread or (`inWorker`) in a worker
 * thread reading the log file: view-cache.test.ts and view-cache-worker.test.ts.
 */
export async function viewCacheSuite(t: Test, inWorker: boolean): Promise<void> {
  const h = await generatedStore({ events: 2500, countries: COUNTRIES, years: 4 });
  t.teardown(() => h.close());
  const newCache = (options: AsOfCacheOptions, store: SqliteEventStore = h.store) => new AsOfCache(store, { ...options, ...(inWorker ? { eventsPath: store.path } : {}) });
  const n = h.recordedAt.length;
  const types = new Set((await h.store.readAll()).map((e) => e.type));
  t.ok(types.has('EntryCorrected') && types.has('EntryRetracted'), 'the history holds corrections and retractions');

  // Reference answers: a scratch in-memory view built from the first event (memoised per cutoff).
  const reference = new Map<string, string>();
  const scratch = async (country: string, asOf: string, projections: readonly Projection[] = allProjections) => {
    const key = `${country}|${asOf}|${projections.map((p) => p.version).join()}`;
    let a = reference.get(key);
    if (a === undefined) {
      const v = await openScratchAsOfView(h.store, { asOf, countries: [country], projections });
      a = answers(v, country, YEARS);
      await v.close();
      reference.set(key, a);
    }
    return a;
  };
  const cached = async (cache: AsOfCache, country: string, asOf: string, projections?: readonly Projection[]) => {
    const v = await cache.view({ asOf, countries: [country], ...(projections ? { projections } : {}) });
    try {
      return answers(v, country, YEARS);
    } finally {
      await v.close();
    }
  };
  // A cutoff at an event's own recordedAt (its position and any recorded in the same millisecond).
  const at = (i: number) => h.recordedAt[Math.max(0, Math.min(n - 1, i))]!;

  await t.test('answers from snapshots equal answers built from scratch, for many cutoffs (incl. across corrections)', async (t) => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 100, max: 400 }),
        fc.constantFrom(...COUNTRIES),
        async (cutoffs, snapshotEvery, country) => {
          const cache = newCache({ maxBytes: 64 * 1024 * 1024, snapshotEvery });
          try {
            for (const i of cutoffs) {
              const got = await cached(cache, country, at(i));
              const want = await scratch(country, at(i));
              if (got !== want) throw new Error(`cutoff ${at(i)} (event ${i}) differs from scratch`);
            }
            // Asked again: the same bytes, now from the cached view.
            for (const i of cutoffs) if ((await cached(cache, country, at(i))) !== (await scratch(country, at(i)))) throw new Error('second answer differs');
          } finally {
            await cache.close();
          }
        },
      ),
      // A worker's build starts a thread (~0.1-0.3 s): fewer runs there.
      { numRuns: inWorker ? 4 : 12, seed: 20261128 },
    );
    t.pass('property held');
  });

  await t.test('cutoffs before the first event and after the last; a date and the same instant as a date-time', async (t) => {
    const cache = newCache({ maxBytes: 64 * 1024 * 1024, snapshotEvery: 300 });
    t.teardown(() => cache.close());
    for (const asOf of ['2001-01-01', at(n - 1), '2030-01-01', at(n >> 1)]) {
      t.equal(await cached(cache, 'ET', asOf), await scratch('ET', asOf), asOf);
    }
    const day = at(n >> 2).slice(0, 10);
    t.equal(await cached(cache, 'SO', day), await scratch('SO', day), 'a date: end of that day');
    t.equal(await cached(cache, 'SO', `${day}T23:59:59.999Z`), await scratch('SO', day), 'the same instant as a date-time');
  });

  await t.test('a later cutoff continues from a snapshot; a cutoff with nothing new reuses the view', async (t) => {
    const cache = newCache({ maxBytes: 64 * 1024 * 1024, snapshotEvery: 200 });
    t.teardown(() => cache.close());
    await cached(cache, 'ET', at(n - 1));
    const first = cache.stats();
    t.equal(first.fromScratch, 1);
    t.ok(first.snapshotsTaken >= 3, `copies kept while building (${first.snapshotsTaken})`);
    t.equal(await cached(cache, 'ET', at(n >> 1)), await scratch('ET', at(n >> 1)));
    const second = cache.stats();
    t.equal(second.fromScratch, 1, 'no second build from the first event');
    t.ok(second.fromSnapshot + second.aliases >= 1, 'built from (or equal to) a snapshot');
    t.ok(second.eventsFolded - first.eventsFolded <= 200 * 3, `folded only the events after the snapshot (${second.eventsFolded - first.eventsFolded})`);
    await cached(cache, 'ET', at(n >> 1));
    t.equal(cache.stats().hits, second.hits + 1, 'the same cutoff again: a hit');
    // The same position asked through another instant (the next millisecond): no new build.
    const later = new Date(Date.parse(at(n - 1)) + 1).toISOString();
    t.equal(await cached(cache, 'ET', later), await scratch('ET', later));
    t.equal(cache.stats().fromScratch + cache.stats().fromSnapshot, second.fromScratch + second.fromSnapshot, 'no build for a cutoff with no new event');
  });

  await t.test('concurrent identical requests share one build', async (t) => {
    const cache = newCache({ maxBytes: 64 * 1024 * 1024, snapshotEvery: 10_000 });
    t.teardown(() => cache.close());
    const results = await Promise.all(Array.from({ length: 5 }, () => cached(cache, 'SO', at(n - 10))));
    t.equal(new Set(results).size, 1, 'the same answer');
    t.equal(results[0], await scratch('SO', at(n - 10)));
    t.equal(cache.stats().fromScratch, 1, 'one build');
    t.equal(cache.stats().fromSnapshot, 0);
  });

  await t.test('concurrent requests for other cutoffs wait for a build slot and then start from the views built before them', async (t) => {
    const cutoffs = [at(n >> 2), at(n >> 1), at(n - 1)];
    const burst = async (maxConcurrentBuilds: number) => {
      const cache = newCache({ maxBytes: 64 * 1024 * 1024, snapshotEvery: 10_000, maxConcurrentBuilds });
      t.teardown(() => cache.close());
      const results = await Promise.all(cutoffs.map((c) => cached(cache, 'ET', c)));
      for (const [i, c] of cutoffs.entries()) t.equal(results[i], await scratch('ET', c), `${maxConcurrentBuilds} slot(s), as of ${c}`);
      return cache.stats();
    };
    const one = await burst(1);
    t.equal(one.fromScratch, 1, 'one slot: one build from the first event');
    t.equal(one.fromSnapshot + one.aliases, 2, 'the others from the view built before them');
    const unbounded = await burst(Number.POSITIVE_INFINITY);
    t.equal(unbounded.fromScratch, 3, 'without a bound every cutoff is folded from the first event at once');
    t.ok(one.eventsFolded < unbounded.eventsFolded, `events folded: ${one.eventsFolded} against ${unbounded.eventsFolded}`);
  });

  await t.test('the byte bound is honoured; answers stay right while views are evicted', async (t) => {
    const probe = newCache({ maxBytes: 1024 * 1024 * 1024, snapshotEvery: 10_000 });
    await cached(probe, 'ET', at(n - 1));
    const full = probe.stats().bytes;
    await probe.close();
    const maxBytes = Math.floor(full * 2.5);
    const cache = newCache({ maxBytes, snapshotEvery: 150 });
    t.teardown(() => cache.close());
    const dir = (cache as unknown as { dir: string }).dir;
    for (const i of [n - 1, 100, n >> 1, n - 400, 1200, n - 1, 50, 1800]) {
      for (const c of COUNTRIES) t.equal(await cached(cache, c, at(i)), await scratch(c, at(i)), `${c} at event ${i}`);
      const s = cache.stats();
      t.ok(s.bytes <= maxBytes, `${s.bytes} bytes <= ${maxBytes}`);
      const files = readdirSync(dir).filter((f) => f.endsWith('.sqlite'));
      t.equal(files.length, s.entries, 'one file per cached view, evicted ones deleted');
    }
    t.ok(cache.stats().evictions > 0, `evicted ${cache.stats().evictions}`);
  });

  await t.test('intermediate copies are evicted before views that requests asked for', async (t) => {
    const probe = newCache({ maxBytes: 1024 * 1024 * 1024, snapshotEvery: 10_000 });
    await cached(probe, 'ET', at(n - 1));
    await cached(probe, 'SO', at(n - 1));
    const views = probe.stats().bytes;
    await probe.close();
    // Room for both views and a little more: building SO's view leaves copies that must go first.
    const cache = newCache({ maxBytes: Math.floor(views * 1.2), snapshotEvery: 100 });
    t.teardown(() => cache.close());
    await cached(cache, 'ET', at(n - 1));
    await cached(cache, 'SO', at(n - 1));
    const before = cache.stats();
    t.ok(before.evictions > 0, 'copies were evicted');
    t.equal(await cached(cache, 'ET', at(n - 1)), await scratch('ET', at(n - 1)));
    t.equal(cache.stats().hits, before.hits + 1, "ET's view survived SO's build");
  });

  await t.test('a view in use is not evicted', async (t) => {
    const cache = newCache({ maxBytes: 1, snapshotEvery: 10_000 });
    t.teardown(() => cache.close());
    const held = await cache.view({ asOf: at(n - 1), countries: ['ET'] });
    const other = await cache.view({ asOf: at(n - 1), countries: ['SO'] });
    await other.close();
    t.equal(answers(held, 'ET', YEARS), await scratch('ET', at(n - 1)), 'still answers after other views came and went');
    await held.close();
    t.equal(cache.stats().bytes, 0, 'released views beyond the bound are removed');
  });

  await t.test('a projection version change never reuses an earlier view', async (t) => {
    const cache = newCache({ maxBytes: 64 * 1024 * 1024, snapshotEvery: 300 });
    t.teardown(() => cache.close());
    await cached(cache, 'ET', at(n - 1));
    const before = cache.stats();
    const bumped = allProjections.map((p) => (p.name === 'country-state' ? ({ ...p, version: p.version + 1 } as Projection) : p));
    t.equal(await cached(cache, 'ET', at(n - 1), bumped), await scratch('ET', at(n - 1), bumped), 'answers of the new version');
    const after = cache.stats();
    t.equal(after.fromScratch, before.fromScratch + 1, 'built from the first event');
    t.equal(after.fromSnapshot, before.fromSnapshot, 'no earlier view used as a base');
    t.equal(after.aliases, before.aliases);
    // The same version number in another module (code changed without a bump) is not trusted either.
    const copy = allProjections.map((p) => ({ ...p }) as Projection);
    await cached(cache, 'ET', at(n - 1), copy);
    t.equal(cache.stats().fromScratch, after.fromScratch + 1, 'another module: built from the first event');
  });

  await t.test('two caches on one directory (two instances on one data directory): the second keeps its views elsewhere, neither deletes the other\'s', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'rcm-as-of-shared-'));
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    const warnings: string[] = [];
    const open = () => newCache({ dir, maxBytes: 64 * 1024 * 1024, snapshotEvery: 300, onWarning: (m) => warnings.push(m) });
    // Names and inodes: the second instance's files could take the same names (same pid in a test).
    const viewFiles = () => readdirSync(dir).filter((f) => f.endsWith('.sqlite')).sort().map((f) => `${f}#${statSync(join(dir, f)).ino}`);

    const first = open();
    const held = await first.view({ asOf: at(n - 1), countries: ['ET'] }); // in use, not flushed nor listed yet
    const firstFiles = viewFiles();
    t.ok(firstFiles.length > 0);
    const second = open();
    t.match(warnings, [/used by another instance/], 'the second is told');
    t.equal(await cached(second, 'SO', at(n - 1)), await scratch('SO', at(n - 1)), 'and answers');
    t.same(viewFiles(), firstFiles, "the first's files are untouched, and the second's are not here");
    t.equal(answers(held, 'ET', YEARS), await scratch('ET', at(n - 1)), 'the first still reads its view');
    await held.close();
    await second.close();
    await first.close();

    const third = open();
    t.equal(warnings.length, 1, 'once the first has closed, the directory is free');
    t.equal(await cached(third, 'ET', at(n - 1)), await scratch('ET', at(n - 1)));
    t.equal(third.stats().fromScratch, 0, "and the first's views are used");
    await third.close();
  });

  await t.test('close deletes the files', async (t) => {
    const cache = newCache({ maxBytes: 64 * 1024 * 1024, snapshotEvery: 300 });
    const dir = (cache as unknown as { dir: string }).dir;
    await cached(cache, 'ET', at(n - 1));
    t.ok(readdirSync(dir).length > 0);
    await cache.close();
    t.throws(() => readdirSync(dir), 'its temporary directory is gone');
    await t.rejects(cache.view({ asOf: at(1), countries: ['ET'] }), /closed/);
  });

  await t.test('views of the service\'s projections are kept across restarts and used again once checked against the log', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'rcm-as-of-kept-'));
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    const warnings: string[] = [];
    const open = (store = h.store) => newCache({ dir, maxBytes: 64 * 1024 * 1024, snapshotEvery: 300, onWarning: (m) => warnings.push(m) }, store);
    const viewFiles = () => readdirSync(dir).filter((f) => f.endsWith('.sqlite')).sort();
    const digest = (files: string[]) => files.map((f) => createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')).join();

    const first = open();
    t.equal(await cached(first, 'ET', at(n - 1)), await scratch('ET', at(n - 1)));
    const bumped = allProjections.map((p) => (p.name === 'country-state' ? ({ ...p, version: p.version + 1 } as Projection) : p));
    await cached(first, 'ET', at(n - 1), bumped);
    const built = first.stats();
    await first.close();
    const kept = viewFiles();
    // Both builds folded the same events, so each took half the copies.
    t.equal(kept.length, built.snapshotsTaken / 2 + 1, "the view and its copies are kept; the other projection version's files are not");
    t.ok(readFileSync(join(dir, 'views.json'), 'utf8').includes('"format":"rcm-as-of-views"'));
    const bytes = digest(kept);

    const second = open();
    t.equal(await cached(second, 'ET', at(n - 1)), await scratch('ET', at(n - 1)), 'the same answer after a restart');
    t.equal(await cached(second, 'ET', at(n >> 1)), await scratch('ET', at(n >> 1)), 'a cutoff in between, from a kept copy');
    const again = second.stats();
    t.same({ restored: again.restored, fromScratch: again.fromScratch, hits: again.hits }, { restored: kept.length, fromScratch: 0, hits: 1 }, 'nothing built from the first event');
    t.equal(again.fromSnapshot + again.aliases, 1);
    t.equal(digest(kept), bytes, 'the kept files were read, never written');

    // A crash: the next start finds the directory as the running cache left it, without a close.
    await cached(second, 'SO', at(n - 1));
    await (second as unknown as { flushKept(): Promise<void> }).flushKept(); // as the idle timer does: SO's files flushed and listed
    const crashed = mkdtempSync(join(tmpdir(), 'rcm-as-of-crashed-'));
    t.teardown(() => rmSync(crashed, { recursive: true, force: true }));
    cpSync(dir, crashed, { recursive: true });
    await second.close();
    const third = newCache({ dir: crashed, maxBytes: 64 * 1024 * 1024, snapshotEvery: 300 });
    t.equal(await cached(third, 'SO', at(n - 1)), await scratch('SO', at(n - 1)));
    t.same({ fromScratch: third.stats().fromScratch, hits: third.stats().hits }, { fromScratch: 0, hits: 1 }, "SO's view, listed before the crash, is used");
    await third.close();

    // Another log with the same streams: nothing kept holds, every file goes, answers are its own.
    const other = await generatedStore({ events: 1500, countries: COUNTRIES, years: 4, seed: 99 });
    t.teardown(() => other.close());
    const fourth = open(other.store);
    const otherAt = (await other.store.readAll()).at(-1)!.recordedAt;
    const v = await fourth.view({ asOf: otherAt, countries: ['ET'] });
    const reference = await openScratchAsOfView(other.store, { asOf: otherAt, countries: ['ET'] });
    t.equal(answers(v, 'ET', YEARS), answers(reference, 'ET', YEARS), "another log's answers");
    await v.close();
    await reference.close();
    t.same({ restored: fourth.stats().restored, fromScratch: fourth.stats().fromScratch }, { restored: 0, fromScratch: 1 });
    t.equal(viewFiles().length, fourth.stats().entries, "the first log's views were deleted: the files are the new log's views");
    await fourth.close();

    // A damaged list: reported, every view file deleted, nothing fails.
    writeFileSync(join(dir, 'views.json'), '{"format":"rcm-as-of-views","version":1,"views":[{"file":"../x"}]}');
    const fifth = open();
    t.match(warnings.pop(), /views\.json is damaged/);
    t.same(viewFiles(), []);
    t.equal(await cached(fifth, 'ET', at(n >> 2)), await scratch('ET', at(n >> 2)));
    await fifth.close();
    t.same(warnings, []);
  });

  await t.test('view files are copied off the event loop: other cutoffs are answered while a copy runs', async (t) => {
    // Copies pass through, except the one held: the base of a later cutoff, copied while the test looks on.
    let hold = false;
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const copying = new Promise<'copying'>((r) => (started = () => r('copying')));
    const cache = newCache({
      maxBytes: 64 * 1024 * 1024,
      copyFile: async (from, to) => {
        if (hold) {
          started();
          await released;
        }
        await copyFile(from, to);
      },
    });
    t.teardown(() => cache.close());
    const early = at(n >> 2);
    t.equal(await cached(cache, 'ET', early), await scratch('ET', early));

    hold = true;
    const later = cached(cache, 'ET', at(n - 1));
    const first = await Promise.race([copying, later.then(() => 'answered')]);
    t.equal(first, 'copying', 'the later cutoff copies its base view through the asynchronous copy');
    hold = false;
    // While that copy is held, a cutoff with a view answers: nothing waits for the copy but its own request.
    t.equal(await cached(cache, 'ET', early), await scratch('ET', early), 'answered during the copy');
    release();
    t.equal(await later, await scratch('ET', at(n - 1)), 'the later cutoff answers once its copy is done');
    t.equal(cache.stats().fromSnapshot, 1);
  });

  await t.test('the directory deleted while the cache runs (derived data): later cutoffs and closed views are built again, never an error', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'rcm-as-of-deleted-'));
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    // One open view at a time: the ET view is closed when the SO one opens, and must be reopened from its file.
    const cache = newCache({ dir, maxBytes: 64 * 1024 * 1024, snapshotEvery: 300, maxOpenViews: 1 });
    t.teardown(() => cache.close());
    t.equal(await cached(cache, 'ET', at(n >> 2)), await scratch('ET', at(n >> 2)));
    t.equal(await cached(cache, 'SO', at(n >> 2)), await scratch('SO', at(n >> 2)));
    rmSync(dir, { recursive: true, force: true });
    t.equal(await cached(cache, 'SO', at(n - 1)), await scratch('SO', at(n - 1)), 'a later cutoff whose base view (still open) lost its file');
    t.equal(await cached(cache, 'ET', at(n >> 2)), await scratch('ET', at(n >> 2)), 'a closed view whose file is gone');
    t.equal(await cached(cache, 'ET', at(n - 1)), await scratch('ET', at(n - 1)), 'and a later cutoff of it');
  });
}
