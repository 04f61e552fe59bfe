import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import { DECISION_STATE_VERSION, decodeEntity, encodeCountryState, initialCountryState, type CountryState, type EncodedCountryState } from '../domain/index.js';

/** A country stream's decision state as of one of its events, kept so a start need not replay the stream. */
export interface StateSnapshot {
  streamId: string;
  /** Stream revision of the last event folded into `state`. */
  revision: number;
  /** Id of that event: a snapshot is used only if the stream still holds it at `revision`. */
  eventId: string;
  state: CountryState;
}

export interface SnapshotStore {
  /** The stream's kept snapshot of the current DECISION_STATE_VERSION, if one can be read. */
  read(streamId: string, country: string): Promise<StateSnapshot | undefined>;
  /** Keeps a snapshot. `state`'s entities are taken before this returns (its records are immutable), so the caller may go on changing its maps. */
  write(snapshot: StateSnapshot): Promise<void>;
  /** Settles when every write begun so far has finished. */
  flush(): Promise<void>;
}

const FORMAT = 'rcm-decision-state-lines';
const SAFE_NAME = /^[A-Za-z0-9._-]{1,100}$/;
/** Entities encoded or decoded per turn of the event loop: at 1,000,000 events a state is ~12 MB of JSON, ~80 ms each way in one piece. */
const ENTRIES_PER_TURN = 1_000;
const NEWLINE = 0x0a;

interface Header {
  format?: unknown;
  version?: unknown;
  streamId?: unknown;
  revision?: unknown;
  eventId?: unknown;
  entries?: unknown;
}

/**
 * Snapshots as one file per stream in a directory (`<data dir>/snapshots`): a header line, then one
 * line per entity (`[map, key, record]`). They are derived data: written to a temporary file and
 * renamed over the old one (a reader sees a whole file or the previous one), never fsynced, and any
 * file that is missing, damaged, of another version or of another stream only means the stream is
 * replayed from its first event. Deleting the directory is always safe. Lines are encoded and
 * decoded a thousand at a time with the event loop free in between, so keeping or loading a
 * large state never holds up other requests for long; the file I/O runs on libuv's pool.
 */
export class SnapshotFiles implements SnapshotStore {
  private readonly pending = new Map<string, Promise<void>>();
  private seq = 0;

  constructor(
    private readonly dir: string,
    private readonly onWarning: (message: string) => void = (m) => process.emitWarning(m),
  ) {}

  async read(streamId: string, country: string): Promise<StateSnapshot | undefined> {
    const path = this.pathOf(streamId);
    if (!path) return undefined;
    // Kept as bytes and decoded a line at a time: decoding the whole file at once (12 MB at 1,000,000 events) took ~50 ms.
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.onWarning(`Decision-state snapshot ${path} could not be read (${(e as Error).message}); replaying ${streamId}`);
      return undefined;
    }
    const damaged = () => {
      this.onWarning(`Decision-state snapshot ${path} is damaged; replaying ${streamId}`);
      return undefined;
    };
    let at = -1;
    /** The next line, parsed; undefined when there is no next line or it is no JSON. */
    const nextLine = (): { value: unknown } | undefined => {
      const from = at + 1;
      at = bytes.indexOf(NEWLINE, from);
      if (at < 0) return undefined;
      try {
        return { value: JSON.parse(bytes.toString('utf8', from, at)) };
      } catch {
        return undefined;
      }
    };
    const header = nextLine()?.value as Header | undefined;
    if (!header) return damaged();
    if (header.format !== FORMAT || header.version !== DECISION_STATE_VERSION) return undefined; // an older fold's: replaced after the replay
    if (header.streamId !== streamId || !Number.isSafeInteger(header.revision) || typeof header.eventId !== 'string' || !Number.isSafeInteger(header.entries)) {
      this.onWarning(`Decision-state snapshot ${path} does not hold ${streamId}'s state; replaying ${streamId}`);
      return undefined;
    }
    const state = initialCountryState(country);
    for (let n = 0; n < (header.entries as number); n++) {
      if (n > 0 && n % ENTRIES_PER_TURN === 0) await setImmediate();
      const line = nextLine()?.value;
      if (!Array.isArray(line) || line.length !== 3 || !decodeEntity(state, line[0], line[1], line[2])) return damaged();
    }
    if (at + 1 !== bytes.length) return damaged();
    return { streamId, revision: header.revision as number, eventId: header.eventId as string, state };
  }

  write(snapshot: StateSnapshot): Promise<void> {
    const path = this.pathOf(snapshot.streamId);
    if (!path) return Promise.resolve();
    // The entries are taken now (the records are immutable; the maps are not) and encoded later.
    const encoded = encodeCountryState(snapshot.state);
    const header = { format: FORMAT, version: DECISION_STATE_VERSION, streamId: snapshot.streamId, revision: snapshot.revision, eventId: snapshot.eventId };
    // One write per stream at a time, in order: an older snapshot never lands over a newer one.
    const previous = this.pending.get(snapshot.streamId) ?? Promise.resolve();
    const done = previous.then(() => this.writeFile(path, lines(header, encoded))).catch((e: unknown) => {
      this.onWarning(`Decision-state snapshot ${path} could not be written (${(e as Error).message})`);
    });
    this.pending.set(snapshot.streamId, done);
    void done.then(() => {
      if (this.pending.get(snapshot.streamId) === done) this.pending.delete(snapshot.streamId);
    });
    return done;
  }

  async flush(): Promise<void> {
    await Promise.all(this.pending.values());
  }

  private async writeFile(path: string, text: Iterable<string>): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const tmp = `${path}.${process.pid}.${++this.seq}.tmp`;
    try {
      await writeFile(tmp, text);
      await rename(tmp, path);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
  }

  /** The stream's file; undefined (and a warning) for a stream id that is no safe file name. */
  private pathOf(streamId: string): string | undefined {
    if (SAFE_NAME.test(streamId)) return join(this.dir, `${streamId}.json`);
    this.onWarning(`No decision-state snapshot for stream ${JSON.stringify(streamId)}: not a safe file name`);
    return undefined;
  }
}

/** The file's text, a thousand lines at a time: each is written before the next is encoded, the event loop free meanwhile. */
function* lines(header: object, { maps }: EncodedCountryState): Generator<string> {
  const keys = Object.keys(maps) as (keyof typeof maps)[];
  yield `${JSON.stringify({ ...header, entries: keys.reduce((n, k) => n + maps[k].length, 0) })}\n`;
  let chunk = '';
  let inChunk = 0;
  for (const k of keys) {
    for (const [key, record] of maps[k]) {
      chunk += `${JSON.stringify([k, key, record])}\n`;
      if (++inChunk === ENTRIES_PER_TURN) {
        yield chunk;
        chunk = '';
        inChunk = 0;
      }
    }
  }
  if (chunk) yield chunk;
}
