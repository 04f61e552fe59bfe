/**
 * The service as `src/server.ts` builds it (same openContext and buildApp), with one addition for
 * the ingest scenario: on SIGTERM it prints the store's group-commit counters as a JSON line
 * (`store-stats {...}`), so the report can say how many appends shared each commit.
 */
import { loadConfig } from '../../src/config/config.js';
import { ensureAdminToken, openContext } from '../../src/app/open-context.js';
import { buildApp } from '../../src/http/app.js';

const config = loadConfig();
const ctx = await openContext(config);
ensureAdminToken(ctx);
const app = await buildApp(ctx, { logger: { level: config.logLevel } });
const address = await app.listen({ port: config.port, host: config.host });
process.stdout.write(`service listening on ${address}\n`);
const stop = () => {
  const stats = { ...((ctx.store as { stats?: () => object }).stats?.() ?? {}), cpuMs: (process.cpuUsage().user + process.cpuUsage().system) / 1000 };
  process.stdout.write(`store-stats ${JSON.stringify(stats)}\n`);
  void app.close().then(() => ctx.close()).then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
