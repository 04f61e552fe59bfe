import { setImmediate } from 'node:timers/promises';
import type { StoredEvent } from '../../contracts/index.js';
import type { EventStore, ReadStreamOptions } from './port.js';

/**
 * A stream from a revision on, page by page, with the event loop free between pages: the embedded
 * store reads synchronously, and at 1,000,000 events a country's stream takes over a second.
 */
export async function* streamPages(
  store: Pick<EventStore, 'readStream'>,
  streamId: string,
  options: { fromRevision?: number; types?: ReadStreamOptions['types']; pageSize: number },
): AsyncGenerator<StoredEvent[]> {
  for (let from = options.fromRevision ?? 0; ; ) {
    const page = await store.readStream(streamId, { fromRevision: from, limit: options.pageSize, ...(options.types ? { types: options.types } : {}) });
    yield page;
    if (page.length < options.pageSize) return;
    from = page[page.length - 1]!.streamRevision + 1;
    await setImmediate();
  }
}
