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

const variants = ['/open-maps', '/typed'] as const;
const times: Record<string, number[]> = { '/open-maps': [], '/typed': [] };
const bodies = new Map<string, string>();
for (const url of variants) {
  for (let i = 0; i < 200; i++) {
    const res = await app.inject({ url }); // warm-up
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    bodies.set(url, res.body);
  }
}
for (let done = 0; done < total; done += 100) {
  for (const url of done % 200 === 0 ? variants : [...variants].reverse()) {
    for (let i = 0; i < 100; i++) {
      const t0 = process.hrtime.bigint();
      const res = await app.inject({ url });
      times[url]!.push(Number(process.hrtime.bigint() - t0) / 1e3);
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    }
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const [open, typed] = [median(times['/open-maps']!), median(times['/typed']!)];
const page = bodies.get('/open-maps')!;
console.log(`timeline of ${country}, ${answer().entries.length} entries (${page.length} chars of JSON), ${total} requests each`);
console.log(`median app.inject: open maps ${open.toFixed(1)} us, typed data ${typed.toFixed(1)} us (${(((typed - open) / open) * 100).toFixed(1)} %)`);
console.log(`same bytes: ${page === bodies.get('/typed') ? 'yes' : 'no'}`);
await app.close();
await h.close();
