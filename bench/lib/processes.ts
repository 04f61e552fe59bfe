import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Child {
  child: ChildProcess;
  url: string;
  /** hrtime (ms) from spawn until the ready line. */
  readyMs: number;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `node --import tsx <script>` as its own process (never in the harness's process: the
 * server under test and the load generator must not share an event loop) and waits for a line
 * matching `ready` (its first group is the URL). Stops it by its own pid only.
 */
export async function startNode(
  script: string,
  env: Record<string, string>,
  options: { ready?: RegExp; timeoutMs?: number; nodeArgs?: string[] } = {},
): Promise<Child> {
  const ready = options.ready ?? /listening on (http:\/\/127\.0\.0\.1:\d+)/;
  const started = process.hrtime.bigint();
  // Transpiled JavaScript (.build/) runs as it is; TypeScript (bench servers) under tsx.
  const loader = script.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...loader, script], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', RCM_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const append = (d: Buffer) => {
    out += d.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const timeoutMs = options.timeoutMs ?? 60_000;
  const { url, readyMs } = await new Promise<{ url: string; readyMs: number }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} was not ready within ${timeoutMs} ms:\n${out.slice(-4000)}`));
    }, timeoutMs);
    const check = () => {
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout!.off('data', check);
        resolve({ url: m[1] ?? '', readyMs: Number(process.hrtime.bigint() - started) / 1e6 });
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before it was ready:\n${out.slice(-4000)}`));
    });
  });
  return {
    child,
    url,
    readyMs,
    output: () => out,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Runs a worker script to completion and parses the JSON it prints on its last stdout line. */
export async function runWorker<T>(script: string, args: string[], options: { timeoutMs?: number; nodeArgs?: string[] } = {}): Promise<T> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', script, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const timeoutMs = options.timeoutMs ?? 300_000;
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  if (code !== 0) throw new Error(`${script} ${args.join(' ')} failed (${code}):\n${err.slice(-4000)}${out.slice(-2000)}`);
  const last = out.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as T;
}
