import { setImmediate } from 'node:timers/promises';
import { countryStreamId } from '../../../contracts/index.js';
import type { EventStore } from '../../store/port.js';
import { EffectiveStatistics, FOLDED_TYPES, type FactIndex } from './existing-facts.js';

const PAGE = 1000;

/** Reads a country's statistics and corrections page by page (the store skips its other events) and keeps its effective return statistics. */
export async function loadCountryStatistics(store: Pick<EventStore, 'readStream'>, country: string): Promise<FactIndex> {
  const fold = new EffectiveStatistics();
  const streamId = countryStreamId(country);
  for (let from = 0; ; ) {
    const page = await store.readStream(streamId, { fromRevision: from, limit: PAGE, types: FOLDED_TYPES });
    for (const e of page) fold.add(e);
    if (page.length < PAGE) break;
    from = page[page.length - 1]!.streamRevision + 1;
    await setImmediate(); // other requests go on between pages
  }
  return fold.index();
}
