// Plain JavaScript on purpose: worker threads do not inherit tsx's loader, so this file must run
// as it is. It is the whole worker; WalCheckpointer (wal-checkpointer.ts) starts and stops it.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

/**
 * Checkpoints the WAL of each database every `intervalMs` on its own connection, so the copy into
 * the main file and its fsyncs never stop the service's event loop (the service's connections have
 * `wal_autocheckpoint = 0`). PASSIVE never blocks readers or the writer; once everything is
 * copied, the writer restarts the WAL at its next commit.
 * @type {{ paths: string[], intervalMs: number }}
 */
const { paths, intervalMs } = workerData;
const dbs = paths.map((path) => {
  const db = new Database(path, { fileMustExist: true });
  db.pragma('busy_timeout = 1000');
  db.pragma('synchronous = FULL');
  return db;
});
let timer = null;

function checkpointAll() {
  for (const db of dbs) {
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch (e) {
      // Busy or I/O trouble: try again next round, and say so.
      parentPort.postMessage({ type: 'warning', message: `checkpoint of ${db.name} failed: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
}

function tick() {
  checkpointAll();
  timer = setTimeout(tick, intervalMs);
}

parentPort.on('message', (message) => {
  if (message.type !== 'stop') return;
  clearTimeout(timer);
  checkpointAll();
  for (const db of dbs) db.close();
  parentPort.close();
});
tick();
