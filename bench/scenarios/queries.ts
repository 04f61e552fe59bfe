import { readdirSync, statSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { encodeCursor, encodeRequestCursor } from '../../src/projection-runtime/read-side.js';
import { ratio, type Figure, type ScenarioResult } from '../lib/figures.js';
import { request } from '../lib/http-client.js';
import type { RcmServer } from '../lib/rcm-server.js';
import { summarize, type LatencySummary } from '../lib/stats.js';

/** Most time spent sampling one query (all servers), so one pathological query cannot stall the run. */
const QUERY_BUDGET_MS = 60_000;
const COUNTRIES = ['ET', 'SO', 'TN', 'DZ', 'TR', 'NG', 'GH', 'SN', 'IQ', 'PK', 'BD', 'MA'];
const YEARS = [2019, 2020, 2021, 2022, 2023, 2024];

/** A read the scenarios time; `path(i)` varies country and year so no single answer is cached. */
export interface QueryDef {
  name: string;
  path: (i: number) => string;
  /** p99 target in ms (null: none, e.g. the annual report). */
  p99TargetMs: number | null;
  headers?: Record<string, string>;
}

/*
 * The generated histories close every year in the spring of the next, and a closed year is answered
 * as known at its freeze point (from as-known-at views): the scorecard, report and asOf queries ask
 * for the live figures (`frozen=false`), so they measure the live read models and as-of views at
 * their own cutoffs as before; 'scorecard of a closed year' measures the frozen answer (one year,
 * so its warm-up builds twelve views, one per country).
 */
export const QUERIES: QueryDef[] = [
  { name: 'scorecard', path: (i) => `/v1/countries/${COUNTRIES[i % 12]}/scorecards/${YEARS[i % 6]}?frozen=false`, p99TargetMs: 5 },
  { name: 'scorecard of a closed year', path: (i) => `/v1/countries/${COUNTRIES[i % 12]}/scorecards/2023`, p99TargetMs: null },
  { name: 'profile', path: (i) => `/v1/countries/${COUNTRIES[i % 12]}/profile`, p99TargetMs: 5 },
  { name: 'timeline page', path: (i) => `/v1/countries/${COUNTRIES[i % 12]}/timeline?limit=50&from=${YEARS[i % 6]}-03-01`, p99TargetMs: 5 },
  // A later page, by cursor, from the middle of the history: it must start at its cursor, not read the pages before it.
  { name: 'timeline page by cursor', path: (i) => `/v1/countries/${COUNTRIES[i % 12]}/timeline?limit=50&cursor=${encodeCursor(COUNTRIES[i % 12]!, `${YEARS[i % 6]}-06-01`, 0)}`, p99TargetMs: 5 },
  { name: 'profile, later page of open requests', path: (i) => `/v1/countries/${COUNTRIES[i % 12]}/profile?requestsCursor=${encodeRequestCursor(`${YEARS[i % 6]}-06-01`, `${COUNTRIES[i % 12]}|request|0`)}`, p99TargetMs: 5 },
  // Nothing is recorded while queries are sampled, so after its first request each year's body is kept (X-Report-Cache: hit)...
  { name: 'annual report', path: (i) => `/v1/reports/annual/${YEARS[i % 6]}?frozen=false`, p99TargetMs: null },
  // ...and this is what each report costs when something was recorded since.
  { name: 'annual report built anew', path: (i) => `/v1/reports/annual/${YEARS[i % 6]}?frozen=false`, p99TargetMs: null, headers: { 'cache-control': 'no-cache' } },
];

/**
 * The scored year as known at the middle of the following year (about when the year's figures are
 * in and the Commission assesses it): a realistic cutoff, inside the history (the generated one runs
 * to the autumn of the last year, so 2024 as of 2025-06-30 is near, but not at, its end). Same
 * country and year as the plain scorecard at the same `i`, so the two differ only by `asOf`.
 */
const asOfFor = (year: number, shiftDays = 0) => new Date(Date.UTC(year + 1, 5, 30 + shiftDays)).toISOString().slice(0, 10);
export const AS_OF_QUERY: QueryDef = {
  name: 'scorecard asOf',
  path: (i) => `/v1/countries/${COUNTRIES[i % 12]}/scorecards/${YEARS[i % 6]}?asOf=${asOfFor(YEARS[i % 6]!)}&frozen=false`,
  p99TargetMs: null,
};

/**
 * Sequential requests (one in flight, keep-alive, plain node:http) timed with hrtime; the two
 * servers are sampled alternately so load from elsewhere on the machine hits both alike.
 * Returns null for a route the build does not have (404 on the first request).
 */
export async function sampleAlternating(
  servers: readonly RcmServer[],
  q: QueryDef,
  samples: number,
  warmup: number,
): Promise<LatencySummary[] | null> {
  const times: number[][] = servers.map(() => []);
  const began = Date.now();
  for (let i = 0; i < warmup + samples; i++) {
    // Bounded: a query that is far too slow stops after its budget with the samples it has.
    if (Date.now() - began > QUERY_BUDGET_MS && times.every((t) => t.length >= 5)) break;
    for (let s = 0; s < servers.length; s++) {
      const server = servers[s]!;
      const started = process.hrtime.bigint();
      let reply;
      try {
        reply = await request(`${server.url}${q.path(i)}`, { headers: { authorization: `Bearer ${server.analystToken}`, ...q.headers } });
      } catch (e) {
        throw new Error(`${q.name}: GET ${q.path(i)} failed after ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(0)} ms: ${String(e)}`);
      }
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (reply.status === 404 && i === 0 && /No route/.test(reply.body)) return null;
      if (reply.status !== 200) throw new Error(`${q.name}: GET ${q.path(i)} -> ${reply.status} ${reply.body.slice(0, 300)}`);
      if (i >= warmup) times[s]!.push(ms);
    }
  }
  return times.map(summarize);
}

/**
 * The servers were started just before: for their first few thousand requests V8 is still
 * optimising the code every read shares (the pipeline, authentication, serialisation). Sampled
 * after only its own 500 warm-up requests, the first query measured a p50 three times its steady
 * one (0.79 against 0.25-0.27 ms for the profile). So every read query is first asked `perQuery`
 * times of each server, and each query is then sampled at steady state. Returns the requests per server.
 */
async function warmServers(servers: readonly RcmServer[], perQuery: number): Promise<number> {
  const reads = QUERIES.filter((q) => q.p99TargetMs !== null);
  for (const q of reads) await sampleAlternating(servers, q, 0, perQuery);
  return perQuery * reads.length;
}

/** Query latency at the large history against the same queries at the small one. */
export async function queryScenario(big: RcmServer, small: RcmServer, labels: { big: string; small: string }, options: { samples: number; warmup: number }): Promise<ScenarioResult> {
  const figures: Figure[] = [];
  const details: Record<string, unknown> = {};
  const serverWarmup = await warmServers([big, small], options.warmup);
  for (const q of QUERIES) {
    let res: LatencySummary[] | null;
    try {
      res = await sampleAlternating([big, small], q, options.samples, options.warmup);
    } catch (e) {
      details[q.name] = `failed: ${String(e)}`;
      figures.push({ scenario: 'query latency', figure: `${q.name}: failed`, unit: 'ms', value: Number.NaN, baseline: null, baselineLabel: '—', ratio: null, target: 'p99 ratio <= 1.5', met: false, notes: String(e).slice(0, 300) });
      continue;
    }
    if (!res) {
      details[q.name] = 'route not available in this build (404)';
      figures.push({ scenario: 'query latency', figure: `${q.name}: not available (route missing)`, unit: 'ms', value: Number.NaN, baseline: null, baselineLabel: '—', ratio: null, target: q.p99TargetMs === null ? 'p99 ratio <= 1.5' : `p99 ratio <= 1.5, p99 < ${q.p99TargetMs} ms`, met: null });
      continue;
    }
    const [atBig, atSmall] = res as [LatencySummary, LatencySummary];
    details[q.name] = { [labels.big]: atBig, [labels.small]: atSmall };
    figures.push({
      scenario: 'query latency',
      figure: `${q.name} p50 at ${labels.big}`,
      unit: 'ms',
      value: atBig.p50,
      baseline: atSmall.p50,
      baselineLabel: `p50 at ${labels.small}`,
      ratio: ratio(atBig.p50, atSmall.p50),
      target: 'reported',
      met: null,
    });
    const r = ratio(atBig.p99, atSmall.p99);
    const absOk = q.p99TargetMs === null || atBig.p99 < q.p99TargetMs;
    figures.push({
      scenario: 'query latency',
      figure: `${q.name} p99 at ${labels.big}`,
      unit: 'ms',
      value: atBig.p99,
      baseline: atSmall.p99,
      baselineLabel: `p99 at ${labels.small}`,
      ratio: r,
      target: q.p99TargetMs === null ? 'p99 ratio <= 1.5' : `p99 ratio <= 1.5, p99 < ${q.p99TargetMs} ms`,
      met: r <= 1.5 && absOk,
    });
  }
  return { scenario: 'query', figures, details: { ...details, samples: options.samples, warmup: options.warmup, serverWarmup } };
}

/** One as-of request may take at most this long (a cold build at 1M events takes seconds, never minutes). */
const AS_OF_REQUEST_CAP_MS = 120_000;
/** The whole as-of scenario stops sampling after this (it then reports what it has). */
const AS_OF_BUDGET_MS = 20 * 60_000;

/** Its own keep-alive agent: a request cut off by the cap destroys its socket, not the shared client's. */
const asOfAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });

class CapExceeded extends Error {}

/** GET with a time cap; returns the status, body and ms. */
function timedGet(url: string, token: string, capMs: number): Promise<{ status: number; body: string; ms: number }> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: asOfAgent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: Number(process.hrtime.bigint() - started) / 1e6 }));
      res.on('error', reject);
    });
    req.setTimeout(capMs, () => req.destroy(new CapExceeded(`no answer within ${capMs} ms`)));
    req.on('error', reject);
  });
}

function dirBytes(dir: string): number {
  try {
    return readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
  } catch {
    return Number.NaN;
  }
}

/**
 * As-known-at: a scorecard with asOf against the same scorecard without, interleaved, both at the
 * large history. The first request of each distinct view (built from the first event) and requests
 * at new cutoffs near cached views are timed separately and reported beside it.
 */
export async function asOfScenario(big: RcmServer, label: string, options: { samples: number; warmup: number }): Promise<ScenarioResult> {
  const plain = QUERIES[0]!;
  const began = Date.now();
  const get = async (path: string) => {
    const r = await timedGet(`${big.url}${path}`, big.analystToken, AS_OF_REQUEST_CAP_MS);
    if (r.status === 404 && /No route/.test(r.body)) return null;
    if (r.status !== 200) throw new Error(`GET ${path} -> ${r.status} ${r.body.slice(0, 300)}`);
    return r;
  };
  const details: Record<string, unknown> = { requestCapMs: AS_OF_REQUEST_CAP_MS, budgetMs: AS_OF_BUDGET_MS };
  const figures: Figure[] = [];
  const failed = (what: string, e: unknown): ScenarioResult => {
    figures.push({ scenario: 'as-known-at', figure: `${what}: failed`, unit: 'ms', value: Number.NaN, baseline: null, baselineLabel: '—', ratio: null, target: '<= 3x', met: false, notes: String(e).slice(0, 300) });
    return { scenario: 'as-of', figures, details };
  };

  // Where the cutoffs fall in the history: neither at its start nor at its head, or the scenario measures nothing.
  const projections = await get('/v1/projections');
  const head = projections ? (JSON.parse(projections.body) as { projections: { headPosition: number }[] }).projections[0]?.headPosition ?? 0 : 0;

  // 1. The first request of each distinct view: built from the first event (no cached view yet).
  const first: number[] = [];
  const positions: Record<string, number> = {};
  const distinct = new Set<string>();
  for (let i = 0; distinct.size < 12 && i < 24; i++) {
    const path = AS_OF_QUERY.path(i);
    if (distinct.has(path)) continue;
    distinct.add(path);
    let r;
    try {
      r = await get(path);
    } catch (e) {
      return failed('first request', e);
    }
    if (!r) return { scenario: 'as-of', figures: [], details: {}, skipped: 'asOf route not available' };
    first.push(r.ms);
    positions[path] = (JSON.parse(r.body) as { position: number }).position;
  }
  const posValues = Object.values(positions);
  details['cutoffs'] = { head, positions, atStartOrHead: posValues.filter((p) => p === 0 || p === head).length };

  // 2. Interleaved: one asOf request, one plain, so both see the same machine load.
  const asOf: number[] = [];
  const now: number[] = [];
  let stoppedEarly: string | null = null;
  for (let i = 0; i < options.warmup + options.samples; i++) {
    if (Date.now() - began > AS_OF_BUDGET_MS) {
      stoppedEarly = `budget of ${AS_OF_BUDGET_MS} ms spent after ${i} rounds`;
      break;
    }
    for (const [q, into] of [[AS_OF_QUERY, asOf], [plain, now]] as const) {
      let r;
      try {
        r = await get(q.path(i));
      } catch (e) {
        return failed(q.name, e);
      }
      if (i >= options.warmup) into.push(r!.ms);
    }
  }

  // 3. New cutoffs near cached views: two weeks after (folds those events onto the cached view) and a
  // month before (starts from the nearest snapshot at or below it).
  const near: number[] = [];
  for (let i = 0; i < 12 && Date.now() - began < AS_OF_BUDGET_MS; i++) {
    for (const shift of [14, -30]) {
      const path = `/v1/countries/${COUNTRIES[i % 12]}/scorecards/${YEARS[i % 6]}?asOf=${asOfFor(YEARS[i % 6]!, shift)}&frozen=false`;
      try {
        near.push((await get(path))!.ms);
      } catch (e) {
        return failed('new cutoff near a cached view', e);
      }
    }
  }
  const cacheDir = join(big.dataDir, 'as-of-cache');
  details['cacheBytes'] = dirBytes(cacheDir);

  const a = summarize(asOf);
  const n = summarize(now);
  const f = summarize(first);
  const nr = summarize(near);
  const r = ratio(a.p99, n.p99);
  const degenerate = posValues.length > 0 && posValues.every((p) => p === 0 || p === head);
  figures.push(
    {
      scenario: 'as-known-at',
      figure: `scorecard with asOf p99 at ${label}`,
      unit: 'ms',
      value: a.p99,
      baseline: n.p99,
      baselineLabel: 'same without asOf',
      ratio: r,
      target: '<= 3x',
      met: !degenerate && !stoppedEarly && r <= 3,
      notes: `p50 ${a.p50.toFixed(2)} vs ${n.p50.toFixed(2)} ms; ${distinct.size} views, cutoffs at positions ${Math.min(...posValues)}-${Math.max(...posValues)} of ${head}${degenerate ? ' (DEGENERATE: all at start or head)' : ''}${stoppedEarly ? `; stopped early: ${stoppedEarly}` : ''}`,
    },
    { scenario: 'as-known-at', figure: `first request of a view (built from the first event), median at ${label}`, unit: 'ms', value: f.p50, baseline: null, baselineLabel: '—', ratio: null, target: 'reported', met: null, notes: `max ${f.max.toFixed(0)} ms over ${f.samples} views` },
    { scenario: 'as-known-at', figure: `new cutoff near a cached view, median at ${label}`, unit: 'ms', value: nr.p50, baseline: null, baselineLabel: '—', ratio: null, target: 'reported', met: null, notes: `max ${nr.max.toFixed(0)} ms over ${nr.samples} cutoffs; cache on disk ${(Number(details['cacheBytes']) / 1048576).toFixed(0)} MiB` },
  );
  return { scenario: 'as-of', figures, details: { ...details, asOf: a, withoutAsOf: n, firstRequest: f, nearCutoffs: nr, samples: options.samples, warmup: options.warmup } };
}
