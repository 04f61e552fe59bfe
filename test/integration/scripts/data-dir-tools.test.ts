import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import t from 'tap';
import { backupDataDir, sha256File } from '../../../src/ops/backup.js';
import { restoreDataDir } from '../../../src/ops/restore.js';
import { openSqliteEventStore } from '../../../src/store/sqlite/index.js';
import { ethiopiaStory } from '../../helpers/facts.js';
import { bearer, startTestApp } from '../../helpers/test-app.js';
import { childEnv } from '../../helpers/child-env.js';

/** The command-line tools that read a data directory, given one that is not (a typo, a file, a log without read models). */

const root = fileURLToPath(new URL('../../..', import.meta.url));
const run = promisify(execFile);

async function tool(script: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], { cwd: root, env: childEnv() });
    return { code: 0, out: stdout, err: stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout, err: err.stderr };
  }
}

t.test('report and replay on a data directory that does not exist, or is a file: exit 2, the path named, nothing created', async (t) => {
  const base = mkdtempSync(join(tmpdir(), 'rcm-tools-'));
  t.teardown(() => rmSync(base, { recursive: true, force: true }));
  const missing = join(base, 'dta'); // a typo of "data"
  const file = join(base, 'a-file');
  writeFileSync(file, 'not a directory\n');
  for (const dir of [missing, file]) {
    for (const [script, args] of [
      ['report', ['--year', '2023', '--format', 'md', '--data-dir', dir]],
      ['replay', ['--data-dir', dir]],
    ] as const) {
      const res = await tool(script, [...args]);
      t.equal(res.code, 2, `${script} on ${dir}: exit 2`);
      t.equal(res.out, '', `${script} prints no report`);
      t.match(res.err, `No event log at ${join(dir, 'events.sqlite')}`, `${script} names the missing log`);
      t.notMatch(res.err, /\n\s+at /, 'no stack trace');
    }
  }
  t.notOk(existsSync(missing), 'no data directory was created');
  t.same(readdirSync(base).sort(), ['a-file']);
});

t.test('replay on a data directory with a log but no read models says so', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rcm-tools-log-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const store = openSqliteEventStore({ path: join(dir, 'events.sqlite') });
  await store.close();
  const res = await tool('replay', ['--data-dir', dir]);
  t.equal(res.code, 2);
  t.match(res.err, `No read models at ${join(dir, 'read-models.sqlite')}`);
  t.notOk(existsSync(join(dir, 'read-models.sqlite')), 'none created');
});

t.test('a backup can be verified where nothing may be written: its databases are not in WAL mode, and verify adds no file', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  for (const step of ethiopiaStory.slice(0, 4)) {
    const res = await h.app.inject({ method: 'POST', url: `/v1/countries/ET/${step.family}`, headers: { ...bearer(h.tokens.deskEtSo), 'content-type': 'application/json' }, payload: step.body });
    t.equal(res.statusCode, 201, res.body);
  }
  const out = join(mkdtempSync(join(tmpdir(), 'rcm-tools-backup-')), 'b1');
  t.teardown(() => rmSync(join(out, '..'), { recursive: true, force: true }));
  const manifest = await backupDataDir(h.dir, out);
  const files = readdirSync(out).sort();
  t.same(files, ['auth.sqlite', 'events.sqlite', 'manifest.json', 'read-models.sqlite']);
  for (const f of manifest.files) {
    // Bytes 18 and 19 of a SQLite header: 2 in WAL mode (readable only where the -shm file can be created), 1 otherwise.
    const header = readFileSync(join(out, f.name)).subarray(18, 20);
    t.same([...header], [1, 1], `${f.name} is in rollback-journal mode`);
  }
  const res = await tool('verify', ['--data-dir', out]);
  t.equal(res.code, 0, res.err);
  t.match(res.out, /All 1 chains intact: 4 events verified/);
  t.same(readdirSync(out).sort(), files, 'verify left no -wal or -shm file in the backup');
  t.same(await Promise.all(manifest.files.map((f) => sha256File(join(out, f.name)))), manifest.files.map((f) => f.sha256), 'the files still match the manifest');
});

t.test('restore of a backup whose manifest is damaged: named as such, nothing written, never outside the data directory', async (t) => {
  const base = mkdtempSync(join(tmpdir(), 'rcm-tools-manifest-'));
  t.teardown(() => rmSync(base, { recursive: true, force: true }));
  const data = join(base, 'data');
  const store = openSqliteEventStore({ path: join(data, 'events.sqlite') });
  await store.close();
  const backup = join(base, 'backup');
  const manifest = await backupDataDir(data, backup);
  const manifestPath = join(backup, 'manifest.json');
  const cases: Array<[string, string, RegExp]> = [
    ['cut short', JSON.stringify(manifest).slice(0, 40), /manifest\.json is not valid JSON .*the backup is damaged/],
    ['fields missing', JSON.stringify({ format: 'rcm-backup/1' }), /manifest\.json is not a valid backup manifest: createdAt: .*files: /],
    [
      'a file name leading out of the data directory',
      JSON.stringify({ ...manifest, files: manifest.files.map((f) => ({ ...f, name: `../${f.name}` })) }),
      /manifest\.json is not a valid backup manifest: files\.0\.name: a plain \.sqlite file name/,
    ],
  ];
  for (const [what, text, message] of cases) {
    writeFileSync(manifestPath, text);
    const target = join(base, 'restored');
    const res = await tool('restore', ['--from', backup, '--data-dir', target]);
    t.equal(res.code, 1, what);
    t.match(res.err, message, what);
    t.notMatch(res.err, /\n\s+at |Cannot read properties/, `${what}: no JavaScript error`);
    t.notOk(existsSync(target), `${what}: nothing restored`);
  }
  t.same(readdirSync(base).sort(), ['backup', 'data']);
});

t.test('verify: events removed from the end of the log leave the chains intact, but not the read models or the kept answers', async (t) => {
  const h = await startTestApp();
  t.teardown(() => rmSync(h.dir, { recursive: true, force: true }));
  const acks: Array<{ eventId: string; position: number }> = [];
  for (const [i, step] of ethiopiaStory.slice(0, 6).entries()) {
    const res = await h.app.inject({
      method: 'POST',
      url: `/v1/countries/ET/${step.family}`,
      headers: { ...bearer(h.tokens.deskEtSo), 'content-type': 'application/json', 'idempotency-key': `tail-${i}` },
      payload: step.body,
    });
    t.equal(res.statusCode, 201, res.body);
    acks.push(res.json());
  }
  await h.ctx.readSide.runner.waitForPosition(acks.at(-1)!.position);
  await h.app.close();
  await h.ctx.close();

  const healthy = await tool('verify', ['--data-dir', h.dir]);
  t.equal(healthy.code, 0, healthy.out + healthy.err);
  t.notMatch(healthy.out, /missing/);

  // The last two events removed (and the log's head with them): every chain still verifies.
  const db = new Database(join(h.dir, 'events.sqlite'));
  db.prepare('DELETE FROM events WHERE position > ?').run(acks.at(-3)!.position);
  db.close();
  const cut = await tool('verify', ['--data-dir', h.dir]);
  t.equal(cut.code, 1, 'verify fails');
  t.match(cut.out, /All 1 chains intact/, 'the chains alone cannot show it');
  t.match(cut.out, /Events are missing from the end of the log/);
  t.match(cut.out, `were projected up to position ${acks.at(-1)!.position}, but the log ends at ${acks.at(-3)!.position}`);
  for (const a of acks.slice(-2)) t.match(cut.out, `names event ${a.eventId} at position ${a.position}, which the log does not hold`);
  for (const a of acks.slice(0, -2)) t.notMatch(cut.out, a.eventId, 'events still in the log are not named');
  const json = await tool('verify', ['--data-dir', h.dir, '--json']);
  t.equal(json.code, 1);
  const parsed = JSON.parse(json.out) as { ok: boolean; tailFindings: Array<{ source: string }> };
  t.equal(parsed.ok, false);
  t.same(parsed.tailFindings.map((f) => f.source).sort(), ['idempotency', 'idempotency', 'read-models', 'read-models']);
});

t.test('backup and restore given a path that is a file: named as such', async (t) => {
  const base = mkdtempSync(join(tmpdir(), 'rcm-tools-files-'));
  t.teardown(() => rmSync(base, { recursive: true, force: true }));
  const data = join(base, 'data');
  const store = openSqliteEventStore({ path: join(data, 'events.sqlite') });
  await store.close();
  const file = join(base, 'a-file');
  writeFileSync(file, 'x');
  await t.rejects(backupDataDir(data, file), { message: `Backup directory ${file} exists and is not a directory` });
  await t.rejects(backupDataDir(file, join(base, 'b0')), { message: `${file} is not a directory: not a data directory` });
  const backup = join(base, 'b1');
  await backupDataDir(data, backup);
  await t.rejects(restoreDataDir(backup, file), { message: `${file} exists and is not a directory; restore only into a new, empty directory` });
  t.same(readdirSync(base).sort(), ['a-file', 'b1', 'data'], 'nothing else written');
});

t.test('a direct Eurostat import goes to the configured log: with RCM_EVENTSTORE_URL, never into a local events.sqlite', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rcm-import-kurrent-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'migr_eiord.tsv');
  writeFileSync(file, 'freq,citizen,age,sex,unit,geo\\TIME_PERIOD\t2022 \nA,ET,TOTAL,T,PER,EU27_2020\t1300 \n');
  // Nothing listens on port 1: the import must fail there rather than record into a file no instance reads.
  const env = childEnv({ RCM_DATA_DIR: dir, RCM_EVENTSTORE_URL: 'kurrentdb://127.0.0.1:1?tls=false' });
  const res = await run(process.execPath, ['--import', 'tsx', 'scripts/import-eurostat.ts', '--file', file], { cwd: root, env }).then(
    () => ({ code: 0, err: '' }),
    (e: { code: number; stderr: string }) => ({ code: e.code, err: e.stderr }),
  );
  t.equal(res.code, 1, res.err);
  t.match(res.err, /Import failed/);
  t.notOk(existsSync(join(dir, 'events.sqlite')), 'no local event log');
});
