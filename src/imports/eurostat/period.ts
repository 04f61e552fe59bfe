import { DateTime } from 'luxon';
import { Period } from '../../../contracts/common.js';

export { periodEnd } from '../../domain/dates.js';

/**
 * Normalises Eurostat time codes to the service's Period: `2023` stays, quarters written `2023-Q2`,
 * `2023Q2` or `2023-q2` become `2023-Q2`. Anything else (months, weeks, ranges) is not a period
 * this service records: undefined.
 */
export function normalisePeriod(code: string): string | undefined {
  const s = code.trim();
  const q = /^(\d{4})-?[Qq]([1-4])$/.exec(s);
  const period = q ? `${q[1]}-Q${q[2]}` : s;
  // The contract's Period decides which years are accepted (one range for the whole service).
  return Period.safeParse(period).success ? period : undefined;
}

export function isQuarter(period: string): boolean {
  return period.includes('-Q');
}

/**
 * Eurostat's LAST UPDATE stamps: SDMX-CSV from the dissemination API writes `06/05/24 23:00:00`
 * (dd/MM/yy); other tools write ISO dates or date-times. Returns YYYY-MM-DD or undefined.
 */
export function parseLastUpdate(text: string): string | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  const iso = DateTime.fromISO(s, { zone: 'utc' });
  if (iso.isValid) return iso.toISODate() ?? undefined;
  for (const format of ['dd/MM/yy HH:mm:ss', 'dd/MM/yy', 'dd/MM/yyyy HH:mm:ss', 'dd/MM/yyyy']) {
    const d = DateTime.fromFormat(s, format, { zone: 'utc' });
    if (d.isValid) return d.toISODate() ?? undefined;
  }
  return undefined;
}
