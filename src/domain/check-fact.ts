import { AppError } from '../errors/catalogue.js';
import type { NewFact } from './fact.js';
import { dialogueRules } from './rules/dialogues.js';
import { instrumentRules } from './rules/instruments.js';
import { requestRules } from './rules/requests.js';
import { returnOperationRules } from './rules/return-operations.js';
import type { Rule } from './rules/rule.js';
import { statisticsRules } from './rules/statistics.js';
import { visaMeasureRules } from './rules/visa-measures.js';
import type { CountryState } from './state.js';

const rules = new Map<string, Rule>(
  Object.entries({
    ...dialogueRules,
    ...instrumentRules,
    ...visaMeasureRules,
    ...requestRules,
    ...returnOperationRules,
    ...statisticsRules,
  }).filter((e): e is [string, Rule] => e[1] !== undefined),
);

/** True for the event types decided against a country's state (everything except corrections and governance). */
export function isCountryFactType(type: string): boolean {
  return rules.has(type);
}

/**
 * The one place every lifecycle rule lives: used by `decideFact` for new commands and by the
 * correction check to revalidate a whole effective history. Returns when `fact` is allowed in
 * `state`; throws an AppError with a domain code (409) otherwise.
 */
export function checkFact(state: CountryState, fact: NewFact): void {
  const rule = rules.get(fact.type);
  if (!rule) throw new AppError('BAD_REQUEST', `${fact.type} is not a country fact decided by the country decider`);
  rule(state, fact);
}
