import { spawn } from 'node:child_process';
import { rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import t from 'tap';
import { compiledServer, startServer } from '../helpers/server-process.js';
import { childEnv } from '../helpers/child-env.js';
import { ADMIN_TOKEN, call, identificationRequest, deskToken, npmRun, stopProcess, tempDir } from './helpers.js';

/** What operators do to a data directory over months: the server must notice, never serve wrong answers. */

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Starts the server and waits for it to exit (it is expected to refuse to start). */
function startRefused(env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    // What `npm start` runs (transpiled once per test process): a start under tsx costs seconds more.
    const child = spawn(process.execPath, [compiledServer()], {
      cwd: root,
      env: childEnv({ PORT: '0', HOST: '127.0.0.1', RCM_LOG_LEVEL: 'warn', RCM_ADMIN_TOKEN: ADMIN_TOKEN, ...env }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not refuse to start:\n${out}`));
    }, 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

/** The request ids of a country's open requests, as the read models serve them once they reach `position`. */
async function openRequestIds(url: string, country: string, position: number): Promise<string[]> {
  const res = await call(url, 'GET', `/v1/countries/${country}/profile?minPosition=${position}&requestsLimit=500`, { token: ADMIN_TOKEN });
  if (res.status !== 200) throw new Error(`profile: ${res.status} ${res.text}`);
  return (res.body.requests.openRequests as Array<{ requestId: string }>).map((r) => r.requestId).sort();
}

t.test('read models projected beyond the end of the event log are built again from the log', async (t) => {
  const dir = tempDir('rm-ahead');
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const env = { RCM_DATA_DIR: dir, RCM_ADMIN_TOKEN: ADMIN_TOKEN };
  const first = await startServer(env);
  t.teardown(() => stopProcess(first, 'SIGKILL'));
  const desk = await deskToken(first.url);
  let last = 0;
  for (let i = 0; i < 6; i++) {
    const res = await call(first.url, 'POST', '/v1/countries/ET/requests', { token: desk, body: identificationRequest(`AHEAD-${i}`) });
    t.equal(res.status, 201);
    last = res.body.position as number;
  }
  t.same(await openRequestIds(first.url, 'ET', last), ['AHEAD-0', 'AHEAD-1', 'AHEAD-2', 'AHEAD-3', 'AHEAD-4', 'AHEAD-5']);
  t.equal(await stopProcess(first, 'SIGTERM'), 0);

  // An older event log beside the newer read models (the log alone put back from an older copy):
  // the last three facts are not in it.
  const db = new Database(join(dir, 'events.sqlite'));
  db.prepare('DELETE FROM events WHERE position > ?').run(last - 3);
  db.close();

  const second = await startServer(env);
  t.teardown(() => stopProcess(second, 'SIGKILL'));
  t.match(second.output(), /projected up to position \d+, but the event log ends at \d+/, 'the start says why it builds the read models again');
  t.same(await openRequestIds(second.url, 'ET', 0), ['AHEAD-0', 'AHEAD-1', 'AHEAD-2'], 'the read models show what the log holds');
  // New facts take the positions the read models had already passed: they must be projected.
  const again = await call(second.url, 'POST', '/v1/countries/ET/requests', { token: desk, body: identificationRequest('AFTER-1') });
  t.equal(again.status, 201);
  t.ok(again.body.position <= last, 'the new fact reuses a position the old read models had passed');
  t.same(await openRequestIds(second.url, 'ET', again.body.position as number), ['AFTER-1', 'AHEAD-0', 'AHEAD-1', 'AHEAD-2'], 'a fact recorded after the start is projected');
  const ready = await call(second.url, 'GET', '/ready');
  t.equal(ready.status, 200, ready.text);
  t.equal(await stopProcess(second, 'SIGTERM'), 0);
  const replay = await npmRun(['replay', '--', '--data-dir', dir]);
  t.equal(replay.code, 0, `npm run replay finds no difference:\n${replay.out}`);
});

t.test('two servers on one data directory: one feeds its read models, neither applies an event twice', async (t) => {
  const dir = tempDir('two-servers');
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const env = { RCM_DATA_DIR: dir, RCM_ADMIN_TOKEN: ADMIN_TOKEN };
  const first = await startServer(env);
  t.teardown(() => stopProcess(first, 'SIGKILL'));
  const second = await startServer(env);
  t.teardown(() => stopProcess(second, 'SIGKILL'));
  t.match(second.output(), /read-models\.sqlite is fed by another instance/, 'the second says it keeps read models of its own');
  t.notMatch(first.output(), /fed by another instance/);
  const desk = await deskToken(first.url);
  const ids = Array.from({ length: 40 }, (_, i) => `TWO-${String(i).padStart(2, '0')}`);
  let last = 0;
  await Promise.all(
    [first.url, second.url].map(async (url, k) => {
      for (let i = k; i < ids.length; i += 2) {
        for (;;) {
          const res = await call(url, 'POST', '/v1/countries/ET/requests', { token: desk, body: identificationRequest(ids[i]!) });
          if (res.status === 409 && res.body?.code === 'REVISION_CONFLICT') continue; // two writers on one stream: send again
          if (res.status !== 201) t.fail(`${res.status} ${res.text}`);
          last = Math.max(last, res.body.position as number);
          break;
        }
      }
    }),
  );
  for (const server of [first, second]) {
    t.same(await openRequestIds(server.url, 'ET', last), ids, 'each server shows every fact once');
    const activity = await call(server.url, 'GET', `/v1/countries?minPosition=${last}`, { token: ADMIN_TOKEN });
    t.equal(activity.status, 200);
  }
  t.equal(await stopProcess(second, 'SIGTERM'), 0);
  t.equal(await stopProcess(first, 'SIGTERM'), 0);
  const replay = await npmRun(['replay', '--', '--data-dir', dir]);
  t.equal(replay.code, 0, `the data directory's read models match a replay of the log:\n${replay.out}`);
  // The lock dies with its holder: a server started afterwards feeds the directory's read models again.
  const third = await startServer(env);
  t.teardown(() => stopProcess(third, 'SIGKILL'));
  t.notMatch(third.output(), /fed by another instance/);
  t.equal(await stopProcess(third, 'SIGTERM'), 0);
});

t.test('a database of the data directory that cannot be opened: the start names it and says what to do, no stack trace', async (t) => {
  const dir = tempDir('damaged');
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const server = await startServer({ RCM_DATA_DIR: dir, RCM_ADMIN_TOKEN: ADMIN_TOKEN });
  t.teardown(() => stopProcess(server, 'SIGKILL'));
  const desk = await deskToken(server.url);
  for (let i = 0; i < 3; i++) t.equal((await call(server.url, 'POST', '/v1/countries/ET/requests', { token: desk, body: identificationRequest(`DMG-${i}`) })).status, 201);
  t.equal(await stopProcess(server, 'SIGTERM'), 0);
  const noStack = /\n\s+at /;

  // Read models overwritten (a disk error, a copy gone wrong): derived, so the advice is to delete them.
  const readModels = join(dir, 'read-models.sqlite');
  writeFileSync(readModels, Buffer.alloc(8192, 0x5a));
  const damagedReadModels = await startRefused({ RCM_DATA_DIR: dir });
  t.equal(damagedReadModels.code, 2, damagedReadModels.out);
  t.match(damagedReadModels.out, `Cannot open ${readModels}: file is not a database`);
  t.match(damagedReadModels.out, /derived from the event log.*delete read-models\.sqlite/);
  t.notMatch(damagedReadModels.out, noStack);
  rmSync(readModels, { force: true });
  const rebuilt = await startServer({ RCM_DATA_DIR: dir });
  t.teardown(() => stopProcess(rebuilt, 'SIGKILL'));
  t.same(await openRequestIds(rebuilt.url, 'ET', 0), ['DMG-0', 'DMG-1', 'DMG-2'], 'deleting them, as advised, rebuilds them');
  t.equal(await stopProcess(rebuilt, 'SIGTERM'), 0);

  // The event log cut short (a copy interrupted): the record, so the advice is a restore.
  const events = join(dir, 'events.sqlite');
  truncateSync(events, 5000);
  const damagedLog = await startRefused({ RCM_DATA_DIR: dir });
  t.equal(damagedLog.code, 2, damagedLog.out);
  t.match(damagedLog.out, `Cannot open ${events}: database disk image is malformed`);
  t.match(damagedLog.out, /restore it from a backup/);
  t.notMatch(damagedLog.out, noStack);

  // RCM_DATA_DIR naming a file.
  const file = join(dir, 'not-a-dir');
  writeFileSync(file, 'x');
  const notADir = await startRefused({ RCM_DATA_DIR: file });
  t.equal(notADir.code, 2, notADir.out);
  t.match(notADir.out, `RCM_DATA_DIR ${file} is not a directory`);
  t.notMatch(notADir.out, noStack);
});
