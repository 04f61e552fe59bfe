import { cpSync, rmSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { type Figure, type ScenarioResult } from '../lib/figures.js';
import { installHistory } from '../lib/histories.js';
import { request } from '../lib/http-client.js';
import { waitReady } from '../lib/prepared-server.js';
import { BENCH_COUNTRIES, createTokens, freshDataDir, startRcmServer } from '../lib/rcm-server.js';
import { median } from '../lib/stats.js';
import { factSource } from './ingest.js';

/** Spawn → listening → /ready 200 (when the build has /ready), in ms. */
async function timeToReady(dataDir: string, adminToken: string | undefined): Promise<{ listeningMs: number; readyMs: number }> {
  const server = await startRcmServer(dataDir, { timeoutMs: 600_000, ...(adminToken ? { adminToken } : {}) });
  try {
    const waited = await waitReady(server.url, 600_000);
    return { listeningMs: server.readyMs, readyMs: server.readyMs + (waited ?? 0) };
  } finally {
    await server.stop();
  }
}

interface FirstStart {
  listeningMs: number;
  readyMs: number;
  healthAnswers: number;
  slowestHealthMs: number;
}

/**
 * First start on the event log alone (no read models): the server listens while it builds them.
 * Polls `GET /health` (timed) and `GET /ready` every 100 ms until ready.
 */
async function firstStart(historyPath: string): Promise<FirstStart> {
  const dir = freshDataDir('first-start');
  try {
    installHistory(historyPath, dir);
    const spawned = process.hrtime.bigint();
    const sinceSpawn = () => Number(process.hrtime.bigint() - spawned) / 1e6;
    const server = await startRcmServer(dir, { timeoutMs: 600_000 });
    try {
      let healthAnswers = 0;
      let slowestHealthMs = 0;
      for (;;) {
        await new Promise((r) => setTimeout(r, 100));
        const started = process.hrtime.bigint();
        const health = await request(`${server.url}/health`);
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        if (health.status !== 200) throw new Error(`GET /health -> ${health.status} while catching up`);
        healthAnswers++;
        slowestHealthMs = Math.max(slowestHealthMs, ms);
        if ((await request(`${server.url}/ready`)).status === 200) break;
        if (sinceSpawn() > 600_000) throw new Error('not ready after 600 s');
      }
      return { listeningMs: server.readyMs, readyMs: sinceSpawn(), healthAnswers, slowestHealthMs };
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface FirstCommands {
  /** ms of each country's first command after the start, then of its second. */
  first: number[];
  second: number[];
  /** The slowest `GET /health` (polled every 5 ms on another connection) during the first commands. */
  slowestHealthMs: number;
}

/**
 * The first command on each country after a start decides on the country's whole history: twice on
 * a copy of the prepared data directory (commands would change the prepared one). First without
 * kept decision states, as after an upgrade, then after the clean stop that kept them.
 */
async function firstCommands(prepared: { dataDir: string; adminToken: string }): Promise<{ replayed: FirstCommands; fromSnapshots: FirstCommands }> {
  const dir = freshDataDir('first-command');
  try {
    cpSync(prepared.dataDir, dir, { recursive: true });
    rmSync(join(dir, 'snapshots'), { recursive: true, force: true });
    const round = async (tag: string): Promise<FirstCommands> => {
      const server = await startRcmServer(dir, { adminToken: prepared.adminToken, timeoutMs: 600_000 });
      try {
        await waitReady(server.url, 600_000);
        await createTokens(server);
        const next = factSource(tag);
        const timeOne = async () => {
          const { path, body } = next();
          const started = process.hrtime.bigint();
          const reply = await request(`${server.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${server.deskToken}`, 'content-type': 'application/json' }, body });
          if (reply.status !== 201) throw new Error(`POST ${path} -> ${reply.status} ${reply.body.slice(0, 200)}`);
          return Number(process.hrtime.bigint() - started) / 1e6;
        };
        const first: number[] = [];
        const second: number[] = [];
        let polling = true;
        let slowestHealthMs = 0;
        // On a connection of its own: on the commands' one it would wait for each command.
        const pollAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
        const poll = (async () => {
          while (polling) {
            const started = process.hrtime.bigint();
            await request(`${server.url}/health`, { agent: pollAgent });
            slowestHealthMs = Math.max(slowestHealthMs, Number(process.hrtime.bigint() - started) / 1e6);
            await new Promise((r) => setTimeout(r, 5));
          }
        })();
        try {
          for (const _ of BENCH_COUNTRIES) first.push(await timeOne());
        } finally {
          polling = false;
          await poll;
          pollAgent.destroy();
        }
        for (const _ of BENCH_COUNTRIES) second.push(await timeOne());
        return { first, second, slowestHealthMs };
      } finally {
        await server.stop();
      }
    };
    const replayed = await round('first-replayed');
    const fromSnapshots = await round('first-snapshot');
    return { replayed, fromSnapshots };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Start-up with a large history whose read models are caught up (checkpoints at the head), against
 * start-up on an empty store; alternating, `rounds` times, medians. The target is absolute (< 2 s).
 */
export async function startupScenario(prepared: { dataDir: string; adminToken: string }, historyPath: string, label: string, options: { rounds: number }): Promise<ScenarioResult> {
  const big: { listeningMs: number; readyMs: number }[] = [];
  const empty: { listeningMs: number; readyMs: number }[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const dir = freshDataDir('startup-empty');
    try {
      empty.push(await timeToReady(dir, undefined));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    big.push(await timeToReady(prepared.dataDir, prepared.adminToken));
  }
  const bigMs = median(big.map((b) => b.readyMs));
  const emptyMs = median(empty.map((b) => b.readyMs));
  const emptyListeningMs = median(empty.map((b) => b.listeningMs));
  const first = await firstStart(historyPath);
  const commands = await firstCommands(prepared);
  const secondMs = median([...commands.replayed.second, ...commands.fromSnapshots.second]);
  const firstCommandFigure = (figure: string, value: number, notes: string): Figure => ({
    scenario: 'start-up',
    figure: `first command per country after a start, ${label}: ${figure}`,
    unit: 'ms',
    value,
    baseline: secondMs,
    baselineLabel: "the country's second command (median)",
    ratio: value / secondMs,
    target: 'reported',
    met: null,
    notes,
  });
  const firstFigure = (figure: string, value: number, baseline: number | null, notes: string): Figure => ({
    scenario: 'start-up',
    figure: `first start on the log alone, ${label}: ${figure}`,
    unit: 'ms',
    value,
    baseline,
    baselineLabel: baseline === null ? '—' : 'empty store',
    ratio: baseline === null ? null : value / baseline,
    target: 'reported',
    met: null,
    notes,
  });
  return {
    scenario: 'startup',
    figures: [
      {
        scenario: 'start-up',
        figure: `time to ready, ${label}, caught-up checkpoints`,
        unit: 'ms',
        value: bigMs,
        baseline: emptyMs,
        baselineLabel: 'empty store',
        ratio: bigMs / emptyMs,
        target: '< 2 s',
        met: bigMs < 2000,
        notes: 'spawn of node .build/src/server.js (what npm start runs) until GET /ready answers 200',
      },
      firstFigure('listening', first.listeningMs, emptyListeningMs, 'the read models are built meanwhile (worker threads, as the service does by default)'),
      firstFigure('ready (read models built)', first.readyMs, null, 'GET /ready answers 503 until then; writes are recorded meanwhile'),
      firstFigure('slowest GET /health while building', first.slowestHealthMs, null, `${first.healthAnswers} answers, one every 100 ms, all 200`),
      firstCommandFigure('median, whole history replayed', median(commands.replayed.first), `no decision states kept (after an upgrade of the fold, or a first start); slowest ${Math.round(Math.max(...commands.replayed.first))} ms; slowest GET /health meanwhile ${Math.round(commands.replayed.slowestHealthMs)} ms`),
      firstCommandFigure('median, from the states kept at the last stop', median(commands.fromSnapshots.first), `slowest ${Math.round(Math.max(...commands.fromSnapshots.first))} ms; slowest GET /health meanwhile ${Math.round(commands.fromSnapshots.slowestHealthMs)} ms`),
    ],
    details: { rounds: options.rounds, withHistory: big, empty, firstStart: first, firstCommands: commands },
  };
}
