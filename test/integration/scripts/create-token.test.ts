import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { TokenStore } from '../../../src/auth/token-store.js';
import { openSqliteDatabase } from '../../../src/store/open-sqlite.js';
import { childEnv } from '../../helpers/child-env.js';

const run = (dir: string, args: string[], input?: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/create-token.ts', ...args], {
    env: childEnv({ RCM_DATA_DIR: dir }),
    input,
    encoding: 'utf8',
  });

t.test('npm run token: create, provision a given token, list, revoke, refuse bad input', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rcm-token-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));

  const created = run(dir, ['--principal', 'desk-horn', '--role', 'desk', '--countries', 'et,so']);
  t.equal(created.status, 0, created.stderr);
  const info = JSON.parse(created.stdout) as { token: string; tokenId: string; countries: string[] };
  t.same(info.countries, ['ET', 'SO']);

  const shared = 'rcm_shared_' + 'a'.repeat(30);
  const supplied = run(dir, ['--principal', 'analyst-1', '--role', 'analyst', '--token-from-stdin'], `${shared}\n`);
  t.equal(supplied.status, 0);
  t.notOk(supplied.stdout.includes(shared), 'a supplied secret is not printed back');
  t.match(JSON.parse(supplied.stdout), { principal: 'analyst-1', role: 'analyst', tokenId: String }, 'the new token is described');

  const db = openSqliteDatabase(join(dir, 'auth.sqlite'));
  const tokens = new TokenStore(db);
  t.match(tokens.authenticate(info.token), { ok: true, principal: { id: 'desk-horn', role: 'desk' } });
  t.match(tokens.authenticate(shared), { ok: true, principal: { id: 'analyst-1', role: 'analyst' } });

  const listed = run(dir, ['--list']);
  t.match(listed.stdout, /desk-horn/);
  t.match(listed.stdout, /analyst-1/);

  t.equal(run(dir, ['--revoke', info.tokenId]).status, 0);
  // Another process revoked it: a running service sees that within its 5 s token cache.
  t.match(tokens.authenticate(info.token, new Date(Date.now() + 5_000)), { ok: false, reason: 'revoked' });
  t.equal(run(dir, ['--revoke', info.tokenId]).status, 1, 'revoking twice fails');
  db.close();

  const noCountry = run(dir, ['--principal', 'desk-2', '--role', 'desk']);
  t.equal(noCountry.status, 1);
  t.match(noCountry.stderr, /desk token needs at least one country/);
  t.equal(run(dir, ['--principal', 'desk-3', '--role', 'desk', '--countries', 'IQ']).status, 1, 'unconfigured country');
  t.equal(run(dir, ['--principal', 'x', '--role', 'admin', '--token-from-stdin'], 'short').status, 1, 'weak token refused');
  const scoped = run(dir, ['--principal', 'analyst-2', '--role', 'analyst', '--countries', 'ET']);
  t.equal(scoped.status, 1, 'countries on a role that is not scoped by country');
  t.match(scoped.stderr, /countries: Only desk tokens take countries/);
  const dead = run(dir, ['--principal', 'analyst-3', '--role', 'analyst', '--expires', '2020-01-01T00:00:00Z']);
  t.equal(dead.status, 1, 'an expiry in the past');
  t.match(dead.stderr, /expiresAt: expiresAt must be in the future/);
});

t.test('npm run token: --help prints the usage; an unknown option names itself and the usage, exit 2, no stack trace', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rcm-token-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const help = run(dir, ['--help']);
  t.equal(help.status, 0);
  t.match(help.stdout, /^Usage:\n {2}npm run token -- --principal NAME --role/);
  const bad = run(dir, ['--expire', '2027-01-01']);
  t.equal(bad.status, 2);
  t.match(bad.stderr, /Unknown option '--expire'[\s\S]*Usage:/);
  t.notMatch(bad.stderr, /\n\s+at /);
});

t.test('npm run token on a data directory that does not exist or is a file: the path named, exit 2, nothing created', async (t) => {
  const base = mkdtempSync(join(tmpdir(), 'rcm-token-dir-'));
  t.teardown(() => rmSync(base, { recursive: true, force: true }));
  const missing = join(base, 'dta');
  for (const args of [['--list'], ['--revoke', '00000000-0000-0000-0000-000000000000']]) {
    const res = run(missing, args);
    t.equal(res.status, 2, args.join(' '));
    t.match(res.stderr, `No token database at ${join(missing, 'auth.sqlite')}`);
  }
  t.notOk(existsSync(missing), 'listing or revoking creates no data directory');
  const file = join(base, 'a-file');
  writeFileSync(file, 'x');
  const create = run(file, ['--principal', 'analyst-1', '--role', 'analyst']);
  t.equal(create.status, 2);
  t.match(create.stderr, `Cannot open ${join(file, 'auth.sqlite')} (RCM_DATA_DIR ${file})`);
  t.notMatch(create.stderr, /\n\s+at /, 'no stack trace');
});
