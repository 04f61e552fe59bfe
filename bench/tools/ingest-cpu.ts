/**
 * Server CPU per command at a fixed request rate, per thread (main thread, projection runner, ...),
 * from /proc: an efficiency figure that moves less with the host's noise than commands/s at full
 * load, for A/B comparisons of the write path (Linux only; not part of `npm run bench`).
 *   node --import tsx bench/tools/ingest-cpu.ts [rate=2000] [seconds=10] [connections=50]
 * It starts this checkout's bench/servers/service.ts on a fresh data directory; PROF=<dir> adds --cpu-prof.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { load } from '../lib/load.js';
import { createTokens, freshDataDir, startRcmServer } from '../lib/rcm-server.js';
import { factSource } from '../scenarios/ingest.js';
const [rate = 2000, seconds = 10, connections = 50] = process.argv.slice(2).map(Number);
const ticks = (pid: number) => {
  const out = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out.set(`${tid} ${comm}`, Number(f[11]) + Number(f[12]));
  }
  return out;
};
const server = await startRcmServer(freshDataDir('cpu'), { script: 'bench/servers/service.ts', ...(process.env['PROF'] ? { nodeArgs: ['--cpu-prof', '--cpu-prof-dir=' + process.env['PROF']] } : {}) });
try {
  await createTokens(server);
  const run = (duration: number, tag: string) =>
    load({ url: server.url, connections, seconds: duration, rate, headers: { authorization: `Bearer ${server.deskToken}` }, next: factSource(tag) });
  await run(3, 'warm');
  const pid = server.child.pid!;
  const before = ticks(pid);
  const r = await run(seconds, 'run');
  const after = ticks(pid);
  const ok = r.ok2xx;
  let total = 0;
  const rows: string[] = [];
  for (const [k, v] of after) {
    const d = (v - (before.get(k) ?? 0)) * 10; // ms (100 Hz ticks)
    total += d;
    if (d >= 50) rows.push(`  ${k}: ${d} ms, ${((d / ok) * 1000).toFixed(0)} µs/command`);
  }
  console.log(`rate ${rate}/s, ${ok} ok (${r.non2xx} non-2xx), p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms; server CPU ${((total / ok) * 1000).toFixed(0)} µs/command`);
  console.log(rows.join('\n'));
} finally {
  await server.stop();
}
