import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { startServer } from '../helpers/server-process.js';
import { ADMIN_TOKEN, call, identificationRequest, stopProcess, tempDir } from './helpers.js';

/**
 * The real server keeps its as-known-at views across a clean stop: after a restart the same `asOf`
 * read is answered from the kept view (no new view file), with the same bytes; after a crash, the
 * views it had listed are used the same way.
 */
t.test('as-known-at views kept across a clean stop and a crash', async (t) => {
  const dir = tempDir('as-of-views');
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const env = { RCM_DATA_DIR: dir, RCM_ADMIN_TOKEN: ADMIN_TOKEN };
  const cacheDir = join(dir, 'as-of-cache');
  const viewFiles = () => readdirSync(cacheDir).filter((f) => f.endsWith('.sqlite')).sort();

  const first = await startServer(env);
  t.teardown(() => stopProcess(first, 'SIGKILL'));
  const token = async (role: string, countries?: string[]) =>
    (await call(first.url, 'POST', '/v1/tokens', { token: ADMIN_TOKEN, body: { principal: `${role}-1`, role, ...(countries ? { countries } : {}) } })).body.token as string;
  const desk = await token('desk', ['ET']);
  const analyst = await token('analyst');
  const post = (requestId: string) => call(first.url, 'POST', '/v1/countries/ET/requests', { token: desk, body: identificationRequest(requestId) });
  for (let i = 0; i < 10; i++) t.equal((await post(`ASOF-${i}`)).status, 201);
  const cutoff = new Date().toISOString();
  await new Promise((r) => setTimeout(r, 5));
  for (let i = 10; i < 15; i++) t.equal((await post(`ASOF-${i}`)).status, 201);
  const read = (url: string) => call(url, 'GET', `/v1/countries/ET/profile?asOf=${encodeURIComponent(cutoff)}`, { token: analyst });

  const before = await read(first.url);
  t.equal(before.status, 200);
  t.equal(before.body.requests.openRequests.length, 10, 'the profile as known then: the first ten requests');
  t.equal(await stopProcess(first, 'SIGTERM'), 0, 'a clean stop');
  const kept = viewFiles();
  t.ok(kept.length >= 1, `view files kept (${kept.length})`);
  t.match(readFileSync(join(cacheDir, 'views.json'), 'utf8'), /"format":"rcm-as-of-views"/);

  const second = await startServer(env);
  t.teardown(() => stopProcess(second, 'SIGKILL'));
  const after = await read(second.url);
  t.equal(after.text, before.text, 'the same answer after the restart');
  t.same(viewFiles(), kept, 'answered from the kept view: no view built');
  await stopProcess(second, 'SIGKILL'); // a crash: the list stays as the running server left it

  const third = await startServer(env);
  t.teardown(() => stopProcess(third, 'SIGKILL'));
  t.equal((await read(third.url)).text, before.text, 'and after a crash');
  t.same(viewFiles(), kept);
  t.equal(await stopProcess(third, 'SIGTERM'), 0);
});

/**
 * Two servers on one data directory: the first keeps the as-of directory, the second logs that it
 * keeps its views elsewhere. A crashed owner leaves no stale lock: the next start takes it.
 */
t.test('one server at a time keeps the as-of directory; a crash frees it', async (t) => {
  const dir = tempDir('as-of-owner');
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const env = { RCM_DATA_DIR: dir, RCM_ADMIN_TOKEN: ADMIN_TOKEN };
  const warning = /used by another instance/;

  const first = await startServer(env);
  t.teardown(() => stopProcess(first, 'SIGKILL'));
  const second = await startServer(env);
  t.teardown(() => stopProcess(second, 'SIGKILL'));
  t.match(second.output(), warning, 'the second says it keeps its views elsewhere');
  t.notMatch(first.output(), warning);
  await stopProcess(second, 'SIGTERM');

  await stopProcess(first, 'SIGKILL');
  const third = await startServer(env);
  t.teardown(() => stopProcess(third, 'SIGKILL'));
  t.notMatch(third.output(), warning, 'after the owner crashed, the next start owns the directory');
  await stopProcess(third, 'SIGTERM');
});
