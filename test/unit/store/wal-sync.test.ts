import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { WalSync } from '../../../src/store/sqlite/wal-sync.js';

const root = mkdtempSync(join(tmpdir(), 'rcm-walsync-'));
t.teardown(() => rmSync(root, { recursive: true, force: true }));

function walFile(name: string): string {
  const path = join(root, name);
  writeFileSync(path, 'frames');
  return path;
}

const settled = (sync: WalSync) =>
  new Promise<Error | undefined>((resolve) => sync.afterDurable((error) => resolve(error)));

t.test('nothing pending: whenDurable resolves without a flush', async (t) => {
  const sync = new WalSync(walFile('a'));
  await sync.whenDurable();
  t.equal(sync.flushes, 0);
  await sync.close();
});

t.test('one flush at a time: commits made while it runs share the next flush', async (t) => {
  const sync = new WalSync(walFile('b'));
  const order: string[] = [];
  const first = settled(sync).then(() => order.push(`first after ${sync.flushes}`));
  // Registered while the first flush is in progress: neither is covered by it.
  const second = settled(sync).then(() => order.push(`second after ${sync.flushes}`));
  const third = settled(sync).then(() => order.push(`third after ${sync.flushes}`));
  // Nothing committed since the second flush was queued: whenDurable rides on it.
  const durable = sync.whenDurable().then(() => order.push(`durable after ${sync.flushes}`));
  await Promise.all([first, second, third, durable]);
  t.same(order, ['first after 1', 'second after 2', 'third after 2', 'durable after 2']);
  t.equal(sync.flushes, 2);
  await sync.close();
});

t.test('a failed flush fails its commits and every later one', async (t) => {
  const sync = new WalSync(join(root, 'missing', 'db-wal'));
  const error = await settled(sync);
  t.match(error?.message, /fdatasync of .*db-wal failed/);
  t.equal(sync.failed, error);
  t.equal(await settled(sync), error, 'later commits get the same error at once');
  await t.rejects(sync.whenDurable(), error!);
  await sync.close();
});
