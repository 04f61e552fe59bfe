import { DateTime } from 'luxon';

/*
 * Calendar dates are ISO strings (YYYY-MM-DD), so string order is date order. Month arithmetic uses
 * luxon, which clamps to the end of the month (2024-01-31 + 1 month = 2024-02-29).
 */

export function isBefore(a: string, b: string): boolean {
  return a < b;
}

function plus(isoDate: string, duration: { months: number } | { days: number }): string {
  const d = DateTime.fromISO(isoDate, { zone: 'utc' });
  if (!d.isValid) throw new Error(`Not an ISO date: ${isoDate}`);
  return d.plus(duration).toISODate() as string;
}

export function addMonths(isoDate: string, months: number): string {
  return plus(isoDate, { months });
}

export function addDays(isoDate: string, days: number): string {
  return plus(isoDate, { days });
}

/** First day of a reporting period: '2023' -> 2023-01-01, '2023-Q3' -> 2023-07-01. */
export function periodStart(period: string): string {
  const m = /^(\d{4})(?:-Q([1-4]))?$/.exec(period);
  if (!m) throw new Error(`Not a reporting period: ${period}`);
  const year = Number(m[1]);
  const quarter = m[2] === undefined ? 1 : Number(m[2]);
  return DateTime.fromObject({ year, month: (quarter - 1) * 3 + 1, day: 1 }, { zone: 'utc' }).toISODate() as string;
}

/** Last day of a reporting period: '2023' -> 2023-12-31, '2023-Q3' -> 2023-09-30 (the day before the next one starts). */
export function periodEnd(period: string): string {
  return addDays(addMonths(periodStart(period), period.includes('-Q') ? 3 : 12), -1);
}

/**
 * The latest date it can be anywhere when it is `today` in UTC: the next day (time zones run up to
 * UTC+14). A fact dated later has not happened yet. `today` comes from the caller's clock: the
 * domain has none.
 */
export function latestCurrentDate(today: string): string {
  // Asked on every command with the same `today` all day: luxon's date arithmetic costs tens of µs.
  if (today !== latest.today) latest = { today, date: addDays(today, 1) };
  return latest.date;
}
let latest = { today: '', date: '' };
