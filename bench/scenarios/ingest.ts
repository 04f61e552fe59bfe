import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ratio, type Figure, type ScenarioResult } from '../lib/figures.js';
import { request } from '../lib/http-client.js';
import { load, type LoadRun } from '../lib/load.js';
import { summarize, type LatencySummary } from '../lib/stats.js';
import { startNode } from '../lib/processes.js';
import { BENCH_COUNTRIES, createTokens, freshDataDir, startRcmServer } from '../lib/rcm-server.js';

export interface IngestOptions {
  seconds: number;
  warmupSeconds: number;
  connections: number[];
  /** Extra node flags for the server under test (e.g. --cpu-prof). */
  serverNodeArgs?: string[];
}

const PROVENANCE = { sourceKind: 'rcms', reference: 'RCMS monthly export', evidenceStatus: 'confirmed' };

/** Distinct, valid facts: identification requests with unique ids, round-robin over the countries. */
export function factSource(tag: string) {
  let n = 0;
  return () => {
    n++;
    const country = BENCH_COUNTRIES[n % BENCH_COUNTRIES.length] as string;
    const body = JSON.stringify({
      type: 'IdentificationRequestSubmitted',
      occurredOn: '2025-06-02',
      data: {
        requestId: `${country}-IR-${tag}-${n}`,
        caseRef: n.toString(16).padStart(32, '0'),
        requestingState: 'NL',
        channel: 'RCMS',
      },
      provenance: PROVENANCE,
    });
    return { path: `/v1/countries/${country}/requests`, body };
  };
}

/** Sequential reads of one country's first timeline page (keep-alive; bounded work) until `until` settles: the latency a reader sees. */
async function readTimeline<T>(url: string, token: string, until: Promise<T>): Promise<{ reads: LatencySummary; outcome: T }> {
  let done = false;
  void until.finally(() => (done = true)).catch(() => undefined);
  const samples: number[] = [];
  while (!done) {
    const t0 = performance.now();
    const reply = await request(`${url}/v1/countries/ET/timeline?limit=50`, { headers: { authorization: `Bearer ${token}` } });
    if (reply.status !== 200) throw new Error(`timeline during ingest: ${reply.status} ${reply.body.slice(0, 200)}`);
    samples.push(performance.now() - t0);
  }
  return { reads: summarize(samples), outcome: await until };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Durable ingest over HTTP: the real service (group commit, each answer after the WAL flush) against a bare
 * fastify POST route, each at the same concurrency, loopback only, autocannon in this process and
 * each server in its own. Afterwards the stored events are counted: every 2xx must be in the log.
 */
export async function ingestScenario(options: IngestOptions): Promise<ScenarioResult> {
  const figures: Figure[] = [];
  const runs: Record<string, unknown>[] = [];
  for (const connections of options.connections) {
    const bare = await startNode('bench/servers/bare-fastify.ts', {}, { ready: /listening on (http:\/\/127\.0\.0\.1:\d+)/ });
    let bareRun: LoadRun;
    try {
      const next = factSource('warm');
      await load({ url: bare.url, connections, seconds: options.warmupSeconds, next });
      bareRun = await load({ url: bare.url, connections, seconds: options.seconds, next: factSource('bare') });
    } finally {
      await bare.stop();
    }

    const dataDir = freshDataDir('ingest');
    const server = await startRcmServer(dataDir, { script: 'bench/servers/service.ts', ...(options.serverNodeArgs ? { nodeArgs: options.serverNodeArgs } : {}) });
    let rcmRun: LoadRun;
    let warmRun: LoadRun;
    let readsIdle: LatencySummary;
    let readsLoaded: LatencySummary;
    let readsRun: LoadRun;
    const tag = randomBytes(3).toString('hex');
    try {
      await createTokens(server);
      const headers = { authorization: `Bearer ${server.deskToken}` };
      warmRun = await load({ url: server.url, connections, seconds: options.warmupSeconds, headers, next: factSource(`${tag}w`) });
      rcmRun = await load({ url: server.url, connections, seconds: options.seconds, headers, next: factSource(tag) });
      // Apart from the measured run: the reader shares this process with autocannon and halves its rate.
      readsIdle = (await readTimeline(server.url, server.analystToken, sleep(2000))).reads;
      ({ reads: readsLoaded, outcome: readsRun } = await readTimeline(
        server.url,
        server.analystToken,
        load({ url: server.url, connections, seconds: options.seconds, headers, next: factSource(`${tag}r`) }),
      ));
    } finally {
      await server.stop();
    }
    const statsLine = /store-stats (.*)/.exec(server.output());
    const storeStats = statsLine ? (JSON.parse(statsLine[1]!) as { transactions: number; appendsCommitted: number; largestBatch: number; cpuMs: number; loopDelayMs?: { p50: number; p99: number; max: number } } | null) : null;
    // Every acknowledged append must be in the log (a few more per load run may have committed after autocannon stopped counting).
    const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
    const stored = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    db.close();
    rmSync(dataDir, { recursive: true, force: true });
    const acknowledged = warmRun.ok2xx + rcmRun.ok2xx + readsRun.ok2xx;
    const consistent = stored >= acknowledged && stored <= acknowledged + 3 * connections;

    runs.push({ connections, bare: bareRun, service: rcmRun, warmup: warmRun, storedEvents: stored, acknowledged, consistent, storeStats, readsIdle, readsLoaded });
    const throughputRatio = ratio(rcmRun.requestsPerSecond, bareRun.requestsPerSecond);
    const clean = rcmRun.non2xx === 0 && rcmRun.errors === 0 && consistent;
    figures.push({
      scenario: 'durable ingest',
      figure: `commands/s, ${connections} connections`,
      unit: '/s',
      value: rcmRun.requestsPerSecond,
      baseline: bareRun.requestsPerSecond,
      baselineLabel: 'bare fastify POST → 201',
      ratio: throughputRatio,
      target: '>= 0.6 of baseline',
      met: clean && throughputRatio >= 0.6,
      notes: clean
        ? `${stored} events stored for ${acknowledged} acknowledged` +
          (storeStats ? `; ${(storeStats.appendsCommitted / Math.max(1, storeStats.transactions)).toFixed(1)} appends per commit (largest ${storeStats.largestBatch}), server CPU ${(storeStats.cpuMs / Math.max(1, stored)).toFixed(2)} ms per command incl. start-up` : '')
        : `errors: non2xx ${rcmRun.non2xx}, errors ${rcmRun.errors}, stored ${stored} vs acknowledged ${acknowledged}`,
    });
    // autocannon reports whole milliseconds: a baseline p99 of 0 means below 1 ms, counted as 1 ms.
    const baselineP99 = Math.max(bareRun.latency.p99, 1);
    const p99Ratio = ratio(rcmRun.latency.p99, baselineP99);
    figures.push({
      scenario: 'ingest latency',
      figure: `p99, ${connections} connections`,
      unit: 'ms',
      value: rcmRun.latency.p99,
      baseline: baselineP99,
      baselineLabel: bareRun.latency.p99 < 1 ? 'bare fastify p99 below 1 ms, counted as 1 ms' : 'bare fastify p99',
      ratio: p99Ratio,
      target: '<= 2x baseline p99',
      met: p99Ratio <= 2,
      notes:
        'autocannon resolution 1 ms; a baseline p99 below 1 ms counts as 1 ms' +
        (storeStats?.loopDelayMs ? `; server event-loop delay p50 ${storeStats.loopDelayMs.p50} ms, p99 ${storeStats.loopDelayMs.p99} ms, max ${storeStats.loopDelayMs.max} ms` : ''),
    });
    figures.push({
      scenario: 'reads while ingesting',
      figure: `timeline page p99, ${connections} connections writing`,
      unit: 'ms',
      value: readsLoaded.p99,
      baseline: readsIdle.p99,
      baselineLabel: 'same server, nobody writing',
      ratio: ratio(readsLoaded.p99, readsIdle.p99),
      target: 'reported',
      met: null,
      notes: `one reader in a loop beside autocannon (same client process): ${readsLoaded.samples} reads, p50 ${readsLoaded.p50.toFixed(2)} ms while writing, ${readsIdle.p50.toFixed(2)} ms idle`,
    });
  }
  return { scenario: 'ingest', figures, details: { runs, settings: options } };
}
