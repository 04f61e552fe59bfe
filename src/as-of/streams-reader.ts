import type { StoredEvent } from '../../contracts/index.js';
import type { EventStore } from '../store/port.js';

interface Cursor {
  streamId: string;
  /** Next revision to fetch from the store. */
  fetchFrom: number;
  /** Next revision after the last event handed out (what a view built from them has folded). */
  next: number;
  buffer: StoredEvent[];
  at: number;
  /** No more events at or below the cutoff. */
  done: boolean;
  page: number;
}

/**
 * First page small (a probe for "anything new?" should not parse thousands of events), then growing
 * to pages that take ~10 ms to read and parse: the reader yields to the event loop after each.
 */
const FIRST_PAGE = 64;
const MAX_PAGE = 1024;

/**
 * The events of a few streams after given revisions and up to a global position, merged in global
 * order, handed out a chunk at a time. Reads each stream by revision in pages, so the cost is
 * proportional to what is handed out (a country's few thousand new events, not its whole history),
 * and memory holds one chunk plus a page per stream.
 */
export class StreamsReader {
  private readonly cursors: Cursor[];

  constructor(
    private readonly store: Pick<EventStore, 'readStream'>,
    streams: readonly string[],
    /** Per stream, the first revision not yet folded (absent: 0). */
    from: Readonly<Record<string, number>>,
    private readonly cutoff: number,
  ) {
    this.cursors = streams.map((streamId) => {
      const next = from[streamId] ?? 0;
      return { streamId, fetchFrom: next, next, buffer: [], at: 0, done: false, page: FIRST_PAGE };
    });
  }

  private async fill(c: Cursor): Promise<void> {
    const limit = c.page;
    const page = await this.store.readStream(c.streamId, { fromRevision: c.fetchFrom, limit });
    c.page = Math.min(MAX_PAGE, c.page * 4);
    const kept = page.filter((e) => e.position <= this.cutoff);
    c.buffer = kept;
    c.at = 0;
    if (page.length > 0) c.fetchFrom = page[page.length - 1]!.streamRevision + 1;
    // Positions grow with revisions: once one event is past the cutoff, so is everything after it.
    if (kept.length < page.length || page.length < limit) c.done = true;
    // The embedded store reads synchronously: without this a chunk of 10,000 events held the server for ~100-150 ms.
    await new Promise((resolve) => setImmediate(resolve));
  }

  /** Up to `max` further events in global order (empty when there are none). */
  async next(max: number): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    while (out.length < max) {
      let best: Cursor | null = null;
      for (const c of this.cursors) {
        while (c.at >= c.buffer.length && !c.done) await this.fill(c);
        if (c.at >= c.buffer.length) continue;
        if (!best || c.buffer[c.at]!.position < best.buffer[best.at]!.position) best = c;
      }
      if (!best) break;
      const e = best.buffer[best.at++]!;
      best.next = e.streamRevision + 1;
      out.push(e);
    }
    return out;
  }

  /** Per stream, the first revision not handed out yet. */
  revisions(): Record<string, number> {
    return Object.fromEntries(this.cursors.map((c) => [c.streamId, c.next]));
  }
}
