/**
 * Server CPU per command at a fixed request rate, per thread (main thread, projection runner, ...),
 * from /proc: an efficiency figure that moves less with the host's noise than commands/s at full
 * load, for A/B comparisons of the write path (Linux only; not part of `npm run bench`).
 *   node --import tsx bench/tools/ingest-cpu.ts [rate=2000] [seconds=10] [connections=50]
 * It starts this checkout's bench/servers/service.ts on a fresh data directory; PROF=<dir> adds --cpu-prof.
 */
import { readdirSync, readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { BENCH_COUNTRIES, createTokens, freshDataDir, startRcmServer } from '../lib/rcm-server.js';

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
  let n = 0;
  const body = (tag: string) => () => {
    n++;
    const country = BENCH_COUNTRIES[n % BENCH_COUNTRIES.length]!;
    return { method: 'POST' as const, path: `/v1/countries/${country}/requests`, body: JSON.stringify({ type: 'IdentificationRequestSubmitted', occurredOn: '2025-06-02', data: { requestId: `${country}-IR-${tag}-${n}`, caseRef: n.toString(16).padStart(32, '0'), requestingState: 'NL', channel: 'RCMS' }, provenance: { sourceKind: 'rcms', reference: 'x', evidenceStatus: 'confirmed' } }) };
  };
  const run = (secs: number, tag: string) => {
    const next = body(tag);
    return autocannon({ url: server.url, connections, duration: secs, overallRate: rate, headers: { 'content-type': 'application/json', authorization: `Bearer ${server.deskToken}` }, requests: [{ setupRequest: (r: object) => ({ ...r, ...next() }) }] });
  };
  await run(3, 'warm');
  const pid = server.child.pid!;
  const before = ticks(pid);
  const r = await run(seconds, 'run');
  const after = ticks(pid);
  const ok = r['2xx'];
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
