import { C, REQ_ANSWERED_IN, type Counters, type InstrumentDeadlines, type ReplyDeadline } from './inputs.js';

/**
 * D1's timeliness numerator: requests answered by their deadline. A request naming an instrument is
 * kept with its answer delay in calendar and in working days; the instrument's reply deadline as last
 * recorded (the accelerated one for the accelerated procedure) picks one. Requests without an
 * instrument, or whose instrument sets no reply deadline, have the model's default (calendar days).
 */

const ANSWERED_IN = /^req\.ans\.(cal|wd)\.(normal|accelerated)\.(\d+)\.(.+)$/;

export interface Timeliness {
  inTime: number;
  /** The instruments whose deadline applied to answers of the period, as notes and evidence. */
  deadlinesUsed: { instrumentId: string; procedure: string; deadline: ReplyDeadline; eventId: string; estimate: boolean }[];
}

export function timelyAnswers(counters: Counters, deadlines: readonly InstrumentDeadlines[], defaultDays: number): Timeliness {
  // Country-state version 6 and earlier kept the instrument verdict itself.
  let inTime = counters[C.reqInTimeInstrument] ?? 0;
  for (let d = 0; d <= defaultDays; d++) inTime += counters[C.reqAnsweredAfter(d)] ?? 0;
  const byInstrument = new Map(deadlines.map((d) => [d.instrumentId, d]));
  const used = new Map<string, Timeliness['deadlinesUsed'][number]>();
  for (const key in counters) {
    if (!key.startsWith(REQ_ANSWERED_IN)) continue;
    const m = ANSWERED_IN.exec(key);
    if (!m) continue;
    const [, kind, procedure, days, instrumentId] = m as unknown as [string, 'cal' | 'wd', 'normal' | 'accelerated', string, string];
    const terms = byInstrument.get(instrumentId);
    const deadline = terms?.[procedure] ?? null;
    // A working-day deadline of 0 days is the day of submission: the calendar delay says it.
    const counted = deadline === null || deadline.dayKind === 'calendar' || deadline.days === 0 ? 'cal' : 'wd';
    if (kind !== counted) continue;
    if (Number(days) <= (deadline?.days ?? defaultDays)) inTime += counters[key] ?? 0;
    if (deadline && terms) used.set(`${instrumentId}|${procedure}`, { instrumentId, procedure, deadline, eventId: terms.eventId, estimate: terms.estimate === true });
  }
  return { inTime, deadlinesUsed: [...used.values()].sort((a, b) => (a.instrumentId < b.instrumentId ? -1 : a.instrumentId > b.instrumentId ? 1 : a.procedure < b.procedure ? -1 : 1)) };
}
