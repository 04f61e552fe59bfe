import t from 'tap';
import { z } from 'zod';
import { COUNTRY_FAMILIES, CreateTokenBody, eventsOfFamily, familyCommandBody, Problem, type CountryFamily } from '../../../contracts/index.js';
import { factExamples } from '../../../contracts/examples/facts.js';
import { problemExample } from '../../../contracts/examples/problem.js';
import { timelineExample } from '../../../contracts/examples/timeline.js';
import { annualReportExample } from '../../../contracts/examples/annual-report.js';
import { countryListExample, profileExample, scorecardExample, scoringModelListExample } from '../../../contracts/examples/read-answers.js';
import { AnnualReport } from '../../../contracts/annual-report.js';
import { ClosePeriodBody, CountryList, CountryProfile, PublishScoringModelBody, ScorecardResponse, ScoringModelList, TimelinePage } from '../../../contracts/read-models.js';
import { documentedSchema } from '../../../contracts/documented.js';
import { checkContentHash } from '../../../src/reports/manifest.js';
import { startDemoApp, withoutVolatile } from '../../helpers/demo-answers.js';
import { postExampleFacts } from '../../helpers/example-facts.js';
import { bearer, startTestApp, type TestApp } from '../../helpers/test-app.js';

/*
 * Every example of the OpenAPI document parses with the zod schema it documents, and every request
 * example is accepted by a fresh app (facts in the order they happened: test/helpers/example-facts.ts).
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

/** The response examples of the document, by operation and status, with the schema each illustrates. */
const READ_ANSWERS: Record<string, z.ZodType> = {
  'get /v1/countries/{country}/timeline 200': TimelinePage,
  'get /v1/countries 200': CountryList,
  'get /v1/countries/{country}/profile 200': CountryProfile,
  'get /v1/countries/{country}/scorecards/{year} 200': ScorecardResponse,
  'get /v1/scoring-models 200': ScoringModelList,
  'get /v1/reports/annual/{year} 200': AnnualReport,
};

/** The zod schema the route declares for that body or response (the document is generated from it). */
function schemaOf(f: Found): z.ZodType | undefined {
  if (f.part === 'body') {
    if (f.method !== 'post') return undefined;
    const family = FAMILY_ROUTE.exec(f.path)?.[1];
    if (family && (COUNTRY_FAMILIES as string[]).includes(family)) return familyCommandBody(family as CountryFamily);
    return ({ '/v1/imports/eurostat': z.string(), '/v1/tokens': CreateTokenBody, '/v1/scoring-models': PublishScoringModelBody, '/v1/periods/{year}/close': ClosePeriodBody } as Record<string, z.ZodType>)[f.path];
  }
  if (Number(f.part) >= 400 || f.part === 'component:Problem') return Problem;
  return READ_ANSWERS[`${f.method} ${f.path} ${f.part}`];
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
      // An example on a named component (components / schemas / {name}) is that schema's.
      const component = root === 'components' && path === 'schemas' && trail.length === 3 ? `component:${method}` : null;
      const part = root === 'paths' && section === 'requestBody' ? 'body' : root === 'paths' && section === 'responses' ? status : (component ?? '?');
      const at = (key: string | null, value: unknown) =>
        found.push({ where: `${[...trail, k].join(' > ')}${key === null ? '' : ` > ${key}`}`, method, path, part, key, value });
      const onMedia = part !== '?' && trail.length === (part === 'body' ? 6 : 7) && trail[trail.length - 2] === 'content';
      if (k === 'example') at(null, v);
      else if (Array.isArray(v)) v.forEach((value, i) => at(String(i), value));
      else if (onMedia && k === 'examples' && v !== null && typeof v === 'object') {
        for (const [key, entry] of Object.entries(v)) at(key, (entry as { value?: unknown }).value);
      } else at('?', v); // an examples keyword in an unexpected shape or place: reported as unknown below
      if (!onMedia && !component) found[found.length - 1]!.part = '?';
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
    // The schema the document shows (the event envelopes typed by `type`: contracts/documented.ts).
    const parsed = documentedSchema(schema).safeParse(f.value);
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
  // The problem+json schema is one component, with its example, that every error answer refers to.
  t.ok(found.some((f) => f.part === 'component:Problem'), 'a problem+json example');
  for (const answer of Object.keys(READ_ANSWERS)) t.ok(found.some((f) => `${f.method} ${f.path} ${f.part}` === answer), `${answer} has an example`);
  t.notOk(found.some((f) => Number(f.part) >= 400 && (f.value as { status?: number }).status !== Number(f.part)), 'problem examples stand under their own status');
});

t.test('the corrections body says what a desk must send: the whole data, and where the corrected date goes', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  const doc = (await documentOf(h)) as unknown as {
    paths: Record<string, { post: { requestBody: { content: { 'application/json': { schema: { oneOf: Record<string, any>[] } } } } } }>;
    components: { schemas: Record<string, any> };
  };
  const [corrected, retracted] = doc.paths['/v1/countries/{country}/corrections']!.post.requestBody.content['application/json'].schema.oneOf;
  // The event's data is a component (EntryCorrectedData).
  const ref = corrected!.properties.data.$ref as string;
  t.equal(ref, '#/components/schemas/EntryCorrectedData');
  const data = doc.components.schemas[ref.split('/').pop()!].properties;
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
  const posted = await postExampleFacts(
    h,
    desk,
    facts.map((f) => ({ ...meta.get(f.key!)!, key: f.key!, path: f.path, value: f.value })),
  );
  for (const { fact, url, res, skipped } of posted) {
    const value = fact.value as { occurredOn: string };
    if (res === null) t.fail(`${fact.key} ${skipped}`);
    else t.equal(res.statusCode, 201, `${fact.key} (${value.occurredOn}) to ${url}${res.statusCode === 201 ? '' : `: ${res.body}`}`);
  }
  const recorded = posted.filter((p) => p.res?.statusCode === 201);
  t.equal(recorded.length, facts.length, `all ${facts.length} example facts recorded`);

  // Admin bodies. The example of a period's closing is keyed by its year, an import file by its dataset.
  const others = bodies.filter((f) => !FAMILY_ROUTE.test(f.path));
  t.ok(others.length >= 5, 'tokens, scoring model, period and import examples');
  for (const f of others) {
    const file = f.path === '/v1/imports/eurostat';
    const url = file ? `${f.path}?dataset=${f.key}` : f.path.replace('{year}', f.key ?? '');
    const type = file ? { 'content-type': 'text/tab-separated-values' } : json;
    const res = await h.app.inject({ method: 'POST', url, headers: { ...admin, ...type }, payload: f.value as object });
    if (file) {
      t.equal(res.statusCode, 200, `${f.key} to ${url}${res.statusCode === 200 ? '' : `: ${res.body}`}`);
      continue;
    }
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

t.test('the read-answer examples are what the service answers on the demo history', async (t) => {
  const analyst = (h: TestApp) => bearer(h.tokens.analyst);
  const answer = async (h: TestApp, url: string) => {
    const res = await h.app.inject({ method: 'GET', url, headers: analyst(h) });
    t.equal(res.statusCode, 200, `${url}${res.statusCode === 200 ? '' : `: ${res.body}`}`);
    return res.json() as unknown;
  };
  const two = await startDemoApp(['ET', 'SO']);
  t.teardown(() => two.close());
  const cases: [string, unknown][] = [
    ['/v1/countries', countryListExample],
    ['/v1/countries/ET/profile', profileExample],
    ['/v1/countries/ET/scorecards/2023', scorecardExample],
    ['/v1/scoring-models', scoringModelListExample],
  ];
  for (const [url, example] of cases) t.same(withoutVolatile(await answer(two, url)), withoutVolatile(example), url);

  const one = await startDemoApp(['ET']);
  t.teardown(() => one.close());
  t.same(withoutVolatile(await answer(one, '/v1/reports/annual/2023?format=json')), withoutVolatile(annualReportExample), 'annual report JSON');
  t.ok(checkContentHash(AnnualReport.parse(annualReportExample)), "the report example's content hash is that of its body");
});
