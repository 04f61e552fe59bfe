import { latestCurrentDate } from '../dates.js';
import { refuse } from '../refuse.js';

/** Every fact family: a fact cannot be dated after today (UTC, or the next day for time zones ahead of it). */
export function requireNotInFuture(date: string, today: string, what: string): void {
  const latest = latestCurrentDate(today);
  if (date > latest) refuse('FACT_DATED_IN_FUTURE', `${what} is dated ${date}, after today (${today} UTC; at most ${latest} is accepted, for time zones ahead of UTC)`);
}
