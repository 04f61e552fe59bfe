import t from 'tap';
import type { z } from 'zod';
import { COUNTRY_FAMILIES, CreateTokenBody, eventsOfFamily, familyCommandBody, Problem, type CountryFamily } from '../../../contracts/index.js';
import { factExamples } from '../../../contracts/examples/facts.js';
import { problemExample } from '../../../contracts/examples/problem.js';
import { timelineExample } from '../../../contracts/examples/timeline.js';
import { ClosePeriodBody, PublishScoringModelBody, TimelinePage } from '../../../contracts/read-models.js';
import { bearer, startTestApp, type TestApp } from '../../helpers/test-app.js';

/*
 * Every example of the OpenAPI document parses with the zod schema it documents, and every request
 * example is accepted by a fresh app: facts in the order they happened (what happens later in the
 * world needs what came before), corrections with the eventId of the fact they correct.
 */

type Media = { example?: unknown; examples?: Record<string, { value: unknown }> };
type Operation = { requestBody?: { content: Record<string, Media> }; responses?: Record<string, { content?: Record<string, Media> }> };
type Doc = { paths: Record<string, Record<string, Operation>> };

interface Found {
  where: string;
  method: string;
  path: string;
  /** 'body' or the response status. */
  part: string;
  key: string | null;
  value: unknown;
}

const FAMILY_ROUTE = /^\/v1\/countries\/\{country\}\/([a-z-]+)$/;
const json = { 'content-type': 'application/json' };

/** The zod schema the route declares for that body or response (the document is generated from it). */
function schemaOf(f: Found): z.ZodType | undefined {
  if (f.part === 'body') {
    if (f.method !== 'post') return undefined;
    const family = FAMILY_ROUTE.exec(f.path)?.[1];
    if (family && (COUNTRY_FAMILIES as string[]).includes(family)) return familyCommandBody(family as CountryFamily);
    return ({ '/v1/tokens': CreateTokenBody, '/v1/scoring-models': PublishScoringModelBody, '/v1/periods/{year}/close': ClosePeriodBody } as Record<string, z.ZodType>)[f.path];
  }
  if (f.part === '200' && f.method === 'get' && f.path === '/v1/countries/{country}/timeline') return TimelinePage;
  return Number(f.part) >= 400 ? Problem : undefined;
}

/** Every `example` and `examples` anywhere in the document, with where it stands. */
function collectExamples(doc: unknown): Found[] {
  const found: Found[] = [];
  const visit = (node: unknown, trail: string[]) => {
    if (Array.isArray(node)) return node.forEach((n, i) => visit(n, [...trail, String(i)]));
    if (node === null || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (k !== 'example' && k !== 'examples' && k !== 'x-examples') {
        visit(v, [...trail, k]);
        continue;
      }
      // paths / {path} / {method} / requestBody / content / {type}, or .../ responses / {status} / content / {type}
      const [root, path = '', method = '', section = '', status = ''] = trail;
      const part = root === 'paths' && section === 'requestBody' ? 'body' : root === 'paths' && section === 'responses' ? status : '?';
      const at = (key: string | null, value: unknown) =>
        found.push({ where: `${[...trail, k].join(' > ')}${key === null ? '' : ` > ${key}`}`, method, path, part, key, value });
      const onMedia = part !== '?' && trail.length === (part === 'body' ? 6 : 7) && trail[trail.length - 2] === 'content';
      if (k === 'example') at(null, v);
      else if (Array.isArray(v)) v.forEach((value, i) => at(String(i), value));
      else if (onMedia && k === 'examples' && v !== null && typeof v === 'object') {
        for (const [key, entry] of Object.entries(v)) at(key, (entry as { value?: unknown }).value);
      } else at('?', v); // an examples keyword in an unexpected shape or place: reported as unknown below
      if (!onMedia) found[found.length - 1]!.part = '?';
    }
  };
  visit(doc, []);
  return found;
}

async function documentOf(h: TestApp): Promise<Doc> {
  const res = await h.app.inject({ method: 'GET', url: '/docs/json' });
  if (res.statusCode !== 200) throw new Error(`GET /docs/json answered ${res.statusCode}`);
  return res.json() as Doc;
}

t.test('every example in /docs/json parses with the schema it documents', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  const doc = await documentOf(h);
  const found = collectExamples(doc);
  t.ok(found.length > 0, 'the document has examples');
  for (const f of found) {
    const schema = schemaOf(f);
    if (!schema) {
      t.fail(`no schema known for the example at ${f.where}`);
      continue;
    }
    const parsed = schema.safeParse(f.value);
    t.ok(parsed.success, `${f.where}${parsed.success ? '' : `: ${JSON.stringify(parsed.error.issues)}`}`);
  }

  const bodies = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).filter(([, op]) => op.requestBody).map(([method]) => `${method} ${path}`),
  );
  t.ok(bodies.length >= 10, `request bodies documented: ${bodies.join(', ')}`);
  for (const body of bodies) t.ok(found.some((f) => f.part === 'body' && `${f.method} ${f.path}` === body), `${body} has an example`);

  for (const family of COUNTRY_FAMILIES) {
    const types = new Set(found.filter((f) => f.part === 'body' && f.path === `/v1/countries/{country}/${family}`).map((f) => (f.value as { type: string }).type));
    for (const def of eventsOfFamily(family)) t.ok(types.has(def.type), `${family}: an example of ${def.type}`);
  }
  t.ok(found.some((f) => f.part === '400'), 'a problem+json example');
  t.ok(found.some((f) => f.part === '200'), 'a read answer example (timeline page)');
  t.notOk(found.some((f) => Number(f.part) >= 400 && (f.value as { status?: number }).status !== Number(f.part)), 'problem examples stand under their own status');
});

t.test('the corrections body says what a desk must send: the whole data, and where the corrected date goes', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  const doc = (await documentOf(h)) as unknown as { paths: Record<string, { post: { requestBody: { content: { 'application/json': { schema: { oneOf: Record<string, any>[] } } } } } }> };
  const [corrected, retracted] = doc.paths['/v1/countries/{country}/corrections']!.post.requestBody.content['application/json'].schema.oneOf;
  const data = corrected!.properties.data.properties;
  t.match(data.data.description, /whole corrected data .* not only the changed ones/);
  t.match(data.occurredOn.description, /corrected occurredOn .*the correction's own occurredOn is the date of the correction/);
  t.match(data.correctedEventId.description, /eventId of the fact to correct/);
  t.match(retracted!.description, /A retraction is final/);
});

t.test('every request-body example is accepted by a fresh app', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  const doc = await documentOf(h);
  const bodies = collectExamples(doc).filter((f) => f.part === 'body');
  const desk = bearer(h.ctx.tokens.create({ principal: 'desk-examples', role: 'desk', countries: ['ET', 'SO', 'TN', 'DZ', 'TR'] }).token);
  const admin = bearer(h.tokens.admin);

  // Facts: the document's examples, with where each is posted (country, corrected example) from contracts/examples.
  const facts = bodies.filter((f) => FAMILY_ROUTE.test(f.path));
  const meta = new Map(factExamples.map((e) => [e.key, e]));
  t.same(facts.map((f) => f.key).sort(), [...meta.keys()].sort(), 'the document shows every example fact of contracts/examples, and only those');
  const order = facts
    .map((f, index) => ({ f, index, meta: meta.get(f.key!)!, value: structuredClone(f.value) as { type: string; occurredOn: string; data: Record<string, unknown> } }))
    .sort((a, b) => a.value.occurredOn.localeCompare(b.value.occurredOn) || a.index - b.index);
  const recorded = new Map<string, string>();
  for (const { f, meta: m, value } of order) {
    if (m.target !== undefined) {
      const eventId = recorded.get(m.target);
      if (eventId === undefined) {
        t.fail(`${f.key} corrects ${m.target}, which is not recorded before it`);
        continue;
      }
      if (value.type === 'EntryCorrected') value.data['correctedEventId'] = eventId;
      else value.data['retractedEventId'] = eventId;
    }
    const url = f.path.replace('{country}', m.country);
    const res = await h.app.inject({ method: 'POST', url, headers: { ...desk, ...json }, payload: value });
    t.equal(res.statusCode, 201, `${f.key} (${value.occurredOn}) to ${url}${res.statusCode === 201 ? '' : `: ${res.body}`}`);
    if (res.statusCode === 201) recorded.set(f.key!, res.json().eventId);
  }
  t.equal(recorded.size, facts.length, `all ${facts.length} example facts recorded`);

  // Admin bodies. The example of a period's closing is keyed by its year.
  const others = bodies.filter((f) => !FAMILY_ROUTE.test(f.path));
  t.ok(others.length >= 4, 'tokens, scoring model and period examples');
  for (const f of others) {
    const url = f.path.replace('{year}', f.key ?? '');
    const res = await h.app.inject({ method: 'POST', url, headers: { ...admin, ...json }, payload: f.value as object });
    t.equal(res.statusCode, 201, `${f.key} to ${url}${res.statusCode === 201 ? '' : `: ${res.body}`}`);
  }
});

t.test('the problem+json example is what the service answers', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  const track = factExamples.find((e) => e.key === 'DialogueTrackOpened')!;
  const res = await h.app.inject({
    method: 'POST',
    url: '/v1/countries/DZ/dialogues',
    headers: { ...bearer(h.ctx.tokens.create({ principal: 'desk-dz', role: 'desk', countries: ['DZ'] }).token), ...json },
    payload: { ...track.value, occurredOn: '2024-02-30' },
  });
  const { instance: _instance, ...answer } = res.json() as Record<string, unknown>;
  t.same(answer, problemExample);
});

t.test('the timeline example is what the service answers after its facts were recorded', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  let position = 0;
  for (const key of ['ReturnDecisionsReported', 'ReturnsReported']) {
    const fact = factExamples.find((e) => e.key === key)!;
    const res = await h.app.inject({ method: 'POST', url: `/v1/countries/${fact.country}/statistics`, headers: { ...bearer(h.tokens.deskEtSo), ...json }, payload: fact.value });
    t.equal(res.statusCode, 201, res.body);
    position = res.json().position;
  }
  const res = await h.app.inject({ method: 'GET', url: `/v1/countries/ET/timeline?family=statistics&minPosition=${position}`, headers: bearer(h.tokens.analyst) });
  t.equal(res.statusCode, 200, res.body);
  // Ids and recording times differ from run to run; everything else is the answer.
  const volatile = (page: typeof timelineExample) => ({ ...page, entries: page.entries.map((e) => ({ ...e, eventId: '<id>', recordedAt: '<time>' })) });
  t.same(volatile(res.json()), volatile(timelineExample));
});
