import { demoFacts } from '../../scripts/demo-data/facts.js';
import { bearer, startTestApp, type TestApp } from './test-app.js';

/**
 * The demo history (scripts/demo-data) recorded into a fresh app, for the read-answer examples of
 * the API document (contracts/examples/read-answers.ts, annual-report.ts): what the service answers
 * on it, once the read models have caught up, is what the examples show. "Today" is fixed, so overdue counts and asOfDate do not move.
 */
export const DEMO_TODAY = '2025-01-15';

export async function startDemoApp(countries: string[]): Promise<TestApp> {
  const h = await startTestApp({ RCM_COUNTRIES: countries.join(',') }, { today: () => DEMO_TODAY });
  const desk = bearer(h.ctx.tokens.create({ principal: 'demo-desk', role: 'desk', countries }).token);
  let position = 0;
  for (const f of demoFacts.filter((f) => countries.includes(f.country))) {
    const res = await h.app.inject({ method: 'POST', url: `/v1/countries/${f.country}/${f.family}`, headers: { ...desk, 'content-type': 'application/json' }, payload: f.body });
    if (res.statusCode !== 201) throw new Error(`demo fact ${f.key}: ${res.statusCode} ${res.body}`);
    position = res.json().position;
  }
  // The answers must show the whole history: the read models catch up asynchronously.
  await h.ctx.readSide.ready(position, 10_000);
  return h;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const SHA256 = /^[0-9a-f]{64}$/;

/** The answer with what differs from run to run (event ids, recording times, hashes over them) replaced by placeholders. */
export function withoutVolatile(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutVolatile);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutVolatile(v)]));
  if (typeof value !== 'string') return value;
  if (UUID.test(value)) return '<event id>';
  if (DATE_TIME.test(value)) return '<recorded at>';
  if (SHA256.test(value)) return '<sha256>';
  return value;
}
