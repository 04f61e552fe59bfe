import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StoredEvent } from '../../contracts/index.js';
import { verifyChain, type ChainVerification } from '../../src/store/hash-chain.js';
import { openSqliteEventStore } from '../../src/store/sqlite/index.js';
import type { ZodApp } from '../../src/http/app.js';
import { provenance } from '../helpers/test-app.js';
import { childEnv } from '../helpers/child-env.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** `npm run <args>` as an operator types it, in the repository; resolves with its exit code and output. */
export function npmRun(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', ...args], { cwd: root, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

export const ADMIN_TOKEN = 'reliability-admin-token-0123456789';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `rcm-${prefix}-`));
}

/** An opaque case hash, as a desk would send (never a name). */
export const caseRef = (seed: string) => createHash('sha256').update(seed).digest('hex').slice(0, 32);

/** A valid IdentificationRequestSubmitted body with a unique request id. */
export function identificationRequest(requestId: string, occurredOn = '2024-03-01') {
  return {
    type: 'IdentificationRequestSubmitted',
    occurredOn,
    data: { requestId, caseRef: caseRef(requestId), requestingState: 'NL', channel: 'RCMS' },
    provenance,
  };
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/** One HTTP call over a real socket (fetch); the body is parsed when it is JSON. */
export async function call(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<HttpAnswer> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
  });
  const text = await res.text();
  let body: any = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, body, text };
}

/** A desk token for ET, SO and TN, created over HTTP with ADMIN_TOKEN on a server started with it. */
export async function deskToken(url: string): Promise<string> {
  const created = await call(url, 'POST', '/v1/tokens', { token: ADMIN_TOKEN, body: { principal: 'desk-ops', role: 'desk', countries: ['ET', 'SO', 'TN'] } });
  return created.body.token as string;
}

/** Listens on a free loopback port and returns the base URL. */
export async function listenLoopback(app: ZodApp): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  return `http://127.0.0.1:${address.port}`;
}

/** Opens the event log of a (stopped) data dir, returns every stored event (raw) and the chain verification. */
export async function readEventLog(dataDir: string): Promise<{ events: StoredEvent[]; verification: ChainVerification; headPosition: number }> {
  const store = openSqliteEventStore({ path: join(dataDir, 'events.sqlite') });
  try {
    const events = await store.readAllRaw();
    return { events, verification: verifyChain(events), headPosition: await store.headPosition() };
  } finally {
    await store.close();
  }
}

/** Runs `task` for every item with at most `parallel` in flight. */
export async function pool<T, R>(items: readonly T[], parallel: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= items.length) return;
      out[i] = await task(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
  return out;
}

/**
 * Stops a server process and waits for its exit. Unlike ServerProcess.stop, also returns at once
 * when the process already died from a signal (exitCode stays null after SIGKILL).
 */
export async function stopProcess(p: { child: import('node:child_process').ChildProcess }, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  const { child } = p;
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill(signal);
  return exited;
}
