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
}

export const QUERIES: QueryDef[] = [
  { name: 'scorecard', path: (i) => `/v1/countries/${COUNTRIES[i % 12]}/scorecards/${YEARS[i % 6]}`, p99TargetMs: 5 },
  { name: 'profile', path: (i) => `/v1/countries/${COUNTRIES[i % 12]}/profile`, p99TargetMs: 5 },
  { name: 'timeline page', path: (i) => `/v1/countries/${COUNTRIES[i % 12]}/timeline?limit=50&from=${YEARS[i % 6]}-03-01`, p99TargetMs: 5 },
  { name: 'annual report', path: (i) => `/v1/reports/annual/${YEARS[i % 6]}`, p99TargetMs: null },
];

export const AS_OF_QUERY: QueryDef = {
  name: 'scorecard asOf',
  path: (i) => `/v1/countries/${COUNTRIES[i % 12]}/scorecards/${YEARS[i % 6]}?asOf=${YEARS[(i + 3) % 6]! + 1}-06-30`,
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
        reply = await request(`${server.url}${q.path(i)}`, { headers: { authorization: `Bearer ${server.analystToken}` } });
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

/** Query latency at the large history against the same queries at the small one. */
export async function queryScenario(big: RcmServer, small: RcmServer, labels: { big: string; small: string }, options: { samples: number; warmup: number }): Promise<ScenarioResult> {
  const figures: Figure[] = [];
  const details: Record<string, unknown> = {};
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
  return { scenario: 'query', figures, details: { ...details, samples: options.samples, warmup: options.warmup } };
}

/** As-known-at: a scorecard with asOf against the same scorecards without, both at the large history. */
export async function asOfScenario(big: RcmServer, label: string, options: { samples: number; warmup: number }): Promise<ScenarioResult> {
  const plain = QUERIES[0]!;
  const asOfRes = await sampleAlternating([big], AS_OF_QUERY, 1, 0);
  if (!asOfRes) return { scenario: 'as-of', figures: [], details: {}, skipped: 'asOf route not available' };
  // Interleave: one asOf request, one plain, so both see the same machine load.
  const asOf: number[] = [];
  const now: number[] = [];
  for (let i = 0; i < options.warmup + options.samples; i++) {
    for (const [q, into] of [[AS_OF_QUERY, asOf], [plain, now]] as const) {
      const started = process.hrtime.bigint();
      const reply = await request(`${big.url}${q.path(i)}`, { headers: { authorization: `Bearer ${big.analystToken}` } });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (reply.status !== 200) throw new Error(`${q.name}: GET ${q.path(i)} -> ${reply.status} ${reply.body.slice(0, 300)}`);
      if (i >= options.warmup) into.push(ms);
    }
  }
  const a = summarize(asOf);
  const n = summarize(now);
  const r = ratio(a.p99, n.p99);
  return {
    scenario: 'as-of',
    figures: [
      { scenario: 'as-known-at', figure: `scorecard with asOf p99 at ${label}`, unit: 'ms', value: a.p99, baseline: n.p99, baselineLabel: 'same without asOf', ratio: r, target: '<= 3x', met: r <= 3, notes: `p50 ${a.p50.toFixed(2)} vs ${n.p50.toFixed(2)} ms` },
    ],
    details: { asOf: a, withoutAsOf: n, samples: options.samples },
  };
}
