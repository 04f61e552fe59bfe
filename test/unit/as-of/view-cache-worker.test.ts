import { existsSync, readdirSync } from 'node:fs';
import t from 'tap';
import { AsOfCache } from '../../../src/as-of/view-cache.js';
import { generatedStore } from './history.js';
import { viewCacheSuite } from './view-cache-suite.js';

t.test('as-of cache, views folded in a worker thread reading the log file', (t) => viewCacheSuite(t, true));

t.test('a worker build that fails or is cut short leaves no file and says why', async (t) => {
  const h = await generatedStore({ events: 1500, countries: ['ET'], years: 3 });
  t.teardown(() => h.close());
  const last = (await h.store.readAll()).at(-1)!.recordedAt;
  const dirOf = (cache: AsOfCache) => (cache as unknown as { dir: string }).dir;

  const missing = new AsOfCache(h.store, { eventsPath: `${h.store.path}.missing`, snapshotEvery: 300 });
  await t.rejects(missing.view({ asOf: last, countries: ['ET'] }), /unable to open database file|SQLITE_CANTOPEN|does not exist/i, "the worker's error");
  t.same(readdirSync(dirOf(missing)), [], 'the view file is deleted');
  await missing.close();

  const closing = new AsOfCache(h.store, { eventsPath: h.store.path, snapshotEvery: 300 });
  const pending = closing.view({ asOf: last, countries: ['ET'] });
  // Closed while its worker folds (the thread starts on the first build).
  await new Promise((r) => setTimeout(r, 50));
  await closing.close();
  await t.rejects(pending, /closed/, 'the request is told the cache closed');
  t.notOk(existsSync(dirOf(closing)), 'and its files are gone');
});
