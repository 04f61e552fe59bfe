import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { openReadModelDb } from '../../../src/projection-runtime/read-model-db.js';
import { SnapshotReaders } from '../../../src/reports/snapshot-readers.js';

function setup(t: { teardown: (fn: () => unknown) => void }, max: number) {
  const dir = mkdtempSync(join(tmpdir(), 'rcm-snapshots-'));
  const db = openReadModelDb(join(dir, 'read-models.sqlite'));
  db.exec('CREATE TABLE n (v INTEGER)');
  db.exec('INSERT INTO n VALUES (1)');
  const readers = new SnapshotReaders(db.name, max);
  t.teardown(() => {
    readers.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { db, readers };
}

const count = (db: { prepare(sql: string): { get(): unknown } }) => (db.prepare('SELECT count(*) AS c FROM n').get() as { c: number }).c;

t.test('a snapshot keeps what its first read saw while the writer commits on, and cannot write', async (t) => {
  const { db, readers } = setup(t, 2);
  const snap = await readers.begin();
  t.equal(count(snap.db), 1);
  db.exec('INSERT INTO n VALUES (2)');
  t.equal(count(snap.db), 1, 'the commit after the first read is not seen');
  t.throws(() => snap.db.exec('INSERT INTO n VALUES (3)'), /readonly|query_only|attempt to write/i, 'query only');
  snap.end();
  snap.end(); // twice is harmless
  const next = await readers.begin();
  t.equal(count(next.db), 2, 'the next snapshot (on the reused connection) sees it');
  next.end();
});

t.test('at most `max` snapshots at once: the next waits for one to end; close wakes waiters with an error', async (t) => {
  const { readers } = setup(t, 1);
  const first = await readers.begin();
  let second: Awaited<ReturnType<SnapshotReaders['begin']>> | null = null;
  const pending = readers.begin().then((s) => (second = s));
  await new Promise((r) => setTimeout(r, 20));
  t.equal(second, null, 'waiting while the first is open');
  first.end();
  await pending;
  t.ok(second, 'given a connection once the first ended');
  const third = readers.begin();
  readers.close();
  await t.rejects(third, /closed/, 'a waiter is told when the readers close');
  second!.end();
  await t.rejects(readers.begin(), /closed/);
});
