/**
 * What validating the country profile's items on the way out costs (run with
 * `node --import ./test/helpers/ts-loader.mjs bench/tools/profile-validation.ts [requests] [--generated]`).
 *
 * The demo history is recorded into a test app (--generated: a generated history of 4 countries
 * over 11 years, whose profiles are several times larger, is projected instead); a second fastify app in the same process serves the
 * same ReadSide.profile answer under two response schemas: the current CountryProfile, and the
 * same schema with the item arrays as open maps (as before contracts/profile.ts). Requests alternate
 * in blocks of 100; the medians of each request's app.inject time are printed. The read route's
 * answer cache is left out on purpose: it serialises (validates) only on a miss.
 */
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CountryProfile, RequestSummary } from '../../contracts/read-models.js';
import { demoFacts } from '../../scripts/demo-data/facts.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allProjections } from '../../projections/index.js';
import { generateHistory } from '../../scripts/generate-history.js';
import { openReadModelDb } from '../../src/projection-runtime/read-model-db.js';
import { ReadSide } from '../../src/projection-runtime/read-side.js';
import { ProjectionRunner } from '../../src/projection-runtime/runner.js';
import { openSqliteEventStore } from '../../src/store/sqlite/index.js';
import { DEMO_TODAY, startDemoApp } from '../../test/helpers/demo-answers.js';
import { injectMedians } from '../lib/inject-medians.js';

async function demo(countries: string[]) {
  const h = await startDemoApp(countries);
  return { rs: h.ctx.readSide, close: () => h.close() };
}

async function projectedHistory(countries: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'rcm-profile-bench-'));
  await generateHistory({ events: 20_000, out: join(dir, 'events.sqlite'), countries, years: 11, toYear: 2024, seed: 1, verify: 0 });
  const store = openSqliteEventStore({ path: join(dir, 'events.sqlite') });
  const db = openReadModelDb(join(dir, 'rm.sqlite'));
  const runner = new ProjectionRunner({ store, db, projections: allProjections });
  await runner.start();
  return {
    rs: new ReadSide(db, runner, { countries }),
    close: async () => {
      await runner.stop();
      db.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const Json = z.record(z.string(), z.unknown());
const items = z.array(Json);
const OpenMaps = CountryProfile.extend({
  instruments: items,
  visaMeasures: z.object({ inForce: items, proposed: items, other: items }),
  dialogueTracks: items,
  openCommitments: items,
  notifications: items,
  requests: CountryProfile.shape.requests.extend({ openRequests: z.array(RequestSummary.extend({ lapse: Json.nullable() })) }),
  recentOperations: items,
  activeMoratoria: items,
  moratoria: items,
});

const total = Number(process.argv[2] ?? 2000);
const generated = process.argv.includes('--generated');
const countries = generated ? ['ET', 'SO', 'TN', 'DZ'] : [...new Set(demoFacts.map((f) => f.country))];
const { rs, close } = generated ? await projectedHistory(countries) : await demo(countries);
const sizes = countries.map((c) => [c, JSON.stringify(rs.profile(c, DEMO_TODAY)).length] as const).sort((a, b) => b[1] - a[1]);
const country = sizes[0]![0];

const app = Fastify();
app.setValidatorCompiler(validatorCompiler);
app.setSerializerCompiler(serializerCompiler);
const answer = () => rs.profile(country, DEMO_TODAY);
app.get('/open-maps', { schema: { response: { 200: OpenMaps } } }, answer);
app.get('/typed', { schema: { response: { 200: CountryProfile } } }, answer);
await app.ready();

const medians = await injectMedians(app, ['/open-maps', '/typed'], total);
// The answer alone, without HTTP: what part of a request building the profile is.
const build: number[] = [];
for (let i = 0; i < total; i++) {
  const t0 = process.hrtime.bigint();
  answer();
  build.push(Number(process.hrtime.bigint() - t0) / 1e3);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const [before, after] = [medians['/open-maps']!.median, medians['/typed']!.median];
console.log(`profile of ${country} (${sizes[0]![1]} chars of JSON; profiles: ${sizes.map(([c, n]) => `${c} ${n}`).join(', ')}), ${total} requests each`);
console.log(`median app.inject: open maps ${before.toFixed(1)} us, typed items ${after.toFixed(1)} us (${(((after - before) / before) * 100).toFixed(1)} %); ReadSide.profile alone ${median(build).toFixed(1)} us`);
await app.close();
await close();
