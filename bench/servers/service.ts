/**
 * The service as `src/server.ts` builds it (same openContext and buildApp), with one addition for
 * the ingest scenario: on SIGTERM it prints the store's group-commit counters as a JSON line
 * (`store-stats {...}`), so the report can say how many appends shared each commit, with the
 * server's CPU time and how long the event loop kept callbacks waiting.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadConfig } from '../../src/config/config.js';
import { ensureAdminToken, openContext } from '../../src/app/open-context.js';
import { buildApp } from '../../src/http/app.js';

const config = loadConfig();
const ctx = await openContext(config);
ensureAdminToken(ctx);
const app = await buildApp(ctx, { logger: { level: config.logLevel } });
const address = await app.listen({ port: config.port, host: config.host });
process.stdout.write(`service listening on ${address}\n`);
// How long callbacks waited for the event loop while serving (what a request's latency cannot go below).
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();
const stop = () => {
  loopDelay.disable();
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  const stats = {
    ...((ctx.store as { stats?: () => object }).stats?.() ?? {}),
    cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000,
    loopDelayMs: { p50: ms(loopDelay.percentile(50)), p99: ms(loopDelay.percentile(99)), max: ms(loopDelay.max) },
  };
  process.stdout.write(`store-stats ${JSON.stringify(stats)}\n`);
  void app.close().then(() => ctx.close()).then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
