/**
 * The latest closed year's first annual report, with and without its background preparation, on the
 * real server over the bench's prepared data directory (read models caught up, no as-of views kept):
 *   node --import ./test/helpers/ts-loader.mjs bench/tools/closed-year-prepared.ts [--events 1000000]
 * Prepared: how long the preparation took after the server was ready, a live scorecard's latency
 * while it ran and after (one request every 100 ms), then the first report request. Not prepared:
 * the first report request. Run `npm run bench -- --scenario query` once first (it prepares the data
 * directory). The copies go to a temporary directory.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { history } from '../lib/histories.js';
import { request } from '../lib/http-client.js';
import { preparedDataDir } from '../lib/prepared-server.js';
import { BENCH_COUNTRIES, createTokens, startRcmServer } from '../lib/rcm-server.js';
import { summarize } from '../lib/stats.js';

const { values } = parseArgs({ options: { events: { type: 'string', default: '1000000' } } });
const log = (line: string) => console.log(line);
const { dataDir: prepared, adminToken } = await preparedDataDir(await history(Number(values.events), log), log);
const PREPARED = /Closed year (\d{4}): its annual report and frozen answers are prepared \(([\d.]+) s\)/;

async function run(prepare: boolean): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rcm-prepared-'));
  for (const f of ['events.sqlite', 'read-models.sqlite', 'auth.sqlite']) copyFileSync(join(prepared, f), join(dataDir, f));
  const server = await startRcmServer(dataDir, { adminToken, timeoutMs: 600_000, env: { RCM_PREPARE_CLOSED_YEAR: String(prepare), RCM_LOG_LEVEL: 'info' } });
  try {
    await createTokens(server);
    const auth = { authorization: `Bearer ${server.analystToken}` };
    const periods = JSON.parse((await request(`${server.url}/v1/periods`, { headers: auth })).body) as { periods: { period: string }[] };
    const year = Math.max(...periods.periods.filter((p) => /^\d{4}$/.test(p.period)).map((p) => Number(p.period)));
    const timed = async (path: string) => {
      const began = process.hrtime.bigint();
      const reply = await fetch(`${server.url}${path}`, { headers: auth });
      const body = await reply.text();
      if (reply.status !== 200) throw new Error(`${path}: ${reply.status} ${body.slice(0, 300)}`);
      return { ms: Number(process.hrtime.bigint() - began) / 1e6, cache: reply.headers.get('x-report-cache') };
    };
    const scorecard = `/v1/countries/${BENCH_COUNTRIES[0]}/scorecards/${year + 1}`;
    if (prepare) {
      const during: number[] = [];
      const began = Date.now();
      while (!PREPARED.test(server.output())) {
        if (Date.now() - began > 600_000) throw new Error(`not prepared in 600 s:\n${server.output().slice(-2000)}`);
        during.push((await timed(scorecard)).ms);
        await new Promise((r) => setTimeout(r, 100));
      }
      const after: number[] = [];
      for (let i = 0; i < 50; i++) after.push((await timed(scorecard)).ms);
      const [, , seconds] = PREPARED.exec(server.output())!;
      const fmt = (xs: number[]) => {
        const s = summarize(xs);
        return `median ${s.p50.toFixed(2)} ms, p99 ${s.p99.toFixed(2)} ms (n=${xs.length})`;
      };
      log(`prepared: closed year ${year}, ${BENCH_COUNTRIES.length} countries, ${seconds} s after the start`);
      log(`  live scorecard ${year + 1} while preparing: ${fmt(during)}; after: ${fmt(after)}`);
    }
    const first = await timed(`/v1/reports/annual/${year}`);
    log(`${prepare ? 'prepared' : 'not prepared'}: first report ${year}: ${first.ms.toFixed(1)} ms (X-Report-Cache: ${first.cache})`);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await run(true);
await run(false);
