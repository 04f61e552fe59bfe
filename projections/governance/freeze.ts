import type { FrozenPeriod } from '../../contracts/read-models.js';
import type { Scorecard } from '../../contracts/read-models.js';

/** What the freeze rule needs of a PeriodClosed fact (a row of the closed-periods table has it). */
export interface Closure {
  period: string;
  eventId: string;
  closedOn: string;
  dataCutoff: string | null;
  recordedAt: string;
}

/** The end of a calendar day in UTC, as the store writes instants (what `asOf=YYYY-MM-DD` means too). */
const endOfDay = (date: string) => `${date}T23:59:59.999Z`;

/**
 * A closure's freeze point: the earlier of when it was recorded and the end of its data-cutoff day.
 * Facts recorded after it are not part of the closed period's answers.
 */
export function freezePoint(closure: Closure): string {
  const cutoff = closure.dataCutoff === null ? null : endOfDay(closure.dataCutoff);
  return cutoff !== null && cutoff < closure.recordedAt ? cutoff : closure.recordedAt;
}

/**
 * The freeze of a year (`quarter` null) or quarter as known at `asOf` (a UTC instant; undefined:
 * now), or null when it is not frozen. A quarter is frozen when it or its year is closed, at the
 * earliest applicable freeze point. A closure recorded after `asOf` did not exist then: the period
 * is answered as asked (open). A closure recorded at or before `asOf` freezes at its freeze point,
 * which is never after `asOf` (it is at most the closure's own recordedAt): what the service answered
 * at `asOf`.
 */
export function freezeOf(closures: readonly Closure[], year: number, quarter: number | null, asOf?: string): FrozenPeriod | null {
  const periods = quarter === null ? [String(year)] : [String(year), `${year}-Q${quarter}`];
  let found: FrozenPeriod | null = null;
  for (const c of closures) {
    if (!periods.includes(c.period) || (asOf !== undefined && c.recordedAt > asOf)) continue;
    const frozenAt = freezePoint(c);
    if (found === null || frozenAt < found.frozenAt) {
      found = { period: c.period, eventId: c.eventId, closedOn: c.closedOn, dataCutoff: c.dataCutoff, closedAt: c.recordedAt, frozenAt };
    }
  }
  return found;
}

/** The latest year closed as a whole (a closed quarter does not count), or null when none is. */
export function latestClosedYear(closures: readonly Closure[]): number | null {
  let latest: number | null = null;
  for (const c of closures) if (/^\d{4}$/.test(c.period) && (latest === null || Number(c.period) > latest)) latest = Number(c.period);
  return latest;
}

/**
 * A scorecard computed as known at the freeze point, marked frozen. It is not provisional even when
 * the freeze point comes before the closure was recorded (a data cutoff earlier than the closing).
 */
export function frozenScorecard<S extends Scorecard>(card: S, freeze: FrozenPeriod): S {
  return { ...card, provisional: false, frozen: freeze };
}
