import { setImmediate } from 'node:timers/promises';
import { ChainVerifier, type ChainReport } from './chain-verifier.js';
import type { RawEventSource } from './raw-event-source.js';

export interface VerifyProgress {
  eventsRead: number;
  position: number;
  headPosition: number;
}

export interface VerifyLogOptions {
  pageSize?: number;
  /** Called after each page (for a progress line on a terminal). */
  onProgress?: (p: VerifyProgress) => void;
  /** Stop at this position (default: the head when verification started). */
  toPosition?: number;
}

/**
 * Verifies every stream's hash chain over the whole log, page by page (bounded memory), up to the
 * head position seen at the start: events appended meanwhile are left for the next run. The event
 * loop is free between pages: online (`GET /v1/audit/verify`) a whole log takes seconds, and the
 * embedded store reads synchronously.
 */
export async function verifyLog(source: RawEventSource, options: VerifyLogOptions = {}): Promise<ChainReport> {
  const pageSize = Math.max(1, options.pageSize ?? 2000);
  const head = options.toPosition ?? (await source.headPosition());
  const verifier = new ChainVerifier();
  let from = 1;
  let read = 0;
  while (from <= head) {
    const page = await source.page(from, pageSize);
    if (page.length === 0) break;
    for (const e of page) {
      if (e.position > head) break;
      verifier.add(e);
      read++;
    }
    const last = page[page.length - 1]!.position;
    options.onProgress?.({ eventsRead: read, position: Math.min(last, head), headPosition: head });
    if (page.length < pageSize || last >= head) break;
    from = last + 1;
    await setImmediate();
  }
  return verifier.report();
}
