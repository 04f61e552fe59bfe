import { DateTime } from 'luxon';

/*
 * Reply deadlines: a date plus a number of calendar or working days. The domain checks recorded
 * deadlines against an instrument's terms with it; the country-state projection counts answers in
 * time and the read side shows computed deadlines with the same arithmetic.
 */

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
export function dayNumber(d: string): number | null {
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

/** The last day a `YYYY-MM-DD` can name: a deadline past it (a request dated near year 9999) is that day. */
export const LAST_DAY = '9999-12-31';
const LAST_DAY_NUMBER = Date.UTC(9999, 11, 31) / DAY_MS;

/** Date plus a deadline; working days skip Saturdays and Sundays (public holidays are not modelled). */
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
      if (isWeekday(n)) left--;
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

/** Day number n (days since 1970-01-01) falls Monday to Friday. */
function isWeekday(n: number): boolean {
  // 1970-01-01 was a Thursday: (n + 3) mod 7 is 0 on Monday ... 5 on Saturday, 6 on Sunday.
  return ((n + 3) % 7 + 7) % 7 < 5;
}

/**
 * The smallest number of working days N for which `to` is on or before `addDeadline(from, N, 'working')`
 * (for N >= 1): the weekdays after `from` up to `to`, plus one when `to` falls on a weekend (an answer
 * on the Saturday after a Friday deadline is late). Kept per answer, so a deadline known only later applies.
 */
/** Another ISO form of a date (`2024-01-10T00:00Z`) as `YYYY-MM-DD`; '' when it is none (luxon: invalid). */
const plainDate = (d: string) => iso(d).toISODate() ?? '';

export function workingDaysTo(from: string, to: string): number {
  const a = dayNumber(from) ?? dayNumber(plainDate(from));
  const b = dayNumber(to) ?? dayNumber(plainDate(to));
  if (a === null || b === null) throw new Error(`Not an ISO date: ${a === null ? from : to}`);
  let count = 0;
  // Whole weeks hold 5 weekdays each; the rest is walked (at most 6 days).
  const days = b - a;
  const weeks = days > 0 ? Math.floor(days / 7) : 0;
  count += weeks * 5;
  for (let n = a + weeks * 7 + 1; n <= b; n++) if (isWeekday(n)) count++;
  return count + (isWeekday(b) ? 0 : 1);
}

export interface ReplyDeadline {
  readonly days: number;
  readonly dayKind: 'calendar' | 'working';
}

/** The reply deadline an instrument's terms set for a request: accelerated procedures have their own, if any. */
export function replyDeadlineFor(
  procedure: string | undefined,
  terms: { readonly replyDeadline?: ReplyDeadline | undefined; readonly acceleratedReplyDeadline?: ReplyDeadline | undefined },
): ReplyDeadline | undefined {
  return procedure === 'accelerated' ? terms.acceleratedReplyDeadline ?? terms.replyDeadline : terms.replyDeadline;
}
