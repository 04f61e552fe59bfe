import { existsSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { allProjections } from '../../projections/index.js';
import { defaultBuildWorkers } from '../config/config.js';
import type { Projection } from '../../projections/types.js';
import { openSqliteEventStore } from '../store/sqlite/index.js';
import { openReadModelDb } from './read-model-db.js';
import { ProjectionRunner } from './runner.js';

export interface RebuildFigures {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** CPU time of the process during the rebuild (user + system): steadier than wall time on a shared machine. */
  cpuSeconds: number;
  /** Highest RSS sampled after each committed batch (MiB). */
  peakRssMiB: number;
  projections: string[];
}

export interface BaselineFigures {
  events: number;
  seconds: number;
  cpuSeconds: number;
  eventsPerSecond: number;
}

/**
 * Rebuilds every projection from scratch: the read-model file is deleted first, then the normal
 * `ProjectionRunner` catches up from position 0 (the same code path a service start-up or a
 * version bump takes), so this measures what production runs, checkpoints and all.
 */
export async function rebuildAll(options: {
  eventsPath: string;
  readModelsPath: string;
  projections?: readonly Projection[];
  batchSize?: number;
  maxCachedRows?: number;
  /** Worker threads for partitionable projections (0: all in this thread, in global order). Default: defaultBuildWorkers(). */
  workers?: number;
  onProgress?: (position: number, head: number) => void;
}): Promise<RebuildFigures> {
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(options.readModelsPath + suffix)) rmSync(options.readModelsPath + suffix);
  const store = openSqliteEventStore({ path: options.eventsPath });
  const db = openReadModelDb(options.readModelsPath);
  let peak = process.memoryUsage().rss;
  // Sampled on a timer too: while workers build, no batch is committed for a long time.
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  try {
    const head = await store.headPosition();
    const runner = new ProjectionRunner({
      store,
      db,
      projections: options.projections ?? allProjections,
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
      ...(options.maxCachedRows ? { maxCachedRows: options.maxCachedRows } : {}),
      partitionedBuild: { eventsPath: options.eventsPath, workers: options.workers ?? defaultBuildWorkers() },
      onBatchCommitted: (info) => {
        peak = Math.max(peak, process.memoryUsage().rss);
        options.onProgress?.(info.lastPosition, head);
      },
    });
    const started = process.hrtime.bigint();
    const cpu0 = process.cpuUsage();
    await runner.start();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpu0);
    const status = await runner.status();
    await runner.stop();
    const unfinished = status.filter((s) => s.state !== 'live' || s.position < head);
    if (unfinished.length > 0) throw new Error(`Rebuild did not finish: ${JSON.stringify(unfinished)}`);
    peak = Math.max(peak, process.memoryUsage().rss);
    return { events: head, seconds, eventsPerSecond: head / seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRssMiB: peak / 1048576, projections: status.map((s) => `${s.name}@${s.version}`) };
  } finally {
    clearInterval(sampler);
    db.close();
    await store.close();
  }
}

/**
 * The baseline measured beside a rebuild: every event read in global order with a plain
 * better-sqlite3 cursor and its JSON columns parsed, nothing else (as bench/workers/raw-read.ts).
 */
export function rawReadBaseline(eventsPath: string): BaselineFigures {
  const db = new Database(eventsPath, { readonly: true });
  try {
    const started = process.hrtime.bigint();
    const cpu0 = process.cpuUsage();
    let events = 0;
    let checksum = 0;
    const rows = db.prepare('SELECT position, stream_id, type, occurred_on, recorded_at, provenance, data FROM events ORDER BY position');
    for (const row of rows.iterate() as Iterable<{ provenance: string; data: string; position: number }>) {
      const data = JSON.parse(row.data) as Record<string, unknown>;
      const provenance = JSON.parse(row.provenance) as Record<string, unknown>;
      if (data && provenance) checksum += row.position & 1;
      events++;
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpu0);
    if (checksum < 0) throw new Error('unreachable'); // keeps the parse from being optimised away
    return { events, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, eventsPerSecond: events / seconds };
  } finally {
    db.close();
  }
}
