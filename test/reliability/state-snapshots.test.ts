import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { startServer } from '../helpers/server-process.js';
import { ADMIN_TOKEN, call, identificationRequest, stopProcess, tempDir } from './helpers.js';

/**
 * The real server keeps each country's decision state when it stops, so its next start decides the
 * first command on that snapshot plus the events after it; after a crash (a stale snapshot) and
 * with a damaged file it still decides on the whole history.
 */
t.test('decision-state snapshots across a clean stop, a crash and a damaged file', async (t) => {
  const dir = tempDir('snapshots');
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const env = { RCM_DATA_DIR: dir, RCM_ADMIN_TOKEN: ADMIN_TOKEN };
  const snapshotFile = join(dir, 'snapshots', 'country-ET.json');
  const keptRevision = () => (JSON.parse(readFileSync(snapshotFile, 'utf8').split('\n')[0]!) as { revision: number }).revision;
  const post = (url: string, token: string, requestId: string) => call(url, 'POST', '/v1/countries/ET/requests', { token, body: identificationRequest(requestId) });

  const first = await startServer(env);
  t.teardown(() => stopProcess(first, 'SIGKILL'));
  const created = await call(first.url, 'POST', '/v1/tokens', { token: ADMIN_TOKEN, body: { principal: 'desk-et', role: 'desk', countries: ['ET'] } });
  const desk = created.body.token as string;
  for (let i = 0; i < 25; i++) t.equal((await post(first.url, desk, `SNAP-${i}`)).status, 201);
  t.equal(await stopProcess(first, 'SIGTERM'), 0, 'a clean stop');
  t.equal(keptRevision(), 24, 'the stop kept the state at the last revision');

  const second = await startServer(env);
  t.teardown(() => stopProcess(second, 'SIGKILL'));
  const duplicate = await post(second.url, desk, 'SNAP-3');
  t.equal(duplicate.status, 409, 'a request from before the restart is known');
  t.equal(duplicate.body.code, 'REQUEST_EXISTS');
  t.equal((await post(second.url, desk, 'SNAP-AFTER')).status, 201);
  await stopProcess(second, 'SIGKILL'); // a crash: the snapshot stays at revision 24

  const third = await startServer(env);
  t.teardown(() => stopProcess(third, 'SIGKILL'));
  t.equal((await post(third.url, desk, 'SNAP-AFTER')).body.code, 'REQUEST_EXISTS', 'a request recorded after the snapshot, before the crash, is known');
  t.equal((await post(third.url, desk, 'SNAP-7')).body.code, 'REQUEST_EXISTS');
  t.equal(await stopProcess(third, 'SIGTERM'), 0);
  t.equal(keptRevision(), 25, 'kept again at the clean stop');

  writeFileSync(snapshotFile, readFileSync(snapshotFile).subarray(0, 300)); // torn in its second line
  const fourth = await startServer(env);
  t.teardown(() => stopProcess(fourth, 'SIGKILL'));
  t.equal((await post(fourth.url, desk, 'SNAP-11')).body.code, 'REQUEST_EXISTS', 'with a damaged snapshot the history is replayed');
  t.equal((await post(fourth.url, desk, 'SNAP-NEW')).status, 201);
  t.equal(await stopProcess(fourth, 'SIGTERM'), 0);
  t.match(fourth.output(), /snapshot .*country-ET\.json is damaged; replaying country-ET/, 'the damaged file was reported');
  t.equal(keptRevision(), 26, 'and replaced at the clean stop');
});
