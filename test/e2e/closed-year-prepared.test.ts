import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { generateHistory } from '../../scripts/generate-history.js';
import { startServer, type ServerProcess } from '../helpers/server-process.js';

// The latest closed year's annual report is prepared in the background (at start, and when a year
// is closed), so the first request for it is answered from what was kept instead of building an
// as-of view per country (seconds each at 1,000,000 events).

const countries = ['ET', 'SO', 'TN'];
const admin = `e2e-admin-${'x'.repeat(24)}`;
const PREPARED = /Closed year (\d{4}): its annual report and frozen answers are prepared/g;

async function historyDir(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'rcm-e2e-prepared-'));
  mkdirSync(join(dir, 'data'));
  // Years 2022-2024, each year closed on 1 April of the next: 2023 is the latest closed year, 2024 is open.
  await generateHistory({ events: 3000, out: join(dir, 'data', 'events.sqlite'), countries, years: 3, toYear: 2024, seed: 3, verify: 0 });
  return dir;
}

const preparedYears = (server: ServerProcess) => [...server.output().matchAll(PREPARED)].map((m) => Number(m[1]));

async function until(server: ServerProcess, year: number, timeoutMs = 60_000): Promise<void> {
  const began = Date.now();
  while (!preparedYears(server).includes(year)) {
    if (Date.now() - began > timeoutMs) throw new Error(`year ${year} not prepared in ${timeoutMs} ms:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const get = (server: ServerProcess, path: string) => fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${admin}` } });

t.test('the latest closed year is prepared at start and again once a later year is closed', async (t) => {
  const dir = await historyDir();
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const server = await startServer({ RCM_DATA_DIR: join(dir, 'data'), RCM_ADMIN_TOKEN: admin, RCM_COUNTRIES: countries.join(','), RCM_LOG_LEVEL: 'info' }, 60_000);
  t.teardown(() => server.stop());

  await until(server, 2023);
  t.same(preparedYears(server), [2023], 'at start: the latest closed year, once');
  const first = await get(server, '/v1/reports/annual/2023');
  t.equal(first.status, 200);
  t.equal(first.headers.get('x-report-cache'), 'hit', 'the first request for it is answered from the prepared body');
  const report = (await first.json()) as { manifest: { frozen?: { period: string } } };
  t.equal(report.manifest.frozen?.period, '2023', 'the prepared report is the frozen one');
  t.equal((await get(server, '/v1/reports/annual/2023?format=csv')).headers.get('x-report-cache'), 'hit', 'every format renders the one body');

  const closed = await fetch(`${server.url}/v1/periods/2024/close`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({ dataCutoff: '2025-03-15' }),
  });
  t.equal(closed.status, 201, '2024 is closed');
  await until(server, 2024);
  const next = await get(server, '/v1/reports/annual/2024');
  t.equal(next.status, 200);
  t.equal(next.headers.get('x-report-cache'), 'hit', 'the newly closed year is prepared too');
  t.same(preparedYears(server), [2023, 2024], 'nothing is prepared twice');
});

t.test('with RCM_PREPARE_CLOSED_YEAR=false nothing is built before it is asked for', async (t) => {
  const dir = await historyDir();
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const server = await startServer({ RCM_DATA_DIR: join(dir, 'data'), RCM_ADMIN_TOKEN: admin, RCM_COUNTRIES: countries.join(','), RCM_LOG_LEVEL: 'info', RCM_PREPARE_CLOSED_YEAR: 'false' }, 60_000);
  t.teardown(() => server.stop());
  // Long enough for a preparation of 3,000 events to have finished several times over.
  await new Promise((r) => setTimeout(r, 3000));
  t.same(preparedYears(server), [], 'no preparation is logged');
  const first = await get(server, '/v1/reports/annual/2023');
  t.equal(first.status, 200);
  t.equal(first.headers.get('x-report-cache'), 'built', 'the first request builds the report');
});
