import type { StoredEvent } from '../../contracts/index.js';
import { effectiveHistory } from './effective-history.js';
import { evolveCountryInPlace } from './evolve/index.js';
import { initialCountryState, type CountryState } from './state.js';

/**
 * Folds a whole country stream into its decision state, honouring EntryCorrected / EntryRetracted
 * (the fold runs over the effective history). The returned state is freshly built and owned by the
 * caller, so it may be advanced with `evolveCountryInPlace`.
 */
export function replayCountry(country: string, events: readonly StoredEvent[]): CountryState {
  const state = initialCountryState(country);
  for (const e of effectiveHistory(events)) evolveCountryInPlace(state, e);
  return state;
}
