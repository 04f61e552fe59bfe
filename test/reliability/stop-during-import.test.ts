import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { startServer, type ServerProcess } from '../helpers/server-process.js';
import { writeLargeTsv } from '../unit/imports/fixtures.js';
import { ADMIN_TOKEN, readEventLog, stopProcess, tempDir } from './helpers.js';

// A Eurostat import of a whole dataset takes the server about a second: long enough to stop it
// in the middle. A stop (SIGTERM, what systemd and containers send) must answer the import first;
// a kill must leave the log with all of the file's facts or none.

const IMPORT = '/v1/imports/eurostat?dataset=migr_eiord&geo=EU27_2020';

async function sendImport(server: ServerProcess, file: Uint8Array<ArrayBuffer>) {
  return fetch(`${server.url}${IMPORT}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/gzip' },
    body: file,
  }).then(
    async (res) => ({ status: res.status, body: (await res.json()) as { recorded: number } }),
    () => null,
  );
}

/** Resolves once the server has logged the import's request: it is in flight from then on. */
async function importReceived(server: ServerProcess): Promise<void> {
  const logged = (line: string) => line.includes('incoming request') && line.includes('/v1/imports/eurostat');
  while (!server.output().split('\n').some(logged)) {
    await new Promise((r) => setTimeout(r, 5));
  }
}

t.test('a stop or a kill in the middle of a large import', async (t) => {
  const dir = tempDir('stop-import');
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'migr_eiord.tsv.gz');
  await writeLargeTsv(path, { series: 20_000, periods: 15, gzip: true });
  const file = new Uint8Array(readFileSync(path));

  await t.test('SIGTERM: the import is answered, then the server exits 0 with every fact recorded', async (t) => {
    const data = join(dir, 'stopped');
    const server = await startServer({ RCM_DATA_DIR: data, RCM_ADMIN_TOKEN: ADMIN_TOKEN, RCM_LOG_LEVEL: 'info' });
    t.teardown(() => stopProcess(server, 'SIGKILL'));
    const answer = sendImport(server, file);
    await importReceived(server);
    const exit = stopProcess(server, 'SIGTERM');
    const res = await answer;
    t.equal(res?.status, 200, 'the import in flight is answered');
    t.equal(await exit, 0, 'a clean exit after it');
    const recorded = res?.body.recorded ?? -1;
    t.ok(recorded > 50, `facts recorded (${recorded})`);
    const log = await readEventLog(data);
    t.equal(log.events.length, recorded, 'the log holds exactly what the answer reported');
    t.ok(log.verification.ok, 'hash chains intact');
  });

  await t.test('SIGKILL: the log holds all of the import or none of it', async (t) => {
    const data = join(dir, 'killed');
    const server = await startServer({ RCM_DATA_DIR: data, RCM_ADMIN_TOKEN: ADMIN_TOKEN, RCM_LOG_LEVEL: 'info' });
    const answer = sendImport(server, file);
    await importReceived(server);
    await stopProcess(server, 'SIGKILL');
    const res = await answer;
    const log = await readEventLog(data);
    if (res) t.equal(log.events.length, res.body.recorded, 'answered before the kill: all of it');
    else t.ok(log.events.length === 0 || log.events.length > 50, `no answer: all or none (${log.events.length} events)`);
    t.ok(log.verification.ok, 'hash chains intact');
  });
});
