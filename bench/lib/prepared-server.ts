import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { request } from './http-client.js';
import { CACHE_DIR, installHistory } from './histories.js';
import { createTokens, startRcmServer, type RcmServer } from './rcm-server.js';

/** Polls /ready until 200; returns the ms waited, or null when the route does not exist (404). */
export async function waitReady(url: string, timeoutMs: number): Promise<number | null> {
  const started = process.hrtime.bigint();
  for (;;) {
    const reply = await request(`${url}/ready`);
    if (reply.status === 200) return Number(process.hrtime.bigint() - started) / 1e6;
    if (reply.status === 404) return null;
    if (Number(process.hrtime.bigint() - started) / 1e6 > timeoutMs) throw new Error(`not ready after ${timeoutMs} ms: ${reply.status} ${reply.body.slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Polls /v1/projections until every projection is live at the head. */
export async function waitCaughtUp(server: RcmServer, timeoutMs: number): Promise<void> {
  const started = Date.now();
  for (;;) {
    const reply = await request(`${server.url}/v1/projections`, { headers: { authorization: `Bearer ${server.analystToken}` } });
    if (reply.status === 404) return; // no read side in this build
    if (reply.status === 200) {
      const body = JSON.parse(reply.body) as { projections: { lag: number; state: string }[] };
      if (body.projections.length > 0 && body.projections.every((p) => p.lag === 0 && p.state === 'live')) return;
    }
    if (Date.now() - started > timeoutMs) throw new Error(`projections not caught up after ${timeoutMs} ms: ${reply.status} ${reply.body.slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * A data directory holding a generated history and read models caught up with it, cached under
 * tmp/bench (the first preparation rebuilds the read models through the server itself). The
 * admin token is kept beside it so later starts can create tokens.
 */
export async function preparedDataDir(historyPath: string, log: (line: string) => void): Promise<{ dataDir: string; adminToken: string }> {
  // Named after its history (`history-<events>-v<n>.sqlite`): a new version of the history gets a new directory.
  const dataDir = join(CACHE_DIR, basename(historyPath, '.sqlite').replace(/^history-/, 'data-'));
  const tokenFile = join(dataDir, 'bench-admin-token');
  if (!existsSync(tokenFile)) {
    installHistory(historyPath, dataDir);
    writeFileSync(tokenFile, `bench-admin-${randomBytes(16).toString('hex')}`);
  }
  const adminToken = readFileSync(tokenFile, 'utf8').trim();
  log(`preparing ${dataDir}: start, catch up the read models, stop`);
  const started = Date.now();
  const server = await startRcmServer(dataDir, { adminToken, timeoutMs: 1_800_000 });
  try {
    await createTokens(server);
    await waitCaughtUp(server, 1_800_000);
  } finally {
    await server.stop();
  }
  log(`  caught up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { dataDir, adminToken };
}

/** Starts the server on a prepared data directory, without as-known-at views kept by an earlier run (the scenarios time their builds). */
export async function startPrepared(dataDir: string, adminToken: string): Promise<RcmServer> {
  rmSync(join(dataDir, 'as-of-cache'), { recursive: true, force: true });
  const server = await startRcmServer(dataDir, { adminToken, timeoutMs: 600_000 });
  await createTokens(server);
  await waitCaughtUp(server, 600_000);
  return server;
}
