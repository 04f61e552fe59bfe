import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { generateHistory } from '../../scripts/generate-history.js';
import { openContext } from '../../src/app/open-context.js';
import { loadConfig } from '../../src/config/config.js';
import { buildApp } from '../../src/http/app.js';
import { ethiopiaStory } from '../helpers/facts.js';

// What `npm start` does: the server answers while a rebuild runs (here in worker threads). 50,000
// events take the workers well over a second to fold, the checks before `await ctx.caughtUp` a few
// milliseconds: with 3,000, workers that started quickly had finished before the first read.
t.test('with the catch-up in the background, the service records writes and says it is not ready until the read models have caught up', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rcm-background-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  await generateHistory({ events: 50_000, out: join(dir, 'events.sqlite'), countries: ['SO', 'TN'], years: 2, toYear: 2024, seed: 5, verify: 0 });
  const config = loadConfig({ RCM_DATA_DIR: dir, RCM_COUNTRIES: 'ET,SO,TN', RCM_BUILD_WORKERS: '2', RCM_BUILD_WORKERS_MIN_EVENTS: '1' });
  const ctx = await openContext(config, { catchUp: 'background' });
  const app = await buildApp(ctx);
  t.teardown(async () => {
    await app.close();
    await ctx.close();
  });
  const desk = `Bearer ${ctx.tokens.create({ principal: 'desk-1', role: 'desk', countries: ['ET'] }).token}`;
  const analyst = `Bearer ${ctx.tokens.create({ principal: 'analyst-1', role: 'analyst' }).token}`;

  const notReady = await app.inject({ method: 'GET', url: '/ready' });
  t.equal(notReady.statusCode, 503, 'not ready while rebuilding');
  t.match(notReady.json(), { code: 'NOT_READY', checks: { projections: { ok: false, detail: /country-state rebuilding at \d+\/50000/ } } });
  t.equal((await app.inject({ method: 'GET', url: '/health' })).statusCode, 200, 'alive');
  const profile = await app.inject({ method: 'GET', url: '/v1/countries/SO/profile', headers: { authorization: analyst } });
  t.equal(profile.statusCode, 503, 'a read with no live version yet');
  t.equal(profile.json().code, 'NOT_CAUGHT_UP');

  const step = ethiopiaStory[0]!;
  const write = await app.inject({ method: 'POST', url: `/v1/countries/ET/${step.family}`, headers: { authorization: desk, 'content-type': 'application/json' }, payload: step.body });
  t.equal(write.statusCode, 201, `a write during the rebuild is recorded: ${write.body}`);
  t.equal(write.json().position, 50_001);

  await ctx.caughtUp;
  t.equal((await app.inject({ method: 'GET', url: '/ready' })).statusCode, 200, 'ready once caught up');
  // The catch-up may settle at the build's end (50,000) just before the runner follows that write.
  await ctx.readSide.runner.waitForPosition(50_001, 10_000);
  t.equal(ctx.readSide.runner.servedPosition(), 50_001, 'the write made during the rebuild reaches the read models');
  const timeline = await app.inject({ method: 'GET', url: '/v1/countries/ET/timeline', headers: { authorization: analyst } });
  t.equal(timeline.statusCode, 200);
  t.same(timeline.json().entries.map((e: { eventId: string }) => e.eventId), [write.json().eventId]);
});

t.test('a stop during a background catch-up ends it cleanly; the next start builds the read models', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rcm-background-stop-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  await generateHistory({ events: 3000, out: join(dir, 'events.sqlite'), countries: ['SO', 'TN'], years: 2, toYear: 2024, seed: 6, verify: 0 });
  const config = loadConfig({ RCM_DATA_DIR: dir, RCM_BUILD_WORKERS: '2', RCM_BUILD_WORKERS_MIN_EVENTS: '1' });
  const first = await openContext(config, { catchUp: 'background' });
  t.equal(first.readSide.runner.servedPosition(), 0, 'still catching up');
  await first.close();
  await first.caughtUp; // settled by the stop, without an error

  const second = await openContext(config);
  t.teardown(() => second.close());
  t.equal(second.readSide.runner.servedPosition(), 3000);
});
