/**
 * Rewrites contracts/examples/read-answers.ts and annual-report.ts from what a fresh app answers on
 * the demo history (test/helpers/demo-answers.ts): run it when openapi-examples.test.ts reports that
 * an answer changed, and review the diff.
 *
 *   node --import tsx scripts/openapi-read-examples.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../src/package-root.js';
import { contentHash } from '../src/reports/manifest.js';
import type { AnnualReport } from '../src/reports/types.js';
import { DEMO_TODAY, startDemoApp } from '../test/helpers/demo-answers.js';
import { bearer, type TestApp } from '../test/helpers/test-app.js';

// Recording times moved to the day before DEMO_TODAY (minutes and seconds kept): a capture's own clock means nothing to a reader.
const day = new Date(Date.parse(`${DEMO_TODAY}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const retime = (text: string) => text.replace(/"\d{4}-\d{2}-\d{2}T\d{2}:(\d{2}:\d{2}\.\d{3})Z"/g, `"${day}T09:$1Z"`);

async function answer(h: TestApp, url: string): Promise<any> {
  const res = await h.app.inject({ method: 'GET', url, headers: bearer(h.tokens.analyst) });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return JSON.parse(retime(res.body));
}

/** TypeScript source of a value: JSON with plain identifiers unquoted. */
const literal = (value: unknown) => JSON.stringify(value, null, 2).replace(/^(\s*)"([A-Za-z_$][A-Za-z0-9_$]*)":/gm, '$1$2:');

const header = (what: string) => `/*
 * ${what}
 * Captured from the service by scripts/openapi-read-examples.ts (recording times moved to ${day}).
 * test/integration/http/openapi-examples.test.ts parses each with the schema it illustrates and
 * compares it with a fresh app's answer (event ids, times and hashes aside). Plain values: a
 * \`satisfies\` against those schemas would make their types circular (the schemas show these).
 */
`;

const two = await startDemoApp(['ET', 'SO']);
const [countries, profile, scorecard, models] = [
  await answer(two, '/v1/countries'),
  await answer(two, '/v1/countries/ET/profile'),
  await answer(two, '/v1/countries/ET/scorecards/2023'),
  await answer(two, '/v1/scoring-models'),
];
await two.close();
const one = await startDemoApp(['ET']);
const report = (await answer(one, '/v1/reports/annual/2023?format=json')) as AnnualReport;
await one.close();
// The hash covers the recording times of the evidence: recomputed for the moved ones.
const { contentHash: _captured, ...manifest } = report.manifest;
report.manifest.contentHash = contentHash(manifest, report.report);

writeFileSync(
  join(PACKAGE_ROOT, 'contracts/examples/read-answers.ts'),
  `${header(`Answers of the read routes on the demo history (scripts/demo-data) of Ethiopia and Somalia, on ${DEMO_TODAY}.`)}
/** GET /v1/countries (an analyst: every configured country). */
export const countryListExample = ${literal(countries)};

/** GET /v1/countries/ET/profile */
export const profileExample = ${literal(profile)};

/** GET /v1/countries/ET/scorecards/2023 */
export const scorecardExample = ${literal(scorecard)};

/** GET /v1/scoring-models: the built-in version 1 only. */
export const scoringModelListExample = ${literal(models)};
`,
);
writeFileSync(
  join(PACKAGE_ROOT, 'contracts/examples/annual-report.ts'),
  `${header('GET /v1/reports/annual/2023?format=json on the demo history (scripts/demo-data) of Ethiopia, the only configured country.')}
export const annualReportExample = ${literal(report)};
`,
);
