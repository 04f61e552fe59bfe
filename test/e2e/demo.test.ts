import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import t from 'tap';
import { demoFacts } from '../../scripts/demo-data/facts.js';
import { startServer } from '../helpers/server-process.js';
import { childEnv } from '../helpers/child-env.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);
const ADMIN = 'e2e-demo-admin-token-0123456789abcdef';

async function demo(url: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/demo.ts', '--url', url, '--token', ADMIN], { cwd: root, env: childEnv() });
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

t.test('npm run demo against a real server: facts for all five countries, idempotent, chains intact', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rcm-demo-'));
  // The sources under tsx, as `npm run dev` starts them (the other end-to-end tests run the transpiled copy).
  const server = await startServer({ RCM_DATA_DIR: dir, RCM_ADMIN_TOKEN: ADMIN }, 30_000, { compiled: false });
  t.teardown(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const first = await demo(server.url);
  t.equal(first.code, 0, first.out);
  for (const c of ['ET', 'SO', 'TN', 'DZ', 'TR']) {
    const expected = demoFacts.filter((f) => f.country === c).length;
    t.match(first.out, new RegExp(`${c}: ${expected} recorded, 0 already present\\n`), `${c}: all ${expected} facts recorded`);
  }

  const second = await demo(server.url);
  t.equal(second.code, 0, second.out);
  t.match(second.out, /^0 facts recorded/m, 'running it twice records nothing new');

  const auth = { authorization: `Bearer ${ADMIN}` };
  const feed = await (await fetch(`${server.url}/v1/audit/events?limit=1`, { headers: auth })).json();
  t.equal(feed.headPosition, demoFacts.length, 'exactly one event per fact');
  const verify = await (await fetch(`${server.url}/v1/audit/verify`, { headers: auth })).json();
  t.equal(verify.ok, true);
  t.equal(verify.streams.length, 5);

  const events = await (await fetch(`${server.url}/v1/audit/events?limit=1000`, { headers: auth })).json();
  const statuses = new Set(events.events.map((e: { provenance: { evidenceStatus: string } }) => e.provenance.evidenceStatus));
  t.same([...statuses].sort(), ['confirmed', 'estimate', 'reported', 'secondary'], 'evidence statuses are honest and varied');
  const estimates = events.events.filter((e: { provenance: { reference: string; evidenceStatus: string } }) => /estimate/i.test(e.provenance.reference));
  t.ok(estimates.every((e: { provenance: { evidenceStatus: string } }) => e.provenance.evidenceStatus === 'estimate'), 'anything called an estimate is marked estimate');

  const report = await fetch(`${server.url}/v1/reports/annual/2023?format=json`, { headers: auth });
  t.equal(report.status, 200);
  const body = await report.json();
  const tr = body.report.countries.find((c: { country: string }) => c.country === 'TR');
  t.match(tr.instruments.find((i: { instrumentId: string }) => i.instrumentId === 'TR-EU-RA-2013'), { statusAtYearEnd: 'in-force', suspension: { effect: 'declared-only', declaredBy: 'partner' } }, 'the 2019 suspension claim was declared only');
  t.ok(body.report.countries.every((c: { scorecard: { indicators: { available: boolean }[] } }) => c.scorecard.indicators.some((i) => i.available)), 'every country has indicator data for 2023');
});
