import { ENTITY_MAP_KEYS, initialCountryState, type CountryState, type EntityMapKey } from './state.js';

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
 * The state an encoding holds, owned by the caller; undefined when it is not an encoding of this
 * shape (a damaged or foreign file). Entity values are taken as they are: an encoding comes from
 * `encodeCountryState` of a state of the same DECISION_STATE_VERSION.
 */
export function decodeCountryState(encoded: unknown, country: string): CountryState | undefined {
  const e = encoded as Partial<EncodedCountryState> | null;
  if (typeof e !== 'object' || e === null || e.country !== country || typeof e.maps !== 'object' || e.maps === null) return undefined;
  const state = initialCountryState(country);
  for (const k of ENTITY_MAP_KEYS) {
    const entries = e.maps[k];
    if (!Array.isArray(entries) || !entries.every((x) => Array.isArray(x) && x.length === 2 && decodeEntity(state, k, x[0], x[1]))) return undefined;
  }
  return state;
}

/**
 * Adds one entity of an encoding to a state being decoded (one entity at a time, so a large state
 * can be decoded in pieces); false, and nothing added, when `map` names no entity map or `key` is
 * no string.
 */
export function decodeEntity(state: CountryState, map: unknown, key: unknown, record: unknown): boolean {
  if (typeof key !== 'string' || !ENTITY_MAP_KEYS.includes(map as EntityMapKey)) return false;
  (state[map as EntityMapKey] as Map<string, unknown>).set(key, record);
  return true;
}
