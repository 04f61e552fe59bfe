import t from 'tap';
import { ConfigError, defaultBuildWorkers, loadConfig } from '../../../src/config/config.js';

t.test('defaults, and the as-of cache settings in bytes', async (t) => {
  const c = loadConfig({});
  t.equal(c.port, 8080);
  t.same(c.countries, ['ET', 'SO', 'TN', 'DZ', 'TR']);
  t.equal(c.asOfCacheBytes, 2048 * 1024 * 1024);
  t.equal(c.asOfSnapshotEvery, 10_000);
  const set = loadConfig({ RCM_AS_OF_CACHE_MB: '16', RCM_AS_OF_SNAPSHOT_EVERY: '500', PORT: '' });
  t.equal(set.asOfCacheBytes, 16 * 1024 * 1024);
  t.equal(set.asOfSnapshotEvery, 500);
  t.equal(set.port, 8080, 'an empty variable means the default');
});

t.test('build workers: one per core up to 4, none on one core; settable, 0 turns them off', async (t) => {
  t.same([1, 2, 3, 4, 16].map((cores) => defaultBuildWorkers(cores)), [0, 2, 3, 4, 4]);
  t.equal(loadConfig({}).buildWorkers, defaultBuildWorkers());
  t.equal(loadConfig({}).buildWorkersMinEvents, 50_000);
  const set = loadConfig({ RCM_BUILD_WORKERS: '0', RCM_BUILD_WORKERS_MIN_EVENTS: '1000' });
  t.equal(set.buildWorkers, 0);
  t.equal(set.buildWorkersMinEvents, 1000);
  t.throws(() => loadConfig({ RCM_BUILD_WORKERS: '9' }), /RCM_BUILD_WORKERS/, 'more than the merge can attach');
});

t.test('report cache: 64 MB by default, 0 keeps none, a negative or fractional size is refused', async (t) => {
  t.equal(loadConfig({}).reportCacheBytes, 64 * 1024 * 1024);
  t.equal(loadConfig({ RCM_REPORT_CACHE_MB: '0' }).reportCacheBytes, 0);
  t.throws(() => loadConfig({ RCM_REPORT_CACHE_MB: '-1' }), /RCM_REPORT_CACHE_MB/);
  t.throws(() => loadConfig({ RCM_REPORT_CACHE_MB: '1.5' }), /RCM_REPORT_CACHE_MB/);
});

t.test('every bad value is named in one ConfigError', async (t) => {
  const err = (() => {
    try {
      loadConfig({ RCM_AS_OF_CACHE_MB: '0', RCM_AS_OF_SNAPSHOT_EVERY: 'often', RCM_COUNTRIES: 'ETH' });
    } catch (e) {
      return e;
    }
    return undefined;
  })();
  t.ok(err instanceof ConfigError);
  t.match((err as Error).message, /RCM_AS_OF_CACHE_MB/);
  t.match((err as Error).message, /RCM_AS_OF_SNAPSHOT_EVERY/);
  t.match((err as Error).message, /RCM_COUNTRIES/);
});

t.test('whole numbers are plain digits; countries are assigned ISO codes; the event-store URL is checked at start', async (t) => {
  for (const port of ['0x4A61', '1e3', ' 80', '80.0', '+80']) t.throws(() => loadConfig({ PORT: port }), /PORT: must be a whole number/, `PORT=${port}`);
  t.equal(loadConfig({ PORT: '8081' }).port, 8081);
  t.throws(() => loadConfig({ RCM_COUNTRIES: 'ET,XX' }), /XX is not an ISO 3166-1 alpha-2 country code/);
  for (const bad of ['EU', 'ZZ', 'QO', 'AA', 'UK', 'SU']) t.throws(() => loadConfig({ RCM_COUNTRIES: `ET,${bad}` }), new RegExp(`${bad} is not`), `${bad}: a grouping, a user-assigned or withdrawn code`);
  t.same(loadConfig({ RCM_COUNTRIES: 'et, iq ,NG,XK' }).countries, ['ET', 'IQ', 'NG', 'XK'], 'assigned codes (and Kosovo as Eurostat writes it)');
  t.throws(() => loadConfig({ RCM_EVENTSTORE_URL: 'http://foo' }), /RCM_EVENTSTORE_URL: must be a kurrentdb:\/\/ \(or esdb:\/\/\) connection string/);
  t.equal(loadConfig({ RCM_EVENTSTORE_URL: 'kurrentdb://127.0.0.1:2113?tls=false' }).eventStoreUrl, 'kurrentdb://127.0.0.1:2113?tls=false');
});

t.test('import limits: the body in bytes as sent, a gzip body also by what it decompresses to', async (t) => {
  t.equal(loadConfig({}).importBodyLimit, 200 * 1024 * 1024);
  t.equal(loadConfig({}).importDecompressedLimit, 200 * 1024 * 1024, 'as much as a plain body may be');
  t.equal(loadConfig({ RCM_IMPORT_DECOMPRESSED_LIMIT: '1048576' }).importDecompressedLimit, 1024 * 1024);
  t.throws(() => loadConfig({ RCM_IMPORT_DECOMPRESSED_LIMIT: '0' }), /RCM_IMPORT_DECOMPRESSED_LIMIT/);
});
