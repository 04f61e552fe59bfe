import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PACKAGE_ROOT } from '../package-root.js';
import type { FoldedView } from './fold-view.js';
import type { ViewBuildReply, ViewBuildTask } from './view-build-worker.js';

const BOOT = join(PACKAGE_ROOT, 'src', 'projection-runtime', 'partition-worker-boot.mjs');
/** The worker's entry beside this module: .ts from the sources, .js in the transpiled service. */
const ENTRY = new URL(`./view-build-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url).href;
/** As the partitioned builds' workers: a fold's live data is its write-behind cache. */
const WORKER_HEAP = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 8 };

export type ViewBuildDone = Extract<ViewBuildReply, { type: 'done' }>;

interface Pending {
  onCopy: (copy: FoldedView & { bytes: number }) => void;
  resolve: (done: ViewBuildDone) => void;
  reject: (e: Error) => void;
}

/**
 * One worker thread that folds as-of views, one task after another, started on the first and kept
 * (loading the projections costs more than a small view's fold). It holds the process open only
 * while a task runs. If it fails, the tasks it held fail, and the next task starts a new one.
 */
export class ViewBuildThread {
  private current: { worker: Worker; pending: Map<number, Pending> } | null = null;
  private nextId = 1;

  /** Folds the task's view; `onCopy` gets each intermediate copy as it is made. Fails with the worker's error (its `code` kept). */
  run(task: ViewBuildTask, onCopy: Pending['onCopy']): Promise<ViewBuildDone> {
    const { worker, pending } = this.current ?? this.start();
    const id = this.nextId++;
    return new Promise<ViewBuildDone>((resolve, reject) => {
      pending.set(id, { onCopy, resolve, reject });
      worker.ref();
      worker.postMessage({ id, task });
    });
  }

  /** Ends the thread; tasks still running fail. */
  async close(): Promise<void> {
    const worker = this.current?.worker;
    this.current = null;
    await worker?.terminate();
  }

  private start(): { worker: Worker; pending: Map<number, Pending> } {
    const worker = new Worker(BOOT, { workerData: { entry: ENTRY }, resourceLimits: WORKER_HEAP });
    const pending = new Map<number, Pending>();
    this.current = { worker, pending };
    worker.on('message', (m: ViewBuildReply & { id: number }) => {
      const p = pending.get(m.id);
      if (!p) return;
      if (m.type === 'copy') return p.onCopy(m);
      pending.delete(m.id);
      if (pending.size === 0) worker.unref();
      if (m.type === 'done') p.resolve(m);
      else p.reject(Object.assign(new Error(m.message), m.code === null ? {} : { code: m.code }));
    });
    let crash: Error | null = null;
    worker.on('error', (e) => (crash = e));
    worker.on('exit', (code) => {
      if (this.current?.worker === worker) this.current = null;
      const reason = crash ?? new Error(`The as-of view worker stopped (exit code ${code})`);
      for (const p of pending.values()) p.reject(reason);
      pending.clear();
    });
    return this.current;
  }
}
