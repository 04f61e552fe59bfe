import type { StoredEvent } from '../../contracts/index.js';
import { AppError } from '../errors/catalogue.js';
import { latestCurrentDate, periodEnd } from './dates.js';
import { refuse } from './refuse.js';

export interface ClosePeriodCommand {
  period: string;
  dataCutoff?: string | undefined;
  note?: string | undefined;
}

/**
 * Decides closing a reporting period against the reporting-periods stream. Closing is final (the
 * period's scores stop being provisional), so the period must have ended (in UTC) and the data cutoff,
 * when given, must fall after its end and not after today. `today` is the current UTC date from the
 * caller's clock. Returns the PeriodClosed fact (dated today) or throws an AppError (409).
 */
export function decideClosePeriod(history: readonly StoredEvent[], command: ClosePeriodCommand, today: string): { occurredOn: string; data: Record<string, unknown> } {
  const { period, dataCutoff } = command;
  const closed = history.find((e) => e.type === 'PeriodClosed' && e.data['period'] === period);
  if (closed) throw new AppError('LIFECYCLE_CONFLICT', `Period ${period} was already closed on ${closed.occurredOn} (event ${closed.eventId})`);
  const end = periodEnd(period);
  if (today <= end) refuse('PERIOD_NOT_ENDED', `Period ${period} ends on ${end}; it can be closed from the next day on (today is ${today} UTC)`);
  if (dataCutoff !== undefined) {
    if (dataCutoff <= end) refuse('PERIOD_CUTOFF_INVALID', `The data cutoff ${dataCutoff} must fall after the end of period ${period} (${end})`);
    const latest = latestCurrentDate(today);
    if (dataCutoff > latest) refuse('PERIOD_CUTOFF_INVALID', `The data cutoff ${dataCutoff} is in the future (today is ${today} UTC; at most ${latest} is accepted)`);
  }
  const data: Record<string, unknown> = { period };
  if (dataCutoff !== undefined) data['dataCutoff'] = dataCutoff;
  if (command.note !== undefined) data['note'] = command.note;
  return { occurredOn: today, data };
}
