import { rmSync } from 'node:fs';
import { type ScenarioResult } from '../lib/figures.js';
import { waitReady } from '../lib/prepared-server.js';
import { freshDataDir, startRcmServer } from '../lib/rcm-server.js';
import { median } from '../lib/stats.js';

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

/**
 * Start-up with a large history whose read models are caught up (checkpoints at the head), against
 * start-up on an empty store; alternating, `rounds` times, medians. The target is absolute (< 2 s).
 */
export async function startupScenario(prepared: { dataDir: string; adminToken: string }, label: string, options: { rounds: number }): Promise<ScenarioResult> {
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
    ],
    details: { rounds: options.rounds, withHistory: big, empty },
  };
}
