import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { generateHistory } from '../../scripts/generate-history.js';
import { startServer } from '../helpers/server-process.js';

// Started as `npm start` starts it (transpiled): the worker threads load the transpiled worker entry.
t.test('a first start on an existing log builds the read models in worker threads, answering as a build in one thread', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rcm-e2e-workers-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const countries = ['ET', 'SO', 'TN', 'DZ', 'TR'];
  const [withWorkers, inOneThread] = [join(dir, 'workers'), join(dir, 'one-thread')];
  for (const d of [withWorkers, inOneThread]) mkdirSync(d);
  await generateHistory({ events: 2500, out: join(withWorkers, 'events.sqlite'), countries, years: 3, toYear: 2024, seed: 9, verify: 0 });
  copyFileSync(join(withWorkers, 'events.sqlite'), join(inOneThread, 'events.sqlite'));

  const admin = 'e2e-admin-token-0123456789abcdef';
  const env = { RCM_ADMIN_TOKEN: admin, RCM_COUNTRIES: countries.join(',') };
  const a = await startServer({ ...env, RCM_DATA_DIR: withWorkers, RCM_BUILD_WORKERS: '2', RCM_BUILD_WORKERS_MIN_EVENTS: '1' }, 60_000);
  t.teardown(() => a.stop());
  const b = await startServer({ ...env, RCM_DATA_DIR: inOneThread, RCM_BUILD_WORKERS: '0' }, 60_000);
  t.teardown(() => b.stop());
  t.notMatch(a.output(), /worker build .* failed/, 'no fallback to one thread');
  // It listened while the workers built, and says when the read models have caught up.
  for (let i = 0; i < 100 && !/Read models caught up/.test(a.output()); i++) await new Promise((r) => setTimeout(r, 20));
  t.match(a.output(), /listening on [^\n]*\n(.*\n)*Read models caught up at position 2500 in \d+\.\d s/, 'listening, then caught up');
  t.same(readdirSync(withWorkers).filter((f) => f.includes('.build-')), [], 'no scratch files left');

  const get = async (url: string) => {
    const res = await fetch(url, { headers: { authorization: `Bearer ${admin}` } });
    t.equal(res.status, 200, url);
    return res.text();
  };
  const projections = JSON.parse(await get(`${a.url}/v1/projections`)) as { projections: { state: string; lag: number }[] };
  t.ok(projections.projections.every((p) => p.state === 'live' && p.lag === 0), 'every projection live and caught up');
  const paths = countries.flatMap((c) => [
    `/v1/countries/${c}/profile`,
    `/v1/countries/${c}/timeline?limit=200`,
    `/v1/countries/${c}/scorecards/2023?evidence=full`,
    `/v1/countries/${c}/scorecards/2024?quarter=2`,
  ]);
  for (const path of ['/v1/countries', ...paths]) t.equal(await get(a.url + path), await get(b.url + path), path);
});
