import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { ethiopiaStory } from '../helpers/facts.js';
import { startServer } from '../helpers/server-process.js';

// Started the way `npm start` starts it (transpiled by scripts/build.mjs), the other server tests run the sources.
t.test('first start prints an admin token once; a desk records facts; a restart keeps everything', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rcm-e2e-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));

  const first = await startServer({ RCM_DATA_DIR: dir });
  const m = /^\s+(rcm_[A-Za-z0-9_-]+)$/m.exec(first.output());
  t.ok(m, 'the admin token is printed on first start');
  const admin = m![1]!;
  const call = (url: string, token: string, method = 'GET', body?: unknown) =>
    fetch(`${url}${method === 'GET' ? '' : ''}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });

  const created = await call(`${first.url}/v1/tokens`, admin, 'POST', { principal: 'desk-horn', role: 'desk', countries: ['ET', 'SO'] });
  t.equal(created.status, 201);
  const desk = ((await created.json()) as { token: string }).token;

  const acks: unknown[] = [];
  for (const step of ethiopiaStory) {
    const res = await call(`${first.url}/v1/countries/ET/${step.family}`, desk, 'POST', step.body);
    t.equal(res.status, 201, step.body.type);
    acks.push(await res.json());
  }
  t.equal(await first.stop('SIGTERM'), 0, 'graceful shutdown exits 0');

  const second = await startServer({ RCM_DATA_DIR: dir });
  t.teardown(() => second.stop());
  t.notMatch(second.output(), /admin token/, 'no new admin token on a later start');
  const page = await call(`${second.url}/v1/countries/ET/events?limit=1000`, admin);
  t.equal(page.status, 200);
  const stored = ((await page.json()) as { events: Array<Record<string, unknown>> }).events;
  t.same(
    stored.map((e) => ({ eventId: e['eventId'], streamRevision: e['streamRevision'], hash: e['hash'] })),
    acks.map((a) => {
      const r = a as Record<string, unknown>;
      return { eventId: r['eventId'], streamRevision: r['streamRevision'], hash: r['hash'] };
    }),
    'every acknowledged fact is there after the restart, with the same id, revision and hash',
  );
  const again = await call(`${second.url}/v1/countries/ET/dialogues`, desk, 'POST', ethiopiaStory[0].body);
  t.equal(again.status, 409, 'state is rebuilt from the log: the track already exists');
  // Files beside the code are found from the transpiled copy too.
  const dashboard = await fetch(`${second.url}/`);
  t.equal(dashboard.status, 200, 'the dashboard is served');
  t.match(dashboard.headers.get('content-type'), /text\/html/);
});

t.test('a port it cannot take stops the server with a message naming HOST and PORT, exit code 2, no stack trace', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rcm-e2e-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const taken = createServer();
  await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
  t.teardown(() => taken.close());
  const port = (taken.address() as AddressInfo).port;
  const failed = await startServer({ RCM_DATA_DIR: dir, PORT: String(port) }).then(
    () => null,
    (e: Error) => e.message,
  );
  t.match(failed, new RegExp(`exited with 2:[\\s\\S]*Cannot listen on 127\\.0\\.0\\.1:${port} \\(HOST, PORT\\): listen EADDRINUSE`));
  t.notMatch(failed, /\n\s+at /, 'no stack trace');
});
