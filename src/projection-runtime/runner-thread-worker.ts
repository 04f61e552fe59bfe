import { parentPort, workerData } from 'node:worker_threads';
import { allProjections, previousProjectionVersions } from '../../projections/index.js';
import { openSqliteEventStore } from '../store/sqlite/index.js';
import { openReadModelDb } from './read-model-db.js';
import { ProjectionRunner } from './runner.js';
import type { RunnerThreadOptions, ToMain, ToWorker } from './runner-thread.js';

// The projection runner of a ThreadedProjectionRunner (started through partition-worker-boot.mjs):
// its own connections to the event log (read only: it never appends) and to the read-model file,
// commits heard from the main thread, and what it serves reported back after every change.
const options = workerData as RunnerThreadOptions & { entry: string };
const port = parentPort!;
const post = (m: ToMain) => port.postMessage(m);

const store = openSqliteEventStore({ path: options.eventsPath });
const db = openReadModelDb(options.readModelsPath);
let heard: ((position: number) => void) | null = null;
let lastServed = '';
const runner = new ProjectionRunner({
  store,
  db,
  projections: allProjections,
  previousVersions: previousProjectionVersions,
  ...(options.maxBatchMs === undefined ? {} : { maxBatchMs: options.maxBatchMs }),
  ...(options.partitionedBuild ? { partitionedBuild: { eventsPath: options.eventsPath, ...options.partitionedBuild } } : {}),
  commits: (listener) => {
    heard = listener;
    return () => (heard = null);
  },
  onServedChange: () => {
    const m: ToMain = { type: 'served', position: runner.servedPosition(), versions: [...runner.liveVersions()], allLive: runner.allLive() };
    const key = JSON.stringify(m);
    if (key === lastServed) return;
    lastServed = key;
    post(m);
  },
  onError: (projection, error) => post({ type: 'error', projection, message: error instanceof Error ? error.message : String(error) }),
});

port.on('message', (m: ToWorker) => {
  switch (m.type) {
    case 'commit':
      heard?.(m.position);
      break;
    case 'wait':
      // A read waits for this position: the runner catches up at once instead of after its follow interval.
      runner.waitForPosition(m.position, m.timeoutMs).catch(() => undefined);
      break;
    case 'status':
      runner.status().then(
        (entries) => post({ type: 'status', id: m.id, entries }),
        (e: unknown) => post({ type: 'status', id: m.id, error: e instanceof Error ? e.message : String(e) }),
      );
      break;
    case 'stop':
      void stop();
      break;
  }
});

async function stop(): Promise<void> {
  try {
    await runner.stop();
  } finally {
    await store.close();
    db.close();
    post({ type: 'stopped' });
    port.close();
  }
}

runner.start().then(
  () => post({ type: 'caught-up' }),
  (e: unknown) => post({ type: 'catch-up-failed', message: e instanceof Error ? e.message : String(e) }),
);
