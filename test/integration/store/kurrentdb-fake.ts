/**
 * An in-process stand-in for a KurrentDB server, just enough of the client surface the adapter
 * uses (appendToStream, readStream, readAll, subscribeToAll, dispose), following the client's
 * documented behaviour: expected stream state checks with WrongExpectedVersionError, the
 * server's idempotent replay of the same event ids at the same expected revision, StreamNotFoundError
 * when iterating a missing stream, $all positions that are NOT dense (commit positions jump by
 * record size, and system/foreign events sit in between), filters by stream-name regex, reads from a
 * position inclusive (the docs do not say; the adapter copes with either), subscriptions from a
 * position exclusive (documented). It is no substitute for a server:
 * the real leg of the contract runs when RCM_TEST_EVENTSTORE_URL is set.
 */
import { EventEmitter } from 'node:events';
import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendStreamState,
  type EventData,
  type Filter,
  type Position,
  type ReadPosition,
  type ReadRevision,
} from '@kurrent/kurrentdb-client';
import type { KurrentClient } from '../../../src/store/kurrentdb/index.js';

interface Record {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  data: string;
  metadata: string;
  position: Position;
  created: Date;
}

const tick = () => new Promise<void>((r) => setImmediate(r));

function toRecorded(r: Record) {
  return {
    event: {
      streamId: r.streamId,
      id: r.id,
      revision: r.revision,
      type: r.type,
      isJson: true,
      data: JSON.parse(r.data) as unknown,
      metadata: JSON.parse(r.metadata) as unknown,
      created: r.created,
      position: r.position,
    },
    commitPosition: r.position.commit,
  };
}

function matches(filter: Filter | undefined, r: Record): boolean {
  if (!filter) return true;
  if ('regex' in filter) return new RegExp(filter.regex).test(filter.filterOn === 'streamName' ? r.streamId : r.type);
  return filter.prefixes.some((p) => (filter.filterOn === 'streamName' ? r.streamId : r.type).startsWith(p));
}

const cmp = (a: Position, b: Position) => (a.commit === b.commit ? (a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1) : a.commit < b.commit ? -1 : 1);

export class FakeKurrentDb {
  readonly log: Record[] = [];
  private nextCommit = 1024n;
  private readonly live = new Set<(r: Record) => void>();
  appendCalls = 0;
  /** Called before each append is applied (tests use it to let "another instance" write first). */
  beforeAppend: ((streamName: string) => Promise<void> | void) | undefined;

  private write(streamId: string, events: EventData[], firstRevision: bigint): void {
    events.forEach((e, i) => {
      const size = BigInt(200 + JSON.stringify(e.data).length);
      const position = { commit: this.nextCommit, prepare: this.nextCommit };
      this.nextCommit += size;
      const record: Record = {
        streamId,
        id: e.id,
        revision: firstRevision + BigInt(i),
        type: e.type,
        data: JSON.stringify(e.data),
        metadata: JSON.stringify(e.metadata ?? {}),
        position,
        created: new Date(),
      };
      this.log.push(record);
      for (const l of this.live) l(record);
    });
  }

  /** A system or foreign event between ours: the adapter must skip it and keep positions dense. */
  writeForeign(streamId: string): void {
    const last = this.streamRecords(streamId).at(-1);
    this.write(streamId, [{ id: crypto.randomUUID(), type: streamId.startsWith('$') ? '$statsCollected' : 'Other', contentType: 'application/json', data: { x: 1 }, metadata: undefined }], last ? last.revision + 1n : 0n);
  }

  streamRecords(streamId: string): Record[] {
    return this.log.filter((r) => r.streamId === streamId);
  }

  client(): KurrentClient {
    const fake = this;
    const client = {
      async appendToStream(streamName: string, events: EventData | EventData[], options: { streamState?: AppendStreamState } = {}) {
        fake.appendCalls++;
        await tick();
        await fake.beforeAppend?.(streamName);
        const list = Array.isArray(events) ? events : [events];
        const stream = fake.streamRecords(streamName);
        const current = stream.length ? (stream.at(-1) as Record).revision : undefined;
        const state = options.streamState ?? ANY;
        // Idempotent replay: the same ids again at the same expected revision -> success, nothing written.
        if (typeof state === 'bigint' || state === NO_STREAM) {
          const firstRev = state === NO_STREAM ? 0n : state + 1n;
          const existing = stream.find((r) => r.revision === firstRev);
          if (existing && existing.id === list[0]!.id) {
            const lastOfReplay = stream.find((r) => r.revision === firstRev + BigInt(list.length) - 1n);
            return { success: true, nextExpectedRevision: (lastOfReplay ?? existing).revision, position: existing.position };
          }
        }
        const ok = state === ANY || (state === NO_STREAM && current === undefined) || (state === STREAM_EXISTS && current !== undefined) || (typeof state === 'bigint' && current === state);
        if (!ok) {
          throw new WrongExpectedVersionError(undefined, { streamName, expected: state, current: current ?? NO_STREAM });
        }
        fake.write(streamName, list, current === undefined ? 0n : current + 1n);
        const last = fake.log.at(-1) as Record;
        return { success: true, nextExpectedRevision: last.revision, position: last.position };
      },
      readStream(streamName: string, options: { fromRevision?: ReadRevision; direction?: string; maxCount?: number | bigint } = {}) {
        return (async function* () {
          await tick();
          const stream = fake.streamRecords(streamName);
          if (stream.length === 0) throw new StreamNotFoundError(undefined, streamName);
          const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
          const backwards = options.direction === 'backwards';
          const from = options.fromRevision ?? (backwards ? 'end' : 'start');
          let list = backwards ? [...stream].reverse() : stream;
          if (typeof from === 'bigint') list = list.filter((r) => (backwards ? r.revision <= from : r.revision >= from));
          let n = 0;
          for (const r of list) {
            if (n++ >= max) return;
            yield toRecorded(r);
          }
        })();
      },
      readAll(options: { fromPosition?: ReadPosition; direction?: string; filter?: Filter; maxCount?: number | bigint } = {}) {
        return (async function* () {
          await tick();
          const from = options.fromPosition ?? 'start';
          const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
          let n = 0;
          const snapshot = [...fake.log];
          for (const r of snapshot) {
            if (typeof from === 'object' && cmp(r.position, from) < 0) continue; // inclusive
            if (from === 'end' || !matches(options.filter, r)) continue;
            if (n++ >= max) return;
            yield toRecorded(r);
          }
        })();
      },
      subscribeToAll(options: { fromPosition?: ReadPosition; filter?: Filter } = {}) {
        const emitter = new EventEmitter() as EventEmitter & { unsubscribe(): Promise<void> };
        const from = options.fromPosition ?? 'start';
        let stopped = false;
        const deliver = (r: Record) => {
          if (!stopped && matches(options.filter, r)) setImmediate(() => !stopped && emitter.emit('data', toRecorded(r)));
        };
        setImmediate(() => {
          if (from !== 'end') for (const r of fake.log) if (from === 'start' || cmp(r.position, from) > 0) deliver(r); // exclusive
          fake.live.add(deliver);
        });
        emitter.unsubscribe = async () => {
          stopped = true;
          fake.live.delete(deliver);
        };
        return emitter;
      },
      async dispose() {},
    };
    return client as unknown as KurrentClient;
  }
}
