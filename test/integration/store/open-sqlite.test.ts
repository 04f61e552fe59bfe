import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { openSqliteDatabase, sqliteDurability } from '../../../src/store/open-sqlite.js';

const root = mkdtempSync(join(tmpdir(), 'rcm-open-'));
t.teardown(() => rmSync(root, { recursive: true, force: true }));

t.test('creates the directory and opens with WAL, synchronous=FULL, foreign keys, busy timeout', async (t) => {
  const path = join(root, 'a', 'b', 'read-models.sqlite');
  const db = openSqliteDatabase(path, { busyTimeoutMs: 1234 });
  t.teardown(() => db.close());
  t.ok(existsSync(path));
  t.same(sqliteDurability(db), { journalMode: 'wal', synchronous: 2 });
  t.equal(db.pragma('foreign_keys', { simple: true }), 1);
  t.equal(db.pragma('busy_timeout', { simple: true }), 1234);
});

t.test('settings hold on reopen, and a read-only handle can be opened beside a writer', async (t) => {
  const path = join(root, 'c.sqlite');
  const writer = openSqliteDatabase(path);
  writer.exec('CREATE TABLE x (v INTEGER) STRICT; INSERT INTO x VALUES (1);');
  const reader = openSqliteDatabase(path, { readonly: true });
  t.teardown(() => {
    reader.close();
    writer.close();
  });
  t.same(reader.prepare('SELECT v FROM x').all(), [{ v: 1 }]);
  t.throws(() => reader.exec('INSERT INTO x VALUES (2)'), /readonly/);
  t.equal(sqliteDurability(reader).synchronous, 2);
  t.equal(sqliteDurability(reader).journalMode, 'wal');
});

t.test("synchronous: 'normal' is only set when asked for (the event log flushes its WAL itself)", async (t) => {
  const db = openSqliteDatabase(join(root, 'n.sqlite'), { synchronous: 'normal' });
  t.teardown(() => db.close());
  t.same(sqliteDurability(db), { journalMode: 'wal', synchronous: 1 });
});

t.test(':memory: is allowed (not durable: journal mode memory)', async (t) => {
  const db = openSqliteDatabase(':memory:');
  t.teardown(() => db.close());
  t.same(sqliteDurability(db), { journalMode: 'memory', synchronous: 2 });
});
