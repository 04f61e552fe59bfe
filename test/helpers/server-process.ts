import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childEnv } from './child-env.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

let compiledEntry: string | undefined;

/** What `npm start` runs: the sources transpiled by scripts/build.mjs (once per test process, in its own directory). */
export function compiledServer(): string {
  if (compiledEntry) return compiledEntry;
  const outdir = join('.build', `test-${process.pid}`);
  execFileSync(process.execPath, ['scripts/build.mjs', '--outdir', outdir], { cwd: root, env: childEnv(), stdio: 'pipe' });
  process.once('exit', () => rmSync(join(root, outdir), { recursive: true, force: true }));
  compiledEntry = join(outdir, 'src', 'server.js');
  return compiledEntry;
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts the real server on a free loopback port: what `npm start` runs (the transpiled copy), or
 * with `compiled: false` the sources under tsx (`npm run dev`). The copy is what users run, and it is
 * ready ~1 s sooner than tsx transpiling the sources at each start. Resolves once `GET /ready` answers 200 (the server listens
 * while its read models catch up), or with `ready: false` as soon as it listens.
 */
export async function startServer(env: Record<string, string>, timeoutMs = 30_000, options: { compiled?: boolean; ready?: boolean } = {}): Promise<ServerProcess> {
  const started = Date.now();
  const args = options.compiled === false ? ['--import', 'tsx', 'src/server.ts'] : [compiledServer()];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: childEnv({ PORT: '0', HOST: '127.0.0.1', RCM_LOG_LEVEL: 'warn', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const check = () => {
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
  if (options.ready !== false) {
    for (;;) {
      const res = await fetch(`${url}/ready`).catch(() => null);
      await res?.arrayBuffer();
      if (res?.status === 200) break;
      if (Date.now() - started > timeoutMs) {
        child.kill();
        throw new Error(`server not ready in ${timeoutMs} ms:\n${out}`);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  return {
    child,
    url,
    output: () => out,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      const [code] = (await once(child, 'exit')) as [number | null];
      return code;
    },
  };
}
