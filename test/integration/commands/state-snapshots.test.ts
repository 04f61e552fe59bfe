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

/** The store, with every readStream's starting revision noted. */
function watched(store: EventStore): { store: EventStore; reads: number[] } {
  const reads: number[] = [];
  const proxy = new Proxy(store, {
    get(target, key) {
      if (key === 'readStream') {
        return (streamId: string, options?: ReadStreamOptions) => {
          reads.push(options?.fromRevision ?? 0);
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

const kept = (dir: string, stream = 'country-ET') => JSON.parse(readFileSync(join(dir, 'snapshots', `${stream}.json`), 'utf8')) as { revision: number; eventId: string };

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
  const { store, reads } = watched(open());
  const ids: string[] = [];
  for (let batch = 0; batch < 5; batch++) {
    const events = Array.from({ length: 900 }, (_, i) => newEvent('ET', 'IdentificationRequestSubmitted', '2025-01-02', { requestId: `ET-LONG-${batch * 900 + i}`, caseRef: 'ab'.repeat(16), requestingState: 'NL', channel: 'RCMS' }));
    ids.push(...events.map((e) => e.eventId));
    await store.append('country-ET', 'any', events);
  }
  const svc = new CommandService(store);
  t.equal(await refusal(record(svc, submit('ET-LONG-4499'))), 'REQUEST_EXISTS', 'the last request of the last page is known');
  t.same(reads.slice(0, 3), [0, 2000, 4000], 'three pages of at most 2,000 events');
  reads.length = 0;
  const retracted = await record(svc, { type: 'EntryRetracted', occurredOn: '2025-01-03', data: { retractedEventId: ids[10], reason: 'Recorded twice by mistake.' }, provenance: submit('x').provenance } as CountryCommand);
  t.equal(retracted.response.streamRevision, 4500);
  t.same(reads, [0, 2000, 4000]);
  t.equal(await refusal(record(svc, submit('ET-LONG-10'))), 'accepted', 'the retracted request is gone');
  t.equal(await refusal(record(svc, submit('ET-LONG-4000'))), 'REQUEST_EXISTS');
});
