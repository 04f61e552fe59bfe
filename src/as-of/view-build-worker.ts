import { statSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { allProjections } from '../../projections/index.js';
import { streamReads } from '../store/sqlite/country-reads.js';
import { foldView, openViewFile, type FoldedView } from './fold-view.js';
import { StreamsReader } from './streams-reader.js';

/** An as-of view to fold in the worker thread (ViewBuildThread), so that the fold never holds up the server's requests. */
export interface ViewBuildTask {
  eventsPath: string;
  /** The view file: a copy of an earlier view, or a new file (`fresh`). */
  file: string;
  fresh: boolean;
  streams: string[];
  /** Per stream, the first revision the file has not folded. */
  from: Record<string, number>;
  lastFolded: Record<string, string>;
  position: number;
  /** The service's own projections, as name@version (the worker loads the same modules). */
  projections: string[];
  snapshotEvery: number;
  /** Names for the intermediate copies: `<stem>-<n>.sqlite`. */
  copyStem: string;
}

export type ViewBuildReply =
  | ({ type: 'copy'; bytes: number } & FoldedView)
  | { type: 'done'; events: number; revisions: Record<string, number>; lastFolded: Record<string, string> }
  | { type: 'failed'; code: string | null; message: string };

const byId = new Map(allProjections.map((p) => [`${p.name}@${p.version}`, p]));

async function build(task: ViewBuildTask, reply: (m: ViewBuildReply) => void): Promise<void> {
  const events = new Database(task.eventsPath, { readonly: true, fileMustExist: true });
  let done: ViewBuildReply;
  try {
    const db = openViewFile(task.file, task.fresh);
    try {
      const projections = task.projections.map((id) => {
        const p = byId.get(id);
        if (!p) throw new Error(`No projection ${id} in this build`);
        return p;
      });
      const reader = new StreamsReader(streamReads(events), task.streams, task.from, task.position);
      let copies = 0;
      let folded = 0;
      const { folded: result } = await foldView({
        db,
        file: task.file,
        reader,
        first: await reader.next(task.snapshotEvery),
        lastFolded: task.lastFolded,
        projections,
        snapshotEvery: task.snapshotEvery,
        // Nothing else runs in this thread: one transaction per chunk, however long it takes.
        batchSize: task.snapshotEvery,
        maxBatchMs: 60_000,
        newFile: () => `${task.copyStem}-${++copies}.sqlite`,
        copyFile: (from, to) => copyFile(from, to),
        onSnapshot: (copy) => reply({ type: 'copy', ...copy, bytes: statSync(copy.file).size }),
        onFolded: (n) => (folded += n),
        cancelled: () => false,
      });
      done = { type: 'done', events: folded, ...result };
    } finally {
      db.close();
    }
  } finally {
    events.close();
  }
  // Closed first: the server opens the file once it hears this.
  reply(done);
}

// One task at a time, in the order they came.
let queue = Promise.resolve();
parentPort!.on('message', ({ id, task }: { id: number; task: ViewBuildTask }) => {
  const reply = (m: ViewBuildReply) => parentPort!.postMessage({ id, ...m });
  queue = queue.then(() =>
    build(task, reply).catch((e: unknown) => reply({ type: 'failed', code: (e as { code?: string }).code ?? null, message: e instanceof Error ? e.message : String(e) })),
  );
});
