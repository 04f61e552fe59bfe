import type { EventType } from '../../../contracts/index.js';
import type { Draft } from './draft.js';

/** A fact as evolve sees it: stored events and decided facts alike. */
export interface Fact {
  occurredOn: string;
  data: Record<string, unknown>;
}

/**
 * Applies one fact to the draft. Evolvers are total: a fact whose entity is missing (an invalid
 * history being revalidated, or legacy data) changes nothing instead of throwing.
 */
export type Evolver = (draft: Draft, fact: Fact) => void;
export type EvolverTable = Partial<Record<EventType, Evolver>>;
