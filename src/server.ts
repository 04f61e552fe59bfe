import { ConfigError, loadConfig } from './config/config.js';
import { formatCatchUpProgress } from './app/catch-up-progress.js';
import { DataDirectoryError, ensureAdminToken, openContext } from './app/open-context.js';
import { buildApp } from './http/app.js';

/** Entry point: `npm start`. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  // The server listens while the read models catch up (a rebuild of a large log takes a while):
  // writes are recorded meanwhile, /ready answers 503, and every 5 s a line says where they stand.
  const startedAt = performance.now();
  let ctx;
  try {
    ctx = await openContext(config, {
      catchUp: 'background',
      onCatchUpProgress: (status) => process.stdout.write(`${formatCatchUpProgress(status)}\n`),
    });
  } catch (e) {
    if (e instanceof DataDirectoryError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const adminToken = ensureAdminToken(ctx);
  const app = await buildApp(ctx, {
    logger: { level: config.logLevel, redact: ['req.headers.authorization'] },
  });
  app.addHook('onClose', async () => ctx.close());

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  let address: string;
  try {
    address = await app.listen({ port: config.port, host: config.host });
  } catch (e) {
    // A host that does not resolve, a port in use or not ours to take: say which settings, not a stack.
    process.stderr.write(`Cannot listen on ${config.host}:${config.port} (HOST, PORT): ${e instanceof Error ? e.message : String(e)}\n`);
    await app.close();
    process.exit(2);
  }
  if (adminToken && config.adminToken) {
    // The operator chose it: never echo a secret they already hold into logs.
    process.stdout.write('\nFirst start: created the admin token given in RCM_ADMIN_TOKEN.\n\n');
  } else if (adminToken) {
    process.stdout.write(
      `\nFirst start: created an admin token. It is shown only this once; store it safely:\n\n  ${adminToken}\n\n`,
    );
  }
  process.stdout.write(`Return Cooperation Monitor listening on ${address} (countries: ${config.countries.join(', ')}; data: ${config.dataDir})\n`);
  ctx.caughtUp.then(
    () => {
      if (!closing) process.stdout.write(`Read models caught up at position ${ctx.readSide.runner.servedPosition()} in ${((performance.now() - startedAt) / 1000).toFixed(1)} s\n`);
    },
    (err: unknown) => app.log.error({ err }, 'catching up the read models failed; the next write retries it, GET /ready says where they stand'),
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`Fatal: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
