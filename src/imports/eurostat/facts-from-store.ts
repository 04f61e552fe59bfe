import { countryStreamId } from '../../../contracts/index.js';
import type { EventStore } from '../../store/port.js';
import { streamPages } from '../../store/stream-pages.js';
import { EffectiveStatistics, FOLDED_TYPES, type FactIndex } from './existing-facts.js';

/** Reads a country's statistics and corrections page by page (the store skips its other events) and keeps its effective return statistics. */
export async function loadCountryStatistics(store: Pick<EventStore, 'readStream'>, country: string): Promise<FactIndex> {
  const fold = new EffectiveStatistics();
  for await (const page of streamPages(store, countryStreamId(country), { types: FOLDED_TYPES, pageSize: 1000 })) for (const e of page) fold.add(e);
  return fold.index();
}
