import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import t from 'tap';
import { childEnv } from '../../helpers/child-env.js';

const ROOT = join(import.meta.dirname, '../../..');
const run = (script: string, args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env: childEnv({ RCM_DATA_DIR: join(ROOT, 'no-such-data-dir') }), encoding: 'utf8' });

// Every tool the README names, by its npm script: none may answer --help or a typo with a stack trace.
const TOOLS: [npmScript: string, file: string][] = [
  ['token', 'scripts/create-token.ts'],
  ['report', 'scripts/report.ts'],
  ['verify', 'scripts/verify.ts'],
  ['replay', 'scripts/replay.ts'],
  ['backup', 'scripts/backup.ts'],
  ['restore', 'scripts/restore.ts'],
  ['demo', 'scripts/demo.ts'],
  ['migrate', 'scripts/migrate.ts'],
  ['generate', 'scripts/generate-history.ts'],
  ['rebuild', 'scripts/rebuild.ts'],
  ['bench', 'bench/run.ts'],
];

for (const [name, file] of TOOLS) {
  t.test(`npm run ${name}: --help prints the usage (exit 0); an unknown option is named with the usage (exit 2), no stack trace`, async (t) => {
    const help = run(file, ['--help']);
    t.equal(help.status, 0, help.stderr);
    t.match(help.stdout, new RegExp(`^Usage:\\n {2}npm run ${name}\\b`));
    const bad = run(file, ['--no-such-option']);
    t.equal(bad.status, 2, bad.stderr);
    t.match(bad.stderr, /Unknown option '--no-such-option'[\s\S]*\nUsage:\n/);
    t.notMatch(bad.stderr, /\n\s+at /, 'no stack trace');
  });
}

t.test('npm run demo: a server that is not there is named, not "fetch failed"', async (t) => {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  const res = run('scripts/demo.ts', ['--url', `http://127.0.0.1:${port}`, '--token', 'rcm_x']);
  t.equal(res.status, 1);
  t.match(res.stderr, new RegExp(`cannot reach http://127\\.0\\.0\\.1:${port} \\(GET /v1/countries\\): connect ECONNREFUSED[\\s\\S]*is the server running there\\?`));
});

t.test('a required option left out is named with the usage (exit 2)', async (t) => {
  for (const [file, option] of [
    ['scripts/backup.ts', '--out'],
    ['scripts/rebuild.ts', '--events'],
  ] as const) {
    const res = run(file, []);
    t.equal(res.status, 2, `${file}: ${res.stderr}`);
    t.match(res.stderr, new RegExp(`^${option} is required\\nUsage:\\n`), file);
  }
});
