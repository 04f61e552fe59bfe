import { DateTime } from 'luxon';
import { dayNumber } from '../../src/domain/deadlines.js';

export { addDeadline, LAST_DAY, workingDaysTo } from '../../src/domain/deadlines.js';

const iso = (d: string) => DateTime.fromISO(d, { zone: 'utc' });

/** Whole calendar days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  const da = dayNumber(a);
  const db = dayNumber(b);
  if (da !== null && db !== null) return db - da;
  return Math.round(iso(b).diff(iso(a), 'days').days);
}

export function yearQuarterOf(date: string): { year: number; quarter: number } {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return { year, quarter: Math.floor((month - 1) / 3) + 1 };
}

/** First and last day of a year or a quarter. */
export function periodBounds(year: number, quarter: number | null): { start: string; end: string; days: number } {
  const start = quarter === null ? DateTime.utc(year, 1, 1) : DateTime.utc(year, (quarter - 1) * 3 + 1, 1);
  const end = quarter === null ? start.endOf('year') : start.plus({ months: 2 }).endOf('month');
  return { start: start.toISODate()!, end: end.toISODate()!, days: Math.round(end.diff(start, 'days').days) };
}

/** Parses a statistics period `2023` or `2023-Q2`. */
export function parsePeriod(period: string): { year: number; quarter: number | null } {
  const m = /^(\d{4})(?:-Q([1-4]))?$/.exec(period);
  if (!m) throw new Error(`Not a period: ${period}`);
  return { year: Number(m[1]), quarter: m[2] === undefined ? null : Number(m[2]) };
}
