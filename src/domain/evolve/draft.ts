import type { CountryState, EntityMapKey } from '../state.js';

type MapValue<K extends EntityMapKey> = CountryState[K] extends ReadonlyMap<string, infer V> ? V : never;

/**
 * What an evolver writes through. Two implementations share all evolve code:
 * - copy-on-write: a new state object; a map is copied the first time it is touched, the others are
 *   shared with the previous state (the previous state stays valid);
 * - in place: the maps of the given state are mutated (only for a state the caller owns alone).
 */
export interface Draft {
  readonly state: CountryState;
  set<K extends EntityMapKey>(key: K, id: string, value: MapValue<K>): void;
}

type MutableMaps = { -readonly [K in EntityMapKey]: Map<string, MapValue<K>> };

export function copyOnWriteDraft(base: CountryState): Draft {
  const next = { ...base } as CountryState & MutableMaps;
  const copied = new Set<EntityMapKey>();
  return {
    state: next,
    set(key, id, value) {
      if (!copied.has(key)) {
        (next as unknown as Record<string, unknown>)[key] = new Map(base[key] as ReadonlyMap<string, unknown>);
        copied.add(key);
      }
      (next[key] as Map<string, unknown>).set(id, value);
    },
  };
}

export function inPlaceDraft(state: CountryState): Draft {
  return {
    state,
    set(key, id, value) {
      (state[key] as Map<string, unknown>).set(id, value);
    },
  };
}
