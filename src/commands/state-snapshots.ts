import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DECISION_STATE_VERSION, decodeCountryState, encodeCountryState, type CountryState } from '../domain/index.js';

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
  /** Keeps a snapshot. `state` is encoded before this returns, so the caller may go on changing it. */
  write(snapshot: StateSnapshot): Promise<void>;
  /** Settles when every write begun so far has finished. */
  flush(): Promise<void>;
}

const FORMAT = 'rcm-decision-state';
const SAFE_NAME = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * Snapshots as one JSON file per stream in a directory (`<data dir>/snapshots`). They are derived
 * data: written to a temporary file and renamed over the old one (a reader sees a whole file or the
 * previous one), never fsynced, and any file that is missing, damaged, of another version or of
 * another stream only means the stream is replayed from its first event. Deleting the directory is
 * always safe. Encoding runs on the caller's thread; the file I/O on libuv's pool.
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
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.onWarning(`Decision-state snapshot ${path} could not be read (${(e as Error).message}); replaying ${streamId}`);
      return undefined;
    }
    let file: { format?: unknown; version?: unknown; streamId?: unknown; revision?: unknown; eventId?: unknown; state?: unknown };
    try {
      file = JSON.parse(text) as typeof file;
    } catch {
      this.onWarning(`Decision-state snapshot ${path} is damaged; replaying ${streamId}`);
      return undefined;
    }
    if (file.format !== FORMAT || file.version !== DECISION_STATE_VERSION) return undefined; // an older fold's: replaced after the replay
    const state = file.streamId === streamId && Number.isSafeInteger(file.revision) && typeof file.eventId === 'string' ? decodeCountryState(file.state, country) : undefined;
    if (!state) {
      this.onWarning(`Decision-state snapshot ${path} does not hold ${streamId}'s state; replaying ${streamId}`);
      return undefined;
    }
    return { streamId, revision: file.revision as number, eventId: file.eventId as string, state };
  }

  write(snapshot: StateSnapshot): Promise<void> {
    const path = this.pathOf(snapshot.streamId);
    if (!path) return Promise.resolve();
    const text = JSON.stringify({
      format: FORMAT,
      version: DECISION_STATE_VERSION,
      streamId: snapshot.streamId,
      revision: snapshot.revision,
      eventId: snapshot.eventId,
      state: encodeCountryState(snapshot.state),
    });
    // One write per stream at a time, in order: an older snapshot never lands over a newer one.
    const previous = this.pending.get(snapshot.streamId) ?? Promise.resolve();
    const done = previous.then(() => this.writeFile(path, text)).catch((e: unknown) => {
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

  private async writeFile(path: string, text: string): Promise<void> {
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
