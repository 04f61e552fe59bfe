import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import type { CountryCommand } from '../../../contracts/index.js';
import { CommandService } from '../../../src/commands/command-service.js';
import { SnapshotFiles } from '../../../src/commands/state-snapshots.js';
import { initialCountryState } from '../../../src/domain/index.js';
import { isAppError } from '../../../src/errors/catalogue.js';
import type { EventStore, ReadStreamOptions } from '../../../src/store/port.js';
import { openSqliteEventStore, type SqliteEventStore } from '../../../src/store/sqlite/index.js';
import { newEvent } from '../../helpers/country-histories.js';

function setup(t: Test): { dir: string; open: (name?: string) => SqliteEventStore } {
  const dir = mkdtempSync(join(tmpdir(), 'rcm-snapshots-'));
  const stores: SqliteEventStore[] = [];
  t.teardown(async () => {
    for (const s of stores) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir,
    open: (name = 'events') => {
      const store = openSqliteEventStore({ path: join(dir, `${name}.sqlite`) });
      stores.push(store);
      return store;
    },
  };
}

/** The store, with every readStream's starting revision noted (and `onRead` called). */
function watched(store: EventStore, onRead = () => {}): { store: EventStore; reads: number[] } {
  const reads: number[] = [];
  const proxy = new Proxy(store, {
    get(target, key) {
      if (key === 'readStream') {
        return (streamId: string, options?: ReadStreamOptions) => {
          reads.push(options?.fromRevision ?? 0);
          onRead();
          return target.readStream(streamId, options);
        };
      }
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: proxy, reads };
}

const submit = (requestId: string): CountryCommand =>
  ({
    type: 'IdentificationRequestSubmitted',
    occurredOn: '2025-01-02',
    data: { requestId, caseRef: 'ab'.repeat(16), requestingState: 'NL', channel: 'RCMS' },
    provenance: { sourceKind: 'rcms', reference: 'export', evidenceStatus: 'confirmed' },
  }) as CountryCommand;

const record = (svc: CommandService, command: CountryCommand, country = 'ET') => svc.record({ country, principalId: 'desk', command });

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'accepted';
  } catch (e) {
    if (isAppError(e)) return e.code;
    throw e;
  }
}

/** The header line of a stream's kept snapshot. */
const kept = (dir: string, stream = 'country-ET') => JSON.parse(readFileSync(join(dir, 'snapshots', `${stream}.json`), 'utf8').split('\n')[0]!) as { revision: number; eventId: string };

t.test('a new service reads only the events after the kept snapshot, and decides on the whole history', async (t) => {
  const { dir, open } = setup(t);
  const store = open();
  const snapshots = () => new SnapshotFiles(join(dir, 'snapshots'));
  const first = new CommandService(store, { snapshots: snapshots() });
  for (let i = 0; i < 20; i++) await record(first, submit(`ET-IR-${i}`));
  await first.saveSnapshots();
  const saved = kept(dir);
  t.equal(saved.revision, 19, 'kept at the last committed revision');
  t.equal(saved.eventId, (await store.readStream('country-ET')).at(-1)!.eventId, 'naming the event at that revision');
  // Three more after the snapshot, as before a crash.
  for (let i = 20; i < 23; i++) await record(first, submit(`ET-IR-${i}`));

  const { store: spy, reads } = watched(store);
  const second = new CommandService(spy, { snapshots: snapshots() });
  t.equal(await refusal(record(second, submit('ET-IR-5'))), 'REQUEST_EXISTS', 'a request from before the snapshot is known');
  t.same(reads, [19, 23], 'the stream was read from the snapshot on, not from its start (then past its end, before trusting the refusal)');
  t.equal(await refusal(record(second, submit('ET-IR-21'))), 'REQUEST_EXISTS', 'a request recorded after the snapshot is known');
  const outcome = await record(second, submit('ET-IR-100'));
  t.equal(outcome.response.streamRevision, 23);
});

t.test('a correction of an event before the snapshot makes the service replay the whole stream', async (t) => {
  const { dir, open } = setup(t);
  const store = open();
  const first = new CommandService(store, { snapshots: new SnapshotFiles(join(dir, 'snapshots')) });
  const ids: string[] = [];
  for (let i = 0; i < 10; i++) ids.push((await record(first, submit(`ET-IR-${i}`))).response.eventId);
  await first.saveSnapshots();
  t.equal(kept(dir).revision, 9);
  await record(first, { type: 'EntryRetracted', occurredOn: '2025-01-03', data: { retractedEventId: ids[3], reason: 'Recorded twice by mistake.' }, provenance: submit('x').provenance } as CountryCommand);

  const { store: spy, reads } = watched(store);
  const second = new CommandService(spy, { snapshots: new SnapshotFiles(join(dir, 'snapshots')) });
  t.equal(await refusal(record(second, submit('ET-IR-3'))), 'accepted', 'the retracted request is gone from the state, as a replay says');
  t.same(reads.slice(0, 2), [9, 0], 'the snapshot was read, then the whole stream');
  t.equal(await refusal(record(second, submit('ET-IR-4'))), 'REQUEST_EXISTS');
});

t.test('a snapshot of another history at the same revision is not used', async (t) => {
  const { dir, open } = setup(t);
  const a = open('a');
  const b = open('b');
  const snapshots = new SnapshotFiles(join(dir, 'snapshots'));
  const onA = new CommandService(a, { snapshots });
  for (let i = 0; i < 5; i++) await record(onA, submit(`ET-A-${i}`));
  await onA.saveSnapshots();
  const onB = new CommandService(b);
  for (let i = 0; i < 5; i++) await record(onB, submit(`ET-B-${i}`));

  const { store: spy, reads } = watched(b);
  const second = new CommandService(spy, { snapshots: new SnapshotFiles(join(dir, 'snapshots')) });
  t.equal(await refusal(record(second, submit('ET-A-1'))), 'accepted', "a's requests are not b's");
  t.equal(await refusal(record(second, submit('ET-B-1'))), 'REQUEST_EXISTS');
  t.same(reads.slice(0, 2), [4, 0], 'the event at revision 4 is not the snapshot one: the whole stream was replayed');
});

t.test('snapshots are kept every snapshotEvery committed events, and after a load that folded as many', async (t) => {
  const { dir, open } = setup(t);
  const store = open();
  const snapshots = new SnapshotFiles(join(dir, 'snapshots'));
  const svc = new CommandService(store, { snapshots, snapshotEvery: 5 });
  for (let i = 0; i < 4; i++) await record(svc, submit(`ET-IR-${i}`));
  await snapshots.flush();
  t.throws(() => kept(dir), 'none before five events');
  for (let i = 4; i < 12; i++) await record(svc, submit(`ET-IR-${i}`));
  await snapshots.flush();
  t.equal(kept(dir).revision, 9, 'at five and at ten events');
  // Concurrent commands (a pipelined group commit): kept only when none is left in flight.
  await Promise.all(Array.from({ length: 12 }, (_, i) => record(svc, submit(`ET-IR-P${i}`))));
  await snapshots.flush();
  const saved = kept(dir);
  const events = await store.readStream('country-ET');
  t.equal(saved.eventId, events[saved.revision]!.eventId, `the kept state names the committed event at its revision (${saved.revision})`);

  rmSync(join(dir, 'snapshots'), { recursive: true });
  const fresh = new SnapshotFiles(join(dir, 'snapshots'));
  const next = new CommandService(store, { snapshots: fresh, snapshotEvery: 5 });
  await record(next, submit('ET-IR-next'));
  await fresh.flush();
  t.equal(kept(dir).revision, 23, 'a load that replayed 24 events keeps the state it reached');
});

t.test('snapshot files: missing, damaged, foreign or of another version mean a replay, never a failure', async (t) => {
  const { dir } = setup(t);
  const warnings: string[] = [];
  const files = new SnapshotFiles(join(dir, 'snapshots'), (m) => warnings.push(m));
  t.equal(await files.read('country-ET', 'ET'), undefined, 'none yet');
  t.same(warnings, [], 'a missing file is no warning');

  const state = initialCountryState('ET');
  await files.write({ streamId: 'country-ET', revision: 3, eventId: 'e3', state });
  const back = await files.read('country-ET', 'ET');
  t.same({ revision: back?.revision, eventId: back?.eventId, requests: back?.state.requests.size }, { revision: 3, eventId: 'e3', requests: 0 });

  const path = join(dir, 'snapshots', 'country-ET.json');
  const text = readFileSync(path, 'utf8');
  writeFileSync(path, text.slice(0, text.length / 2));
  t.equal(await files.read('country-ET', 'ET'), undefined, 'a torn file');
  t.match(warnings.pop(), /is damaged/);

  writeFileSync(path, text.replace('"version":1', '"version":0'));
  t.equal(await files.read('country-ET', 'ET'), undefined, 'an older fold');
  t.same(warnings, [], 'expected after an upgrade: no warning');

  writeFileSync(path, text.replace('"streamId":"country-ET"', '"streamId":"country-SO"'));
  t.equal(await files.read('country-ET', 'ET'), undefined, "another stream's state");
  t.match(warnings.pop(), /does not hold country-ET/);

  writeFileSync(join(dir, 'snapshots', 'country-SO.json'), text);
  t.equal(await files.read('country-SO', 'SO'), undefined, 'a file whose content is not that stream');
  t.match(warnings.pop(), /does not hold country-SO/);

  // An unwritable place: the write warns and settles; nothing throws.
  writeFileSync(join(dir, 'blocked'), '');
  const blocked = new SnapshotFiles(join(dir, 'blocked', 'snapshots'), (m) => warnings.push(m));
  await blocked.write({ streamId: 'country-ET', revision: 0, eventId: 'e0', state });
  t.match(warnings.pop(), /could not be written/);
  await files.write({ streamId: '../x', revision: 0, eventId: 'e', state });
  t.equal(await files.read('../x', 'ET'), undefined);
  t.same(warnings.splice(0).map((w) => /not a safe file name/.test(w)), [true, true], 'a stream id that is no file name is refused, never thrown');
});

t.test('a large state is kept and read back whole, a thousand entities per turn of the event loop', async (t) => {
  const { dir } = setup(t);
  const warnings: string[] = [];
  const files = new SnapshotFiles(join(dir, 'snapshots'), (m) => warnings.push(m));
  const state = initialCountryState('ET');
  for (let k = 0; k < 4_500; k++) (state.requests as Map<string, unknown>).set(`R${k}`, { requestId: `R${k}`, note: `line\nbreak ${k}` });
  (state.operations as Map<string, unknown>).set('O1', { operationId: 'O1' });

  // Other callbacks run between the first entity's encoding (decoding) and the last's: the ticks
  // counted at each JSON.stringify (JSON.parse) call differ.
  const ticksAcross = async (method: 'stringify' | 'parse', work: () => Promise<unknown>) => {
    let ticks = 0;
    let done = false;
    const tick = () => {
      ticks++;
      if (!done) setImmediate(tick);
    };
    setImmediate(tick);
    const original = JSON[method] as (...a: unknown[]) => unknown;
    const seen: number[] = [];
    (JSON as unknown as Record<string, unknown>)[method] = (...a: unknown[]) => (seen.push(ticks), original.apply(JSON, a));
    try {
      await work();
    } finally {
      (JSON as unknown as Record<string, unknown>)[method] = original;
      done = true;
    }
    return seen.at(-1)! - seen[1]!;
  };
  t.ok((await ticksAcross('stringify', () => files.write({ streamId: 'country-ET', revision: 9, eventId: 'e9', state }))) >= 2, 'writing let other callbacks run');
  let back: Awaited<ReturnType<SnapshotFiles['read']>>;
  t.ok((await ticksAcross('parse', async () => (back = await files.read('country-ET', 'ET')))) >= 2, 'reading let other callbacks run');
  t.same([...back!.state.requests], [...state.requests], 'every entity, in order');
  t.same([...back!.state.operations], [...state.operations]);
  t.same(warnings, []);

  const path = join(dir, 'snapshots', 'country-ET.json');
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  const damaged = async (what: string, content: string) => {
    writeFileSync(path, content);
    t.equal(await files.read('country-ET', 'ET'), undefined, what);
    t.match(warnings.pop(), /is damaged/, what);
  };
  await damaged('a line short', lines.filter((_, i) => i !== 7).join('\n'));
  await damaged('a line too many', `${text}["requests","X",{}]\n`);
  await damaged('a torn last line', text.slice(0, -5));
  await damaged('an unknown map', text.replace('["operations"', '["__proto__"'));
  await damaged('an entity that is no [map, key, record]', text.replace('["operations","O1",{"operationId":"O1"}]', '["operations","O1"]'));
  await damaged('a key that is no string', text.replace('["operations","O1"', '["operations",1'));
});

t.test('writes of one stream land in order: an older state never replaces a newer one', async (t) => {
  const { dir } = setup(t);
  const files = new SnapshotFiles(join(dir, 'snapshots'));
  // Older states are larger here (as a stream's states are not), so unordered writes would finish newest first.
  const stateOfSize = (n: number) => {
    const state = initialCountryState('ET');
    for (let k = 0; k < n; k++) (state.requests as Map<string, unknown>).set(`R${k}`, { requestId: `R${k}`, note: 'x'.repeat(200) });
    return state;
  };
  const writes = Array.from({ length: 20 }, (_, i) => files.write({ streamId: 'country-ET', revision: i, eventId: `e${i}`, state: stateOfSize((20 - i) * 500) }));
  await files.flush();
  await Promise.all(writes);
  t.equal(kept(dir).revision, 19);
});

t.test('after a correction the service decides on the corrected history without reading it again, and keeps that state', async (t) => {
  const { dir, open } = setup(t);
  const { store, reads } = watched(open());
  const snapshots = new SnapshotFiles(join(dir, 'snapshots'));
  const svc = new CommandService(store, { snapshots, snapshotEvery: 5 });
  const ids: string[] = [];
  for (let i = 0; i < 8; i++) ids.push((await record(svc, submit(`ET-IR-${i}`))).response.eventId);
  const retract = (eventId: string) =>
    record(svc, { type: 'EntryRetracted', occurredOn: '2025-01-03', data: { retractedEventId: eventId, reason: 'Recorded twice by mistake.' }, provenance: submit('x').provenance } as CountryCommand);
  t.equal((await retract(ids[2]!)).response.streamRevision, 8);
  reads.length = 0;
  t.equal(await refusal(record(svc, submit('ET-IR-2'))), 'accepted', 'the retracted id is free at once');
  t.equal(await refusal(record(svc, submit('ET-IR-3'))), 'REQUEST_EXISTS');
  t.same(reads, [10], 'no replay: only the one-event check before trusting the refusal');
  await snapshots.flush();
  t.equal(kept(dir).revision, 8, 'the corrected state was kept (a snapshot from before it no longer holds)');

  // A refused correction leaves the cached state as it was.
  t.equal(await refusal(retract(ids[2]!)), 'CORRECTION_TARGET_RETRACTED');
  t.equal(await refusal(record(svc, submit('ET-IR-2'))), 'REQUEST_EXISTS', 'the resubmitted request is still known');

  const fresh = new CommandService(store, { snapshots: new SnapshotFiles(join(dir, 'snapshots')) });
  t.equal(await refusal(record(fresh, submit('ET-IR-2'))), 'REQUEST_EXISTS', 'a restart from the kept state agrees');
  t.equal(await refusal(record(fresh, submit('ET-IR-1'))), 'REQUEST_EXISTS');
});

t.test('a long stream is read a page at a time, for a load and for a correction', async (t) => {
  const { open } = setup(t);
  // Turns of the event loop, noted at each read: the fold of the 4,500 events pauses twice between the last page and the next read.
  let ticks = 0;
  const ticksAtRead: number[] = [];
  let ticking = true;
  const tick = () => {
    ticks++;
    if (ticking) setImmediate(tick);
  };
  t.teardown(() => void (ticking = false));
  const { store, reads } = watched(open(), () => ticksAtRead.push(ticks));
  const ids: string[] = [];
  for (let batch = 0; batch < 5; batch++) {
    const events = Array.from({ length: 900 }, (_, i) => newEvent('ET', 'IdentificationRequestSubmitted', '2025-01-02', { requestId: `ET-LONG-${batch * 900 + i}`, caseRef: 'ab'.repeat(16), requestingState: 'NL', channel: 'RCMS' }));
    ids.push(...events.map((e) => e.eventId));
    await store.append('country-ET', 'any', events);
  }
  const svc = new CommandService(store);
  setImmediate(tick);
  t.equal(await refusal(record(svc, submit('ET-LONG-4499'))), 'REQUEST_EXISTS', 'the last request of the last page is known');
  t.same(reads.slice(0, 4), [0, 2000, 4000, 4500], 'three pages of at most 2,000 events, then the check that the stream has not moved');
  t.ok(ticksAtRead[3]! - ticksAtRead[2]! >= 2, `other callbacks ran while the stream was folded (${ticksAtRead[3]! - ticksAtRead[2]!} turns)`);
  reads.length = 0;
  const retracted = await record(svc, { type: 'EntryRetracted', occurredOn: '2025-01-03', data: { retractedEventId: ids[10], reason: 'Recorded twice by mistake.' }, provenance: submit('x').provenance } as CountryCommand);
  t.equal(retracted.response.streamRevision, 4500);
  t.same(reads, [0, 2000, 4000]);
  t.equal(await refusal(record(svc, submit('ET-LONG-10'))), 'accepted', 'the retracted request is gone');
  t.equal(await refusal(record(svc, submit('ET-LONG-4000'))), 'REQUEST_EXISTS');
});
