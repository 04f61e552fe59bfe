import type { StoredEvent } from '../../contracts/index.js';
import { effectiveHistory, isCorrectionType } from './effective-history.js';
import { evolveCountryInPlace } from './evolve/index.js';
import { initialCountryState, type CountryState } from './state.js';
import { everyNth, runToEnd, type Steps } from './steps.js';

/**
 * Folds a whole country stream into its decision state, honouring EntryCorrected / EntryRetracted
 * (the fold runs over the effective history). The returned state is freshly built and owned by the
 * caller, so it may be advanced with `evolveCountryInPlace`.
 */
export function replayCountry(country: string, events: readonly StoredEvent[]): CountryState {
  return runToEnd(replayCountryInSteps(country, events, Infinity));
}

/**
 * `replayCountry`, paused after every `eventsPerStep` events of the fold: the caller may let other
 * work run between steps (the fold of 1,000,000 events' country stream takes ~0.2 s). The generator
 * returns the state.
 */
export function* replayCountryInSteps(country: string, events: readonly StoredEvent[], eventsPerStep: number): Steps<CountryState> {
  const state = initialCountryState(country);
  const pause = everyNth(eventsPerStep);
  for (const e of effectiveHistory(events)) {
    evolveCountryInPlace(state, e);
    if (pause()) yield;
  }
  return state;
}

/**
 * Advances `state`, the fold of a stream's first events (a snapshot), by the events that follow
 * them, in place. Returns undefined when one of those corrects or retracts an event before them:
 * the earlier fold no longer holds, and the stream must be replayed whole. Otherwise the result
 * equals `replayCountry` over the whole stream, because the effective history of the whole is then
 * that of the first events followed by that of the rest.
 */
export function replayCountryFrom(state: CountryState, following: readonly StoredEvent[]): CountryState | undefined {
  let ids: Set<string> | undefined;
  for (const e of following) {
    if (!isCorrectionType(e.type)) continue;
    ids ??= new Set(following.map((f) => f.eventId));
    if (!ids.has(String(e.data['correctedEventId'] ?? e.data['retractedEventId']))) return undefined;
  }
  for (const e of effectiveHistory(following)) evolveCountryInPlace(state, e);
  return state;
}
