/**
 * The benchmark suite: `npm run bench -- [--scenario ingest,rebuild,query,asof,startup] [--quick]`.
 *
 * Every figure is reported beside a baseline measured in the same run, as a ratio (the machines
 * are shared and noisy). The server under test and the load generator are separate processes; all
 * traffic is on 127.0.0.1. Results: bench/results/<stamp>.json and .md (git-ignored), the table is
 * printed, and `--docs` also writes docs/benchmarks.md.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { markdownTable, type ScenarioResult } from './lib/figures.js';
import { history } from './lib/histories.js';
import { machineInfo, type MachineInfo } from './lib/machine.js';
import { preparedDataDir, startPrepared } from './lib/prepared-server.js';
import { ROOT } from './lib/processes.js';
import type { RcmServer } from './lib/rcm-server.js';
import { ingestScenario } from './scenarios/ingest.js';
import { asOfScenario, queryScenario } from './scenarios/queries.js';
import { rebuildScenario } from './scenarios/rebuild.js';
import { startupScenario } from './scenarios/startup.js';
import { parseCommandLine } from '../scripts/lib/command-line.js';

const ALL = ['ingest', 'rebuild', 'query', 'asof', 'startup'] as const;
type Scenario = (typeof ALL)[number];

const USAGE = `Usage:
  npm run bench -- [--scenario ${ALL.join(',')}] [--quick] [--events 1000000] [--small-events 10000] [--seconds N]
                   [--connections 10,50] [--rounds N] [--warmup N] [--docs] [--server-prof]
Runs the selected scenarios (default: all) against servers on 127.0.0.1; method and results: docs/benchmarks.md.
`;
const commandLine = parseCommandLine(USAGE, {
  scenario: { type: 'string', default: ALL.join(',') },
  quick: { type: 'boolean', default: false },
  events: { type: 'string', default: '1000000' },
  'small-events': { type: 'string', default: '10000' },
  seconds: { type: 'string' },
  connections: { type: 'string', default: '10,50' },
  docs: { type: 'boolean', default: false },
  'server-prof': { type: 'boolean', default: false },
  rounds: { type: 'string' },
  warmup: { type: 'string' },
});
if (commandLine.exitCode !== undefined) process.exit(commandLine.exitCode);
const values = commandLine.values;

const selected = values.scenario.split(',').map((s) => s.trim()).filter(Boolean) as Scenario[];
const unknown = selected.filter((s) => !ALL.includes(s));
if (unknown.length > 0) {
  process.stderr.write(`Unknown scenario ${unknown.join(', ')}; choose from ${ALL.join(', ')}\n${USAGE}`);
  process.exit(2);
}
const quick = values.quick;
const bigEvents = Number(values.events);
const smallEvents = Number(values['small-events']);
const seconds = Number(values.seconds ?? (quick ? 4 : 10));
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const label = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M events` : `${n / 1000}k events`);

// The servers under test run what `npm start` runs: the transpiled copy in .build/.
execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });

const results: ScenarioResult[] = [];
const started = new Date();

async function run(): Promise<void> {
  if (selected.includes('ingest')) {
    log(`ingest: ${values.connections} connections, ${seconds} s each after ${quick ? 1 : 2} s warm-up`);
    results.push(
      await ingestScenario({
        seconds,
        warmupSeconds: quick ? 1 : 2,
        connections: values.connections.split(',').map(Number),
        ...(values['server-prof'] ? { serverNodeArgs: ['--cpu-prof', `--cpu-prof-dir=${join(ROOT, 'tmp', 'bench', 'prof')}`] } : {}),
      }),
    );
  }
  const needsBig = selected.some((s) => s !== 'ingest');
  if (!needsBig) return;
  const bigHistory = await history(bigEvents, log);

  if (selected.includes('rebuild')) {
    const rounds = Number(values.rounds ?? (quick ? 1 : 3));
    log(`rebuild: ${label(bigEvents)}, ${rounds} rounds`);
    results.push(await rebuildScenario(bigHistory, { rounds }));
  }
  if (selected.includes('query') || selected.includes('asof') || selected.includes('startup')) {
    const big = await preparedDataDir(bigHistory, log);
    const samples = quick ? 200 : 1000;
    // Requests per query before timing: every distinct path is touched several times and the
    // handlers have been optimised by V8 (the first few hundred calls of a cold server are slower).
    const warmup = Number(values.warmup ?? (quick ? 20 : 500));
    if (selected.includes('query') || selected.includes('asof')) {
      const small = await preparedDataDir(await history(smallEvents, log), log);
      const servers: RcmServer[] = [];
      try {
        servers.push(await startPrepared(big.dataDir, big.adminToken));
        servers.push(await startPrepared(small.dataDir, small.adminToken));
        const [bigServer, smallServer] = servers as [RcmServer, RcmServer];
        if (selected.includes('query')) {
          log(`query: ${samples} samples per query and history`);
          results.push(await queryScenario(bigServer, smallServer, { big: label(bigEvents), small: label(smallEvents) }, { samples, warmup }));
        }
        if (selected.includes('asof')) {
          log(`as-of: ${samples} samples`);
          results.push(await asOfScenario(bigServer, label(bigEvents), { samples, warmup }));
        }
      } finally {
        for (const s of servers) await s.stop();
      }
    }
    if (selected.includes('startup')) {
      log(`start-up: ${quick ? 2 : 5} rounds`);
      results.push(await startupScenario(big, bigHistory, label(bigEvents), { rounds: quick ? 2 : 5 }));
    }
  }
}

function report(machine: MachineInfo, table: string, command: string): string {
  return [
    `Run ${started.toISOString()} on ${machine.platform}, ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, SQLite ${machine.sqlite}.`,
    '',
    table,
    '',
    `Reproduce: \`${command}\``,
  ].join('\n');
}

/** Replaces the generated block of docs/benchmarks.md (between the bench:table markers) with this run. */
function updateDocs(md: string): void {
  const path = join(ROOT, 'docs', 'benchmarks.md');
  const open = '<!-- bench:table -->';
  const close = '<!-- /bench:table -->';
  const text = existsSync(path) ? readFileSync(path, 'utf8') : `# Benchmarks\n\n${open}\n${close}\n`;
  const a = text.indexOf(open);
  const b = text.indexOf(close);
  if (a < 0 || b < a) throw new Error(`${path} has no ${open} ... ${close} block`);
  writeFileSync(path, `${text.slice(0, a + open.length)}\n${md}\n${text.slice(b)}`);
}

try {
  await run();
} finally {
  const machine = machineInfo();
  const table = markdownTable(results);
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${stamp}.json`), `${JSON.stringify({ started: started.toISOString(), command, machine, selected, quick, results }, null, 2)}\n`);
  const md = report(machine, table, command);
  writeFileSync(join(dir, `${stamp}.md`), `${md}\n`);
  if (values.docs) updateDocs(md);
  process.stdout.write(`\n${md}\n\nResults: bench/results/${stamp}.json\n`);
}
