/**
 * What the typed event data of the OpenAPI document would cost if answers were validated with it
 * (run with `node --import ./test/helpers/ts-loader.mjs bench/tools/timeline-validation.ts [requests] [--limit N]`).
 *
 * The demo history is recorded into a test app; a second fastify app in the same process serves the
 * same ReadSide.timeline page (the country with the most entries, `limit` entries, default 100) under
 * two response schemas: TimelinePage as the route declares it (open `data` maps), and the schema the
 * document shows for it (contracts/event-docs.ts: data typed by `type`). Requests alternate in blocks
 * of 100; the medians of each request's app.inject time are printed, and whether the two answers
 * have the same bytes. The read route's answer cache is left out on purpose: it serialises
 * (validates) only on a miss.
 */
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { documentedSchema } from '../../contracts/documented.js';
import { TimelinePage } from '../../contracts/read-models.js';
import { demoFacts } from '../../scripts/demo-data/facts.js';
import { startDemoApp } from '../../test/helpers/demo-answers.js';
import { injectMedians } from '../lib/inject-medians.js';

const total = Number(process.argv[2] ?? 1000);
const limitAt = process.argv.indexOf('--limit');
const limit = limitAt > 0 ? Number(process.argv[limitAt + 1]) : 100;
const countries = [...new Set(demoFacts.map((f) => f.country))];
const h = await startDemoApp(countries);
const rs = h.ctx.readSide;
const sizes = countries.map((c) => [c, rs.timeline(c, { limit: 500 }).entries.length] as const).sort((a, b) => b[1] - a[1]);
const country = sizes[0]![0];
const answer = () => rs.timeline(country, { limit });

const app = Fastify();
app.setValidatorCompiler(validatorCompiler);
app.setSerializerCompiler(serializerCompiler);
app.get('/open-maps', { schema: { response: { 200: TimelinePage } } }, answer);
app.get('/typed', { schema: { response: { 200: documentedSchema(TimelinePage) } } }, answer);
await app.ready();

const { '/open-maps': open, '/typed': typed } = await injectMedians(app, ['/open-maps', '/typed'], total);
console.log(`timeline of ${country}, ${answer().entries.length} entries (${open!.body.length} chars of JSON), ${total} requests each`);
console.log(`median app.inject: open maps ${open!.median.toFixed(1)} us, typed data ${typed!.median.toFixed(1)} us (${(((typed!.median - open!.median) / open!.median) * 100).toFixed(1)} %)`);
console.log(`same bytes: ${open!.body === typed!.body ? 'yes' : 'no'}`);
await app.close();
await h.close();
