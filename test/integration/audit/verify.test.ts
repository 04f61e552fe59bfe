import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import t from 'tap';
import { portRawSource } from '../../../src/audit/raw-event-source.js';
import { verifyLog } from '../../../src/audit/verify-log.js';
import { ethiopiaStory } from '../../helpers/facts.js';
import { bearer, startTestApp, type TestApp } from '../../helpers/test-app.js';
import { childEnv } from '../../helpers/child-env.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const run = promisify(execFile);

async function recordStory(h: TestApp): Promise<void> {
  for (const step of ethiopiaStory) {
    const res = await h.app.inject({
      method: 'POST',
      url: `/v1/countries/ET/${step.family}`,
      headers: { ...bearer(h.tokens.deskEtSo), 'content-type': 'application/json' },
      payload: step.body,
    });
    if (res.statusCode !== 201) throw new Error(`${step.body.type}: ${res.body}`);
  }
}

async function verifyCli(dataDir: string): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/verify.ts', '--data-dir', dataDir], { cwd: root, env: childEnv() });
    return { code: 0, stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout + err.stderr };
  }
}

t.test('GET /v1/audit/events: the raw global feed, paged, auditor and admin only', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  await recordStory(h);
  const head = await h.ctx.store.headPosition();
  const first = await h.app.inject({ method: 'GET', url: '/v1/audit/events?limit=4', headers: bearer(h.tokens.auditor) });
  t.equal(first.statusCode, 200, first.body);
  const page = first.json();
  t.same(page.events.map((e: { position: number }) => e.position), [1, 2, 3, 4]);
  t.equal(page.nextPosition, 5);
  t.equal(page.headPosition, head);
  t.match(page.events[0], { streamId: 'country-ET', hash: /^[0-9a-f]{64}$/, prevHash: '0'.repeat(64) });
  const last = await h.app.inject({ method: 'GET', url: `/v1/audit/events?fromPosition=${head}&limit=10`, headers: bearer(h.tokens.admin) });
  t.equal(last.json().events.length, 1);
  t.equal(last.json().nextPosition, null);
  for (const token of [h.tokens.analyst, h.tokens.deskEtSo]) {
    const res = await h.app.inject({ method: 'GET', url: '/v1/audit/events', headers: bearer(token) });
    t.equal(res.statusCode, 403);
  }
  const bad = await h.app.inject({ method: 'GET', url: '/v1/audit/events?limit=0', headers: bearer(h.tokens.auditor) });
  t.equal(bad.statusCode, 400);
});

t.test('verify: intact chains pass; a modified event row is named by stream and revision (HTTP and CLI)', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  await recordStory(h);
  await h.app.inject({
    method: 'POST',
    url: '/v1/countries/TN/dialogues',
    headers: { ...bearer(h.tokens.deskTn), 'content-type': 'application/json' },
    payload: { ...ethiopiaStory[0]!.body, data: { ...ethiopiaStory[0]!.body.data, trackId: 'TN-NL-1', parties: ['NL', 'TN'] } },
  });

  const healthy = await h.app.inject({ method: 'GET', url: '/v1/audit/verify', headers: bearer(h.tokens.auditor) });
  t.equal(healthy.statusCode, 200, healthy.body);
  const report = healthy.json();
  t.equal(report.ok, true);
  t.equal(report.eventsChecked, ethiopiaStory.length + 1);
  t.same(report.streams.map((s: { streamId: string }) => s.streamId), ['country-ET', 'country-TN']);
  const et = report.streams[0];
  const heads = await h.ctx.store.streamHeads();
  t.equal(et.headHash, heads.find((x) => x.streamId === 'country-ET')!.lastHash, 'head hash is the stored head');

  const cliOk = await verifyCli(h.dir);
  t.equal(cliOk.code, 0, cliOk.stdout);
  t.match(cliOk.stdout, /All 2 chains intact/);

  // Tamper: change the data of revision 2 of Ethiopia's stream behind the service's back.
  const target = (await h.ctx.store.readStream('country-ET'))[2]!;
  const db = new Database(join(h.dir, 'events.sqlite'));
  const changed = db
    .prepare(`UPDATE events SET occurred_on = '2018-02-06' WHERE stream_id = 'country-ET' AND stream_revision = 2`)
    .run().changes;
  db.close();
  t.equal(changed, 1);

  const res = await h.app.inject({ method: 'GET', url: '/v1/audit/verify', headers: bearer(h.tokens.admin) });
  const broken = res.json();
  t.equal(broken.ok, false);
  const etBroken = broken.streams.find((s: { streamId: string }) => s.streamId === 'country-ET');
  t.match(etBroken, { ok: false, eventsChecked: 2, broken: { streamId: 'country-ET', streamRevision: 2, eventId: target.eventId, reason: /altered/ } });
  t.equal(broken.streams.find((s: { streamId: string }) => s.streamId === 'country-TN').ok, true, 'other streams are still verified');

  const cliBroken = await verifyCli(h.dir);
  t.equal(cliBroken.code, 1, 'non-zero exit code on a break');
  t.match(cliBroken.stdout, new RegExp(`First broken link in country-ET at revision 2 \\(event ${target.eventId}`));

  const forbidden = await h.app.inject({ method: 'GET', url: '/v1/audit/verify', headers: bearer(h.tokens.analyst) });
  t.equal(forbidden.statusCode, 403);
});

t.test('verify CLI: a missing data directory is an error, not a pass', async (t) => {
  const res = await verifyCli(join(root, 'does-not-exist-dir'));
  t.equal(res.code, 2, res.stdout);
});

t.test('verification leaves the event loop free between pages (the embedded store reads synchronously)', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  await recordStory(h);
  let immediateRan = false;
  setImmediate(() => (immediateRan = true));
  const seen: boolean[] = [];
  const report = await verifyLog(portRawSource(h.ctx.store), { pageSize: 5, onProgress: () => seen.push(immediateRan) });
  t.ok(report.ok);
  t.ok(seen.length > 2, `${seen.length} pages`);
  t.equal(seen[0], false, 'the first page is read at once');
  t.equal(seen[1], true, 'a callback queued before it ran before the second page');
});

t.test('GET /v1/audit/verify: requests arriving while a verification runs share it', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  await recordStory(h);
  const store = h.ctx.store;
  const readAllRaw = store.readAllRaw.bind(store);
  let pages = 0;
  store.readAllRaw = (options) => {
    pages++;
    return readAllRaw(options);
  };
  t.teardown(() => void (store.readAllRaw = readAllRaw));
  const verify = () => h.app.inject({ method: 'GET', url: '/v1/audit/verify', headers: bearer(h.tokens.auditor) });
  const alone = await verify();
  const pagesAlone = pages;
  t.ok(pagesAlone >= 1);
  pages = 0;
  const together = await Promise.all([verify(), verify(), verify()]);
  t.same(together.map((r) => r.body), [alone.body, alone.body, alone.body], 'the same report');
  t.equal(pages, pagesAlone, 'read once for three requests');
  pages = 0;
  await verify();
  t.equal(pages, pagesAlone, 'a later request verifies anew');
});
