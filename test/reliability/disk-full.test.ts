import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { startServer } from '../helpers/server-process.js';
import { ADMIN_TOKEN, call, deskToken, identificationRequest, readEventLog, tempDir } from './helpers.js';

/*
 * The data directory on a real full disk: a small tmpfs. Mounting one needs root (or
 * CAP_SYS_ADMIN); where that is not allowed the test is skipped and says why. The same behaviour
 * without a mount (SQLite's own "disk full") is test/integration/http/disk-full.test.ts.
 */

const mountPoint = tempDir('disk-full');
const mounted = (() => {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=6m', 'tmpfs', mountPoint], { stdio: 'pipe' });
    return true;
  } catch (e) {
    return `cannot mount a tmpfs here (${String((e as { stderr?: Buffer }).stderr ?? e).trim().split('\n')[0]}): needs root or CAP_SYS_ADMIN`;
  }
})();
t.teardown(() => {
  if (mounted === true) execFileSync('umount', ['-l', mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

t.test('a full disk under the running server', { skip: mounted === true ? false : mounted }, async (t) => {
  const dataDir = join(mountPoint, 'data');
  mkdirSync(dataDir);
  const server = await startServer({ RCM_DATA_DIR: dataDir, RCM_ADMIN_TOKEN: ADMIN_TOKEN });
  t.teardown(() => server.stop());
  const desk = await deskToken(server.url);
  // Most of the space taken by something else, as on a shared disk.
  const ballast = join(mountPoint, 'ballast');
  writeFileSync(ballast, Buffer.alloc(3.5 * 1024 * 1024));

  const acknowledged: string[] = [];
  let refusal = await call(server.url, 'POST', '/v1/countries/ET/requests', { token: desk, body: identificationRequest('IR-0') });
  while (refusal.status === 201 && acknowledged.length < 20_000) {
    acknowledged.push(refusal.body.eventId);
    refusal = await call(server.url, 'POST', '/v1/countries/ET/requests', { token: desk, body: identificationRequest(`IR-${acknowledged.length}`) });
  }
  t.ok(acknowledged.length > 0, `${acknowledged.length} facts recorded before the disk was full`);
  t.equal(refusal.status, 507, refusal.text);
  t.match(refusal.body, { code: 'STORAGE_FULL', detail: /nothing of this request was stored/ });
  t.equal(refusal.headers.get('retry-after'), '60');

  // The server stays up and answers reads.
  t.equal((await call(server.url, 'GET', '/health')).status, 200);
  const profile = await call(server.url, 'GET', '/v1/countries/ET/profile', { token: ADMIN_TOKEN });
  t.equal(profile.status, 200, profile.text);

  // Space freed: the refused fact is recorded on a retry, and the read models catch up with it.
  rmSync(ballast);
  const retried = await call(server.url, 'POST', '/v1/countries/ET/requests', { token: desk, body: identificationRequest(`IR-${acknowledged.length}`) });
  t.equal(retried.status, 201, retried.text);
  acknowledged.push(retried.body.eventId);
  const caughtUp = await call(server.url, 'GET', `/v1/countries/ET/timeline?limit=1&minPosition=${retried.body.position}`, { token: ADMIN_TOKEN });
  t.equal(caughtUp.status, 200, caughtUp.text);

  t.equal(await server.stop(), 0, 'a clean stop');
  t.notMatch(server.output(), /unhandled error/, 'no request ended in an internal error');
  const log = await readEventLog(dataDir);
  t.same(
    log.events.map((e) => e.eventId),
    acknowledged,
    'the log holds exactly the acknowledged facts',
  );
  t.ok(log.verification.ok, 'hash chains intact');
});
