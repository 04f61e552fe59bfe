import { ENTITY_MAP_KEYS, type CountryState, type EntityMapKey } from './state.js';

/**
 * The version of the decision state's fold (`evolve/`, `state.ts`, `effective-history.ts`). Kept
 * snapshots of another version are ignored and the stream is replayed. Bump it with any change
 * that makes a stream fold to a different state; the fingerprint test in
 * `test/unit/domain/state-codec.test.ts` fails until you do.
 */
export const DECISION_STATE_VERSION = 1;

/** A country's decision state as plain JSON: each entity map as its [key, value] entries. */
export interface EncodedCountryState {
  country: string;
  maps: Record<EntityMapKey, [string, unknown][]>;
}

export function encodeCountryState(state: CountryState): EncodedCountryState {
  const maps = {} as EncodedCountryState['maps'];
  for (const k of ENTITY_MAP_KEYS) maps[k] = [...state[k].entries()];
  return { country: state.country, maps };
}

/**
 * Decodes: adds one entity of an encoding to a state being built from `initialCountryState` (one
 * entity at a time, so a large state can be decoded in pieces); false, and nothing added, when
 * `map` names no entity map or `key` is no string. Records are taken as they are: an encoding
 * comes from `encodeCountryState` of a state of the same DECISION_STATE_VERSION.
 */
export function decodeEntity(state: CountryState, map: unknown, key: unknown, record: unknown): boolean {
  if (typeof key !== 'string' || !ENTITY_MAP_KEYS.includes(map as EntityMapKey)) return false;
  (state[map as EntityMapKey] as Map<string, unknown>).set(key, record);
  return true;
}
