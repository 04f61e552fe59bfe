import { periodStart } from '../dates.js';
import { refuse } from '../refuse.js';

/** A figure for a period cannot be reported before the period has begun (2025 on 2024-06-01). */
export function requirePeriodStarted(period: string, occurredOn: string, what: string): void {
  const start = periodStart(period);
  if (occurredOn < start) {
    refuse('STATISTICS_PERIOD_IN_FUTURE', `${what} for ${period} cannot be reported on ${occurredOn}: the period starts on ${start}`);
  }
}
