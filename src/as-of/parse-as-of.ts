import { DateTime } from 'luxon';
import { AsOfParam } from '../../contracts/reports.js';
import { AppError } from '../errors/catalogue.js';

/**
 * Normalises an `asOf` parameter to the recorded-time instant it means, as UTC ISO with
 * milliseconds (the form the store keeps `recordedAt` in):
 * - a date `YYYY-MM-DD` means the END of that day in UTC (`2024-03-01` -> `2024-03-01T23:59:59.999Z`),
 *   so "as known on 1 March" includes everything recorded that day;
 * - a date-time with an offset is converted to UTC.
 * The same instant written two ways gives the same string, so reports asked either way match.
 */
export function parseAsOf(value: string): string {
  const text = value.trim();
  // The contract says what an asOf may be (routes validate it already; the report command line does not).
  const checked = AsOfParam.safeParse(text);
  if (!checked.success) throw new AppError('BAD_REQUEST', `asOf: ${checked.error.issues[0]?.message ?? 'invalid'}, got "${text.slice(0, 60)}"`);
  if (text.length === 10) {
    const day = DateTime.fromISO(text, { zone: 'utc' });
    if (!day.isValid) throw new AppError('BAD_REQUEST', `asOf: ${text} is not a calendar date`);
    return day.endOf('day').toISO({ suppressMilliseconds: false })!.replace('+00:00', 'Z');
  }
  const instant = DateTime.fromISO(text, { setZone: true });
  if (!instant.isValid) throw new AppError('BAD_REQUEST', `asOf: ${text} is not a valid date-time (${instant.invalidExplanation ?? instant.invalidReason})`);
  return instant.toUTC().toISO({ suppressMilliseconds: false })!.replace('+00:00', 'Z');
}

/**
 * The cutoff of an answer asked for "now": one millisecond ago. Anything appended from now on is
 * stamped at or after the current millisecond (the store's clock never goes back), so asking again
 * later with this `asOf` sees exactly the same events.
 */
export function nowCutoff(now: Date = new Date()): string {
  return new Date(now.getTime() - 1).toISOString();
}

/** The calendar day of an instant (UTC): the date used for "in force", "overdue" and "active". */
export function dateOf(instant: string): string {
  return instant.slice(0, 10);
}

/** What `settledCutoff` needs to know of the log. */
export interface CutoffLookups {
  /** Highest position recorded at or before an instant (0: none). */
  positionAt(instant: string): Promise<number>;
  /** `recordedAt` of the event at a position (> 0). */
  recordedAtOf(position: number): Promise<string>;
}

/**
 * The cutoff an answer asked for "now" names: the earliest instant of the same UTC day at which
 * exactly the same events were known, that is the later of the day's start and the last recorded
 * event's time. It has the same position and the same day as `now` (recorded time never goes back),
 * so it stands for the same answer; unlike `now`, it stays the same until something is recorded or
 * the day ends, so asking again gives the same manifest, bytes and ETag.
 */
export async function settledCutoff(now: string, position: number, log: CutoffLookups): Promise<string> {
  const dayStart = `${dateOf(now)}T00:00:00.000Z`;
  if ((await log.positionAt(dayStart)) === position) return dayStart;
  const last = await log.recordedAtOf(position);
  // Checked, not assumed: with clocks that disagree (several instances on one KurrentDB) the last
  // event's own time may not be where the store puts the cutoff; the answer then names `now`.
  return last > dayStart && last <= now && (await log.positionAt(last)) === position ? last : now;
}
