/**
 * Loads a realistic demo history for the five first countries through the real HTTP API.
 *
 *   npm run demo -- --url http://127.0.0.1:8080 --token <admin token>
 *
 * (the token may also come from RCM_ADMIN_TOKEN). It creates its own desk tokens (POST /v1/tokens)
 * and posts every fact with a stable Idempotency-Key, so running it twice records nothing new.
 * The facts and their sources: scripts/demo-data/facts.ts (domain-research.md 4.1-4.7).
 */
import { demoFacts, type DemoFact } from './demo-data/facts.js';
import { parseCommandLine } from './lib/command-line.js';

const USAGE = `Usage:
  npm run demo -- [--url http://127.0.0.1:8080] --token ADMIN_TOKEN  (or RCM_ADMIN_TOKEN)
Posts the demo history through the API of a running server; run it on a fresh data directory.
`;

const DESKS = [
  { principal: 'demo-desk-horn', countries: ['ET', 'SO'] },
  { principal: 'demo-desk-maghreb', countries: ['TN', 'DZ'] },
  { principal: 'demo-desk-turkey', countries: ['TR'] },
];
const KEY_PREFIX = 'rcm-demo-v1';

interface Outcome {
  recorded: number;
  existing: number;
  failed: { key: string; status: number; detail: string }[];
}

async function api(url: string, token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  }).catch((e: unknown) => {
    // fetch says only "fetch failed": name the server and the cause (refused, reset, no such host).
    const cause = e instanceof Error && e.cause instanceof Error ? `: ${e.cause.message}` : '';
    throw new Error(`cannot reach ${url} (${method} ${path})${cause}; is the server running there?`);
  });
  const text = await res.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, json, text };
}

async function postCountry(url: string, token: string, facts: readonly DemoFact[], out: Outcome): Promise<void> {
  for (const f of facts) {
    const res = await api(url, token, 'POST', `/v1/countries/${f.country}/${f.family}`, f.body, { 'idempotency-key': `${KEY_PREFIX}:${f.key}` });
    if (res.status === 201) {
      if (res.headers.get('idempotent-replayed') === 'true') out.existing++;
      else out.recorded++;
    } else {
      out.failed.push({ key: f.key, status: res.status, detail: res.json?.detail ?? res.text.slice(0, 300) });
    }
  }
}

async function main(): Promise<number> {
  const { values, exitCode } = parseCommandLine(USAGE, { url: { type: 'string', default: 'http://127.0.0.1:8080' }, token: { type: 'string' } });
  if (exitCode !== undefined) return exitCode;
  const url = values.url.replace(/\/+$/, '');
  const admin = values.token ?? process.env['RCM_ADMIN_TOKEN'];
  if (!admin) {
    process.stderr.write('demo: pass --token <admin token> (printed by the server on first start) or set RCM_ADMIN_TOKEN\n');
    return 2;
  }
  const countries = await api(url, admin, 'GET', '/v1/countries');
  if (countries.status !== 200) {
    process.stderr.write(`demo: GET /v1/countries answered ${countries.status}: ${countries.text.slice(0, 300)}\n`);
    return 1;
  }
  const configured = new Set<string>((countries.json?.countries ?? countries.json ?? []).map((c: { code: string }) => c.code));

  const byCountry = new Map<string, Outcome>();
  const work: Promise<void>[] = [];
  for (const desk of DESKS) {
    const scope = desk.countries.filter((c) => configured.has(c));
    if (scope.length === 0) continue;
    const created = await api(url, admin, 'POST', '/v1/tokens', { principal: desk.principal, role: 'desk', countries: scope });
    if (created.status !== 201) {
      process.stderr.write(`demo: creating the ${desk.principal} token failed (${created.status}): ${created.text.slice(0, 300)}\n`);
      return 1;
    }
    for (const country of scope) {
      const out: Outcome = { recorded: 0, existing: 0, failed: [] };
      byCountry.set(country, out);
      // Each country's facts in order (lifecycles); countries in parallel.
      work.push(postCountry(url, created.json.token, demoFacts.filter((f) => f.country === country), out));
    }
  }
  await Promise.all(work);

  let failed = 0;
  process.stdout.write(`Demo history at ${url}\n`);
  for (const [country, o] of byCountry) {
    failed += o.failed.length;
    process.stdout.write(`  ${country}: ${o.recorded} recorded, ${o.existing} already present${o.failed.length ? `, ${o.failed.length} FAILED` : ''}\n`);
    for (const f of o.failed) process.stdout.write(`      ${f.key}: ${f.status} ${f.detail}\n`);
  }
  const skipped = demoFacts.filter((f) => !byCountry.has(f.country)).length;
  if (skipped) process.stdout.write(`  (${skipped} facts skipped: their countries are not configured)\n`);
  const total = [...byCountry.values()].reduce((n, o) => n + o.recorded, 0);
  process.stdout.write(`${total} facts recorded. Try: GET ${url}/v1/countries/ET/scorecards/2023, or npm run report -- --year 2023 --format md\n`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`demo: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
