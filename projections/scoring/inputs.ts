/**
 * What the scorecard is computed from. The country-state projection maintains the counters and the
 * aggregate reports per country and period (bucket); the query side adds the few country-level facts
 * that span periods (moratoria, EU travel document terms, the official finding) and hands the lot
 * to the pure `computeScorecard`.
 */

/** Integer counters from case-level events, summed over the entities whose cohort falls in the bucket. */
export type Counters = Record<string, number>;

/** The histogram's counter names, built once (a rebuild names one per answered request). */
const ANSWERED_AFTER = Array.from({ length: 367 }, (_, d) => `req.answeredAfter.${d}`);

/** Prefix of the per-instrument answer delays (`req.ans.<cal|wd>.<procedure>.<days>.<instrumentId>`). */
export const REQ_ANSWERED_IN = 'req.ans.';

/** Counter names. `req.answeredAfter.<d>` is a histogram (d = whole calendar days, 366 = later). */
export const C = {
  reqSubmitted: 'req.submitted',
  reqDecided: 'req.decided',
  /** Country-state version 6 and earlier: answered by the instrument deadline known when the request was last folded. */
  reqInTimeInstrument: 'req.inTime.instrument',
  /**
   * Requests naming an instrument, per answer delay in calendar (`cal`) and working (`wd`) days: the
   * instrument's deadline is applied at query time, so terms recorded or corrected later apply.
   */
  reqAnsweredIn: (kind: 'cal' | 'wd', procedure: string, days: number, instrumentId: string) => `${REQ_ANSWERED_IN}${kind}.${procedure}.${days}.${instrumentId}`,
  reqAnsweredAfter: (days: number) => ANSWERED_AFTER[Math.min(days, 366)] ?? `req.answeredAfter.${Math.min(days, 366)}`,
  reqWithTravelDoc: 'req.withTravelDoc',
  rrSubmitted: 'rr.submitted',
  rrAccepted: 'rr.accepted',
  rrRejected: 'rr.rejected',
  rrLapsed: 'rr.lapsedNotDeemed',
  eutdPresented: 'eutd.presented',
  eutdAccepted: 'eutd.accepted',
  transfers: 'transfer.total',
  transfersAdmitted: 'transfer.admitted',
  opsPlanned: 'ops.planned',
  opsExecuted: 'ops.executed',
  opsCancelledPartner: 'ops.cancelledPartner',
  opsCancelledOther: 'ops.cancelledOther',
  opsReturnees: 'ops.returnees',
  opsForced: 'ops.forced',
} as const;

export type AggregateType =
  | 'ReturnDecisionsReported'
  | 'ReturnsReported'
  | 'ReadmissionStatisticsReported'
  | 'QualitativeAssessmentRecorded';

/** One statistics event as it feeds a bucket (its effective data, after corrections). */
export interface AggregateReport {
  eventId: string;
  type: AggregateType;
  period: string;
  position: number;
  evidenceStatus: string;
  data: Record<string, unknown>;
}

/** Which indicator the case-level evidence of an entity feeds. */
export type EvidenceRole = 'C' | 'D1' | 'D2' | 'D3' | 'D4';

/** Bucket counter of the entities of a role folded from a fact marked as an estimate. */
export const ESTIMATE_COUNTER: Record<EvidenceRole, string> = { C: 'est.C', D1: 'est.D1', D2: 'est.D2', D3: 'est.D3', D4: 'est.D4' };

export interface MoratoriumSpan {
  moratoriumId: string;
  scope: string;
  from: string;
  /** null: not lifted. */
  to: string | null;
  eventIds: string[];
  /** Folded from a fact marked as an estimate. */
  estimate?: boolean;
}

export interface InstrumentFlag {
  instrumentId: string;
  value: 'yes' | 'case-by-case' | 'no' | 'unknown';
  eventId: string;
  /** The terms fact is marked as an estimate. */
  estimate?: boolean;
}

export interface ReplyDeadline {
  days: number;
  dayKind: 'calendar' | 'working';
}

/** An instrument's reply deadlines as last recorded (D1 timeliness), with the terms event. */
export interface InstrumentDeadlines {
  instrumentId: string;
  normal: ReplyDeadline | null;
  /** The accelerated procedure's deadline (the normal one when the terms set none). */
  accelerated: ReplyDeadline | null;
  eventId: string;
  /** The terms fact is marked as an estimate. */
  estimate?: boolean;
}

export interface OfficialFinding {
  eventId: string;
  reportNo: number;
  dataPeriod: string;
  finding: 'sufficient' | 'insufficient' | 'not-public';
  documentRef: string;
  adoptedOn: string;
}

export interface ScorecardInputs {
  country: string;
  year: number;
  /** null: the whole year. */
  quarter: number | null;
  counters: Counters;
  /** Aggregates of the bucket; a year bucket also holds its quarterly reports. */
  reports: AggregateReport[];
  /** Case-level event ids per indicator (all events of the contributing entities). */
  evidence: Partial<Record<EvidenceRole, string[]>>;
  moratoria: MoratoriumSpan[];
  /** Instrument terms on acceptance of the EU travel document (D2 fallback). */
  euTravelDocumentFlags: InstrumentFlag[];
  /** Reply deadlines of the country's instruments with terms (D1 timeliness). */
  replyDeadlines: InstrumentDeadlines[];
  officialFinding: OfficialFinding | null;
}

export function emptyInputs(country: string, year: number, quarter: number | null): ScorecardInputs {
  return { country, year, quarter, counters: {}, reports: [], evidence: {}, moratoria: [], euTravelDocumentFlags: [], replyDeadlines: [], officialFinding: null };
}
