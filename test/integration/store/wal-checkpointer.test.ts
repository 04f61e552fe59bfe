import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import t from 'tap';
import { checkpointTargetOf, WalCheckpointer, type CheckpointTarget } from '../../../src/store/checkpoint/wal-checkpointer.js';
import { openSqliteDatabase } from '../../../src/store/open-sqlite.js';

const root = mkdtempSync(join(tmpdir(), 'rcm-ckpt-'));
t.teardown(() => rmSync(root, { recursive: true, force: true }));

function openTarget(name: string) {
  const path = join(root, name);
  const db = openSqliteDatabase(path);
  return { db, path, target: checkpointTargetOf(db) };
}

t.test('the worker copies the WAL into the database file; the service connection never checkpoints meanwhile', async (t) => {
  const { db, path, target } = openTarget('a.sqlite');
  t.teardown(() => db.close());
  const checkpointer = new WalCheckpointer([target], { intervalMs: 20 });
  t.equal(db.pragma('wal_autocheckpoint', { simple: true }), 0, 'automatic checkpoints are off in this thread');
  db.exec('CREATE TABLE x (v BLOB) STRICT');
  const insert = db.prepare('INSERT INTO x VALUES (randomblob(4096))');
  db.transaction(() => {
    for (let i = 0; i < 1000; i++) insert.run();
  })();
  const before = statSync(path).size;
  let after = before;
  for (let i = 0; i < 200 && after < 4_000_000; i++) {
    await sleep(20);
    after = statSync(path).size;
  }
  t.ok(before < 1_000_000, `the database file was small before (${before} bytes)`);
  t.ok(after >= 4_000_000, `and holds the 4 MB once the worker checkpointed (${after} bytes)`);
  await checkpointer.stop();
  t.equal(db.pragma('wal_autocheckpoint', { simple: true }), 1000, 'stop() hands checkpoints back to the connection');
});

t.test('a worker that cannot start hands checkpoints back and says why', async (t) => {
  const { db, target } = openTarget('b.sqlite');
  t.teardown(() => db.close());
  const warnings: string[] = [];
  const missing: CheckpointTarget = { path: join(root, 'missing.sqlite'), setAutoCheckpoint: () => {} };
  const checkpointer = new WalCheckpointer([target, missing], { onWarning: (m) => warnings.push(m) });
  for (let i = 0; i < 200 && warnings.length === 0; i++) await sleep(20);
  t.match(warnings[0], /WAL checkpointer stopped/);
  t.equal(db.pragma('wal_autocheckpoint', { simple: true }), 1000);
  await checkpointer.stop();
});
