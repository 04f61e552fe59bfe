import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { json } from './http-client.js';
import { startNode, type Child } from './processes.js';

export const BENCH_COUNTRIES = ['ET', 'SO', 'TN', 'DZ', 'TR', 'NG', 'GH', 'SN', 'IQ', 'PK', 'BD', 'MA'];

export interface RcmServer extends Child {
  dataDir: string;
  adminToken: string;
  deskToken: string;
  analystToken: string;
}

export function freshDataDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `rcm-bench-${label}-`));
}

/**
 * The real service as `npm start` runs it (`.build/src/server.js`, transpiled by the bench at start) in its own process, configured for measurement: loopback,
 * quiet logs, rate limit and load shedding out of the way (they would cap the figure, not
 * measure it). Creates a desk and an analyst token for every benchmark country.
 */
export async function startRcmServer(dataDir: string, options: { timeoutMs?: number; env?: Record<string, string>; nodeArgs?: string[]; adminToken?: string; script?: string } = {}): Promise<RcmServer> {
  const adminToken = options.adminToken ?? `bench-admin-${randomBytes(16).toString('hex')}`;
  const child = await startNode(
    options.script ?? '.build/src/server.js',
    {
      RCM_DATA_DIR: dataDir,
      RCM_ADMIN_TOKEN: adminToken,
      RCM_COUNTRIES: BENCH_COUNTRIES.join(','),
      RCM_RATE_LIMIT_PER_MINUTE: '10000000',
      RCM_MAX_EVENT_LOOP_DELAY_MS: '0',
      // Measured apart (bench/tools/closed-year-prepared.ts): it would build as-of views while queries are timed.
      RCM_PREPARE_CLOSED_YEAR: 'false',
      RCM_LOG_LEVEL: 'warn',
      ...(options.env ?? {}),
    },
    { timeoutMs: options.timeoutMs ?? 120_000, ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}) },
  );
  return { ...child, dataDir, adminToken, deskToken: '', analystToken: '' };
}

/** Admin creates the tokens the scenarios use (a server that already had tokens keeps its admin token). */
export async function createTokens(server: RcmServer): Promise<void> {
  const auth = { authorization: `Bearer ${server.adminToken}` };
  const desk = await json<{ token: string }>(`${server.url}/v1/tokens`, {
    headers: auth,
    body: { principal: 'bench-desk', role: 'desk', countries: BENCH_COUNTRIES },
  });
  const analyst = await json<{ token: string }>(`${server.url}/v1/tokens`, {
    headers: auth,
    body: { principal: 'bench-analyst', role: 'analyst' },
  });
  server.deskToken = desk.token;
  server.analystToken = analyst.token;
}
