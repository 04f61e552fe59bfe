import t from 'tap';
import { ConfigError, loadConfig } from '../../../src/config/config.js';

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
