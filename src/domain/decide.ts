import type { CountryCommand } from '../../contracts/index.js';
import { AppError } from '../errors/catalogue.js';
import { checkFact, isCountryFactType } from './check-fact.js';
import type { NewFact } from './fact.js';
import { requireNotInFuture } from './rules/dates.js';
import type { CountryState } from './state.js';

/**
 * Decides a non-correction country command (dialogues, instruments, visa measures, requests, return
 * operations, statistics). `command.data` has been validated against the event type's schema.
 * `today` is the current UTC date from the caller's clock. Returns the fact to append, or throws an
 * AppError with a domain code (409).
 */
export function decideFact(state: CountryState, command: CountryCommand, today: string): NewFact {
  if (!isCountryFactType(command.type)) {
    const hint = command.type === 'EntryCorrected' || command.type === 'EntryRetracted' ? ' (use decideCorrection)' : '';
    throw new AppError('BAD_REQUEST', `${command.type} is not decided by the country decider${hint}`);
  }
  // Not part of checkFact: a history revalidated later must not depend on the day it is checked.
  requireNotInFuture(command.occurredOn, today, command.type);
  const fact = { type: command.type, occurredOn: command.occurredOn, data: command.data } as NewFact;
  checkFact(state, fact);
  return fact;
}
