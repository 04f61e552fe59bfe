import type { NewFact } from '../fact.js';
import { latestCurrentDate } from '../dates.js';
import { refuse } from '../refuse.js';

/** Every fact family: a fact cannot be dated after today (UTC, or the next day for time zones ahead of it). */
export function requireNotInFuture(date: string, today: string, what: string): void {
  const latest = latestCurrentDate(today);
  if (date > latest) refuse('FACT_DATED_IN_FUTURE', `${what} is dated ${date}, after today (${today} UTC; at most ${latest} is accepted, for time zones ahead of UTC)`);
}

/**
 * Nothing happens to an entity before the fact that created it: a follow-up dated earlier is most
 * often a mistyped year, and would put the entity's history out of order on the timeline and in the
 * profile. `since` says what created it and when, e.g. "Dialogue track T1 was opened on 2017-05-10".
 */
export function requireNotBefore(fact: NewFact, on: string, since: string): void {
  if (fact.occurredOn < on) refuse('FACT_PREDATES_ENTITY', `${since} on ${on}; ${fact.type} cannot be dated ${fact.occurredOn}`);
}
