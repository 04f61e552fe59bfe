import type { EventType } from '../../../contracts/index.js';
import type { NewFact } from '../fact.js';
import type { CountryState } from '../state.js';

/** A rule check: returns when the fact is allowed in `state`, throws a domain AppError otherwise. */
export type Rule = (state: CountryState, fact: NewFact) => void;
export type RuleTable = Partial<Record<EventType, Rule>>;
