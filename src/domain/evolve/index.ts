import type { StoredEvent } from '../../../contracts/index.js';
import type { CountryState } from '../state.js';
import { copyOnWriteDraft, inPlaceDraft, type Draft } from './draft.js';
import { dialogueEvolvers } from './dialogues.js';
import type { Evolver } from './evolver.js';
import { instrumentEvolvers } from './instruments.js';
import { requestEvolvers } from './requests.js';
import { returnOperationEvolvers } from './return-operations.js';
import { visaMeasureEvolvers } from './visa-measures.js';

const evolvers = new Map<string, Evolver>(
  Object.entries({
    ...dialogueEvolvers,
    ...instrumentEvolvers,
    ...visaMeasureEvolvers,
    ...requestEvolvers,
    ...returnOperationEvolvers,
    // Statistics are aggregates for the read side; they change no decision state.
  }).filter((e): e is [string, Evolver] => e[1] !== undefined),
);

const CORRECTION_TYPES = new Set(['EntryCorrected', 'EntryRetracted']);

/** The part of an event evolve reads. */
export interface EvolvableFact {
  type: string;
  occurredOn: string;
  data: Record<string, unknown>;
}

function apply(draft: Draft, fact: EvolvableFact): void {
  if (CORRECTION_TYPES.has(fact.type)) {
    // A correction changes earlier facts, not the current state: rebuild with replayCountry.
    throw new Error(`${fact.type} cannot be evolved event by event; rebuild the state with replayCountry`);
  }
  evolvers.get(fact.type)?.(draft, fact);
}

/**
 * Applies one stored non-correction event and returns the new state; `state` is left untouched.
 * Cost: a new state object, plus one copy of the single entity map the event touches (e.g. the
 * requests map for a request event). Event types without decision state (statistics, governance,
 * unknown types) return `state` itself.
 */
export function evolveCountry(state: CountryState, event: StoredEvent | EvolvableFact): CountryState {
  if (!evolvers.has(event.type) && !CORRECTION_TYPES.has(event.type)) return state;
  const draft = copyOnWriteDraft(state);
  apply(draft, event);
  return draft.state;
}

/**
 * Mutable variant for hot paths: applies the event by mutating the maps of `state` (O(1) per event)
 * and returns the same object. Only use it on a state you own alone: one from `initialCountryState`
 * or `replayCountry` that no other reader holds, and never on a state produced by `evolveCountry`
 * (its untouched maps are shared with the previous state).
 */
export function evolveCountryInPlace(state: CountryState, event: StoredEvent | EvolvableFact): CountryState {
  apply(inPlaceDraft(state), event);
  return state;
}
