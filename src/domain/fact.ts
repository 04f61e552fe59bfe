import type { EventData, EventType } from '../../contracts/index.js';

/** A fact the decider accepted; the command handler wraps it in an envelope and appends it. */
export interface NewFact {
  type: EventType;
  occurredOn: string;
  data: Record<string, unknown>;
}

/** The data of a fact of a known type, typed. The schema was checked before the fact reached the domain. */
export function dataOf<T extends EventType>(fact: { data: Record<string, unknown> }, _type: T): EventData<T> {
  return fact.data as EventData<T>;
}
