import { DateTime } from 'luxon';

const iso = (d: string) => DateTime.fromISO(d, { zone: 'utc' });

/**
 * Day number (days since 1970-01-01) of a plain `YYYY-MM-DD` date, or null for any other form.
 * The fold runs this for every request it touches during a rebuild, so plain integer arithmetic
 * (Date.UTC) stands in for luxon there; other forms still go through luxon.
 */
const DAY_MS = 86_400_000;
const PLAIN_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/**
 * Memo of day numbers and of their ISO form: a history holds a few thousand distinct dates, while a
 * rebuild converts millions (no regex, Date or string per call once seen). Bounded: cleared when large.
 */
const MEMO_LIMIT = 50_000;
const dayMemo = new Map<string, number | null>();
const isoMemo = new Map<number, string>();
function dayNumber(d: string): number | null {
  let n = dayMemo.get(d);
  if (n === undefined) {
    n = parseDayNumber(d);
    if (dayMemo.size >= MEMO_LIMIT) dayMemo.clear();
    dayMemo.set(d, n);
  }
  return n;
}
function parseDayNumber(d: string): number | null {
  const m = PLAIN_DATE.exec(d);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const day = Number(m[3]);
  const t = Date.UTC(y, mo - 1, day);
  const back = new Date(t);
  // Reject dates such as 2023-02-30 the way luxon does (invalid), by taking the slow path.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== day || y < 1000) return null;
  return t / DAY_MS;
}

function isoOfDay(n: number): string {
  if (n > LAST_DAY_NUMBER) return LAST_DAY;
  let iso = isoMemo.get(n);
  if (iso === undefined) {
    iso = new Date(n * DAY_MS).toISOString().slice(0, 10);
    if (isoMemo.size >= MEMO_LIMIT) isoMemo.clear();
    isoMemo.set(n, iso);
  }
  return iso;
}

/** Date plus a deadline; working days skip Saturdays and Sundays (public holidays are not modelled). */
/** The last day a `YYYY-MM-DD` can name: a deadline past it (a request dated near year 9999) is that day. */
export const LAST_DAY = '9999-12-31';
const LAST_DAY_NUMBER = Date.UTC(9999, 11, 31) / DAY_MS;

export function addDeadline(from: string, days: number, dayKind: 'calendar' | 'working'): string {
  const due = deadlineAfter(from, days, dayKind);
  // Beyond year 9999 the ISO form turns into "+010000-..." (which is no date, and sorts before "2024").
  return due.startsWith('+') ? LAST_DAY : due;
}

function deadlineAfter(from: string, days: number, dayKind: 'calendar' | 'working'): string {
  const start = Number.isInteger(days) ? dayNumber(from) : null;
  if (start !== null) {
    if (dayKind === 'calendar') return isoOfDay(start + days);
    let n = start;
    let left = days;
    while (left > 0) {
      n++;
      // 1970-01-01 was a Thursday: (n + 3) mod 7 is 0 on Monday ... 5 on Saturday, 6 on Sunday.
      if (((n + 3) % 7 + 7) % 7 < 5) left--;
    }
    return isoOfDay(n);
  }
  let d = iso(from);
  if (dayKind === 'calendar') return d.plus({ days }).toISODate()!;
  let left = days;
  while (left > 0) {
    d = d.plus({ days: 1 });
    if (d.weekday <= 5) left--;
  }
  return d.toISODate()!;
}

/**
 * The smallest number of working days N for which `to` is on or before `addDeadline(from, N, 'working')`
 * (for N >= 1): the weekdays after `from` up to `to`, plus one when `to` falls on a weekend (an answer
 * on the Saturday after a Friday deadline is late). Kept per answer, so a deadline known only later applies.
 */
export function workingDaysTo(from: string, to: string): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (a === null || b === null) return workingDaysTo(iso(from).toISODate()!, iso(to).toISODate()!);
  const weekday = (n: number) => ((n + 3) % 7 + 7) % 7 < 5; // 1970-01-01 was a Thursday
  let count = 0;
  // Whole weeks hold 5 weekdays each; the rest is walked (at most 6 days).
  const days = b - a;
  const weeks = days > 0 ? Math.floor(days / 7) : 0;
  count += weeks * 5;
  for (let n = a + weeks * 7 + 1; n <= b; n++) if (weekday(n)) count++;
  return count + (weekday(b) ? 0 : 1);
}

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
