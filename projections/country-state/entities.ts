import type { EventData } from '../../contracts/events/index.js';
import type { CommitmentState, DialogueTrackState, InstrumentState, MoratoriumState, NotificationState, OperationState, RequestLapse, VisaMeasureState } from '../../contracts/profile.js';
import type { AggregateReport, AggregateType, Counters, EvidenceRole } from '../scoring/inputs.js';
import { C } from '../scoring/inputs.js';
import { replyDeadlineFor, type ReplyDeadline } from '../../src/domain/deadlines.js';
import { daysBetween, parsePeriod, workingDaysTo, yearQuarterOf } from './dates.js';

/**
 * Per-country entities (an instrument, a visa measure, a request, an operation, a statistics report,
 * ...). Each entity's state is a fold over its own effective events, so a correction or retraction
 * re-folds just the entity it touched. Each entity also says what it adds to the scorecard inputs
 * of one period (its contribution); the projection keeps the per-period sums by subtracting the old
 * contribution and adding the new one.
 *
 * New states are built with `Object.assign({}, st, { ... })`, not `{ ...st, ... }`: in Node 20's V8 a
 * spread followed by keys the source lacks costs ~0.7 us per added key (9 keys: ~7 us, against
 * ~0.9 us for Object.assign); same result, same key order. Measured: rebuild of 100,000 events
 * 31,000 -> 36,000 events/s.
 */

/** An event as the entity folds see it: data and occurredOn after corrections. */
export interface Fact {
  eventId: string;
  type: string;
  occurredOn: string;
  position: number;
  evidenceStatus: string;
  data: Record<string, any>;
}

export type EntityKind =
  | 'track'
  | 'commitment'
  | 'instrument'
  | 'notification'
  | 'assessment'
  | 'measure'
  | 'request'
  | 'eutd'
  | 'transfer'
  | 'operation'
  | 'moratorium'
  | 'stat';

export interface EntityRef {
  kind: EntityKind;
  id: string;
}

/** Which entities an event feeds (usually one). Governance and correction events feed none. */
export function entitiesOf(type: string, data: Record<string, any>, eventId: string): EntityRef[] {
  switch (type) {
    case 'DialogueTrackOpened':
    case 'DialogueSessionHeld':
      return [{ kind: 'track', id: data.trackId }];
    case 'DialogueCommitmentRecorded':
    case 'DialogueCommitmentFulfilled':
    case 'DialogueCommitmentLapsed':
      return [{ kind: 'commitment', id: data.commitmentId }];
    case 'MemberStateNotificationSubmitted':
    case 'NotificationExaminationConcluded':
      return [{ kind: 'notification', id: data.notificationId }];
    case 'CommissionAssessmentReported':
      return [{ kind: 'assessment', id: eventId }];
    case 'EUTravelDocumentPresented':
      return [{ kind: 'eutd', id: eventId }];
    case 'ReadmissionTransferRecorded':
      return [{ kind: 'transfer', id: eventId }];
    case 'PartnerMoratoriumDeclared':
    case 'PartnerMoratoriumLifted':
      return [{ kind: 'moratorium', id: data.moratoriumId }];
    case 'ReturnDecisionsReported':
    case 'ReturnsReported':
    case 'ReadmissionStatisticsReported':
    case 'QualitativeAssessmentRecorded':
      return [{ kind: 'stat', id: eventId }];
  }
  if (type.startsWith('Instrument')) return [{ kind: 'instrument', id: data.instrumentId }];
  if (type.startsWith('VisaMeasure')) return [{ kind: 'measure', id: data.measureId }];
  if (type.startsWith('LandingPermit') || type.startsWith('ReturnOperation')) return [{ kind: 'operation', id: data.operationId }];
  if (
    type === 'IdentificationRequestSubmitted' ||
    type === 'ConsularPresentationHeld' ||
    type === 'IdentificationRequestAnswered' ||
    type === 'ReadmissionRequestSubmitted' ||
    type === 'ReadmissionRequestAnswered' ||
    type === 'RequestDeadlineLapsed' ||
    type === 'TravelDocumentIssued'
  )
    return [{ kind: 'request', id: data.requestId }];
  return [];
}

/** What an entity adds to one period bucket (and, for a quarter, to its year as well). */
export interface Contribution {
  year: number;
  /** null: the entity only feeds the year bucket (a yearly report). */
  quarter: number | null;
  counters?: Counters;
  report?: AggregateReport;
  role?: EvidenceRole;
}

/** Country facts an entity fold may look up (read from other entities of the same country). */
export interface FoldContext {
  instrumentTerms(instrumentId: string): Record<string, any> | undefined;
}

export type EntityState = Record<string, any>;

/** The state of each kind of entity the country profile lists, as its contract (contracts/profile.ts) defines it. */
export interface ProfileEntityStates {
  instrument: InstrumentState;
  measure: VisaMeasureState;
  track: DialogueTrackState;
  commitment: CommitmentState;
  notification: NotificationState;
  operation: OperationState;
  moratorium: MoratoriumState;
}

export interface Derived {
  /** Sort key of the entity in lists (date). */
  sortDate: string | null;
  /** 1 for an open request (no answer, not deemed accepted). */
  open: number;
  contribution: Contribution | null;
}

const PARTNER_CAUSES = new Set(['partner-refusal', 'no-landing-permit', 'partner-moratorium']);

/**
 * One fold step. `s` is undefined for the entity's first event. A state folded from any fact marked
 * as an estimate says so (`estimate: true`): the scorecard flags the indicators it feeds.
 */
export function step(kind: EntityKind, s: EntityState | undefined, f: Fact): EntityState {
  const next = stepOf(kind, s, f);
  if (next['estimate'] === true || (f.evidenceStatus !== 'estimate' && s?.['estimate'] !== true)) return next;
  return Object.assign({}, next, { estimate: true });
}

function stepOf(kind: EntityKind, s: EntityState | undefined, f: Fact): EntityState {
  const d = f.data;
  const st: EntityState = s ?? {};
  switch (kind) {
    case 'track':
      if (f.type === 'DialogueTrackOpened')
        return Object.assign({}, st, { title: d.title, level: d.level, format: d.format, parties: d.parties, openedOn: f.occurredOn, sessions: st.sessions ?? 0 } satisfies Partial<DialogueTrackState>);
      return Object.assign({}, st, {
        sessions: (st.sessions ?? 0) + 1,
        lastSession:
          st.lastSession && st.lastSession.on > f.occurredOn
            ? st.lastSession
            : { on: f.occurredOn, eventId: f.eventId, location: d.location ?? null, topics: d.topics ?? [], outcomeSummary: d.outcomeSummary },
      } satisfies Partial<DialogueTrackState>);
    case 'commitment':
      if (f.type === 'DialogueCommitmentRecorded')
        return Object.assign({}, st, { trackId: d.trackId, owner: d.owner, description: d.description, dueDate: d.dueDate ?? null, indicatorLink: d.indicatorLink ?? null, recordedOn: f.occurredOn, status: st.status ?? 'open' } satisfies Partial<CommitmentState>);
      return Object.assign({}, st, { status: f.type === 'DialogueCommitmentFulfilled' ? 'fulfilled' : 'lapsed', assessedOn: f.occurredOn, note: d.note ?? null } satisfies Partial<CommitmentState>);
    case 'notification':
      if (f.type === 'MemberStateNotificationSubmitted')
        return Object.assign({}, st, { notifyingState: d.notifyingState, indicatorsCited: d.indicatorsCited, submittedOn: f.occurredOn, summary: d.summary ?? null } satisfies Partial<NotificationState>);
      return Object.assign({}, st, { finding: d.finding, concludedOn: f.occurredOn } satisfies Partial<NotificationState>);
    case 'assessment':
      return { eventId: f.eventId, reportNo: d.reportNo, dataPeriod: d.dataPeriod, finding: d.finding, documentRef: d.documentRef, adoptedOn: f.occurredOn };
    case 'instrument':
      return stepInstrument(st, f);
    case 'measure':
      return stepMeasure(st, f);
    case 'request':
      return stepRequest(st, f);
    case 'eutd':
      return { presentedOn: f.occurredOn, accepted: d.accepted, requestId: d.requestId ?? null, operationId: d.operationId ?? null };
    case 'transfer':
      return { on: f.occurredOn, requestId: d.requestId, admitted: d.admitted, refusalReason: d.refusalReason ?? null };
    case 'operation':
      return stepOperation(st, f);
    case 'moratorium':
      if (f.type === 'PartnerMoratoriumDeclared') return Object.assign({}, st, { scope: d.scope, reason: d.reason ?? null, from: f.occurredOn, to: st.to ?? null } satisfies Partial<MoratoriumState>);
      return Object.assign({}, st, { to: f.occurredOn } satisfies Partial<MoratoriumState>);
    case 'stat':
      return { type: f.type, period: d.period, data: d, eventId: f.eventId, position: f.position, evidenceStatus: f.evidenceStatus };
  }
}

function stepInstrument(st: EntityState, f: Fact): InstrumentState {
  const d = f.data;
  const history = [...(st.history ?? []), { on: f.occurredOn, type: f.type, eventId: f.eventId }];
  const base = Object.assign({}, st, { history, lastEventOn: maxDate(st.lastEventOn, f.occurredOn) } satisfies Partial<InstrumentState>);
  switch (f.type) {
    case 'InstrumentNegotiationOpened':
      return Object.assign({}, base, { title: d.title, instrumentKind: d.kind, level: d.level, legallyBinding: d.legallyBinding, status: 'negotiating', openedOn: f.occurredOn } satisfies Partial<InstrumentState>);
    case 'InstrumentAgreed':
      return Object.assign({}, base, { status: 'agreed', agreedOn: f.occurredOn } satisfies Partial<InstrumentState>);
    case 'InstrumentAdopted':
      return Object.assign({}, base, { status: 'adopted', adoptedOn: f.occurredOn, textRef: d.textRef, publiclyAvailable: d.publiclyAvailable } satisfies Partial<InstrumentState>);
    case 'InstrumentTermsRecorded': {
      const { instrumentId: _id, ...terms } = d as EventData<'InstrumentTermsRecorded'>;
      // Estimated terms say so themselves: they feed D1's deadline and D2's fallback flag.
      const estimate = f.evidenceStatus === 'estimate' ? { estimate: true as const } : {};
      return Object.assign({}, base, { terms: { ...terms, eventId: f.eventId, recordedOn: f.occurredOn, ...estimate } } satisfies Partial<InstrumentState>);
    }
    case 'InstrumentProvisionsApplicable':
      return Object.assign({}, base, { status: 'in-force', provisions: d.provisions, applicableFrom: f.occurredOn } satisfies Partial<InstrumentState>);
    case 'InstrumentSuspensionDeclared': {
      const suspension = { declaredBy: d.declaredBy, declaredOn: f.occurredOn, reason: d.reason, effect: d.effect };
      // A declared-only suspension does not change the state until practice changes (Turkey, July 2019).
      return Object.assign({}, base, { suspension, status: d.effect === 'observed-in-practice' ? 'suspended' : st.status } satisfies Partial<InstrumentState>);
    }
    case 'InstrumentResumed':
      return Object.assign({}, base, { status: 'in-force', suspension: null, resumedOn: f.occurredOn } satisfies Partial<InstrumentState>);
    case 'InstrumentTerminated':
      return Object.assign({}, base, { status: 'terminated', endedOn: f.occurredOn } satisfies Partial<InstrumentState>);
    case 'InstrumentSuperseded':
      return Object.assign({}, base, { status: 'superseded', endedOn: f.occurredOn, supersededBy: d.byInstrumentId } satisfies Partial<InstrumentState>);
    default:
      return base; // InstrumentReviewMeetingHeld: history only
  }
}

function stepMeasure(st: EntityState, f: Fact): VisaMeasureState {
  const d = f.data;
  const history = [...(st.history ?? []), { on: f.occurredOn, type: f.type, eventId: f.eventId }];
  const base = Object.assign({}, st, { history } satisfies Partial<VisaMeasureState>);
  switch (f.type) {
    case 'VisaMeasureProposed':
      return Object.assign({}, base, { legalBasis: d.legalBasis, provisions: d.provisions, fee: d.fee ?? null, scope: d.scope, categories: d.categories ?? [], proposalRef: d.proposalRef, proposedOn: f.occurredOn, status: 'proposed' } satisfies Partial<VisaMeasureState>);
    case 'VisaMeasureAdopted':
      return Object.assign({}, base, { status: 'adopted', adoptedOn: f.occurredOn, councilActRef: d.councilActRef } satisfies Partial<VisaMeasureState>);
    case 'VisaMeasureApplicable':
      return Object.assign({}, base, { status: 'in-force', applicableFrom: d.applicableFrom, plannedEnd: d.plannedEnd ?? null } satisfies Partial<VisaMeasureState>);
    case 'VisaMeasureAmended':
      return Object.assign({}, base, { provisions: d.newProvisions } satisfies Partial<VisaMeasureState>);
    case 'VisaMeasureRenewed':
      return Object.assign({}, base, { plannedEnd: d.newEnd } satisfies Partial<VisaMeasureState>);
    case 'VisaMeasureRepealed':
      return Object.assign({}, base, { status: 'repealed', endedOn: f.occurredOn, ground: d.ground } satisfies Partial<VisaMeasureState>);
    case 'VisaMeasureExpired':
      return Object.assign({}, base, { status: 'expired', endedOn: f.occurredOn } satisfies Partial<VisaMeasureState>);
    case 'VisaMeasureProposalWithdrawn':
      return Object.assign({}, base, { status: 'withdrawn', endedOn: f.occurredOn } satisfies Partial<VisaMeasureState>);
    default:
      return base; // progress reports: history only
  }
}

function stepRequest(st: EntityState, f: Fact): EntityState {
  const d = f.data;
  switch (f.type) {
    case 'IdentificationRequestSubmitted':
    case 'ReadmissionRequestSubmitted':
      return Object.assign({}, st, {
        requestKind: f.type === 'IdentificationRequestSubmitted' ? 'identification' : 'readmission',
        submittedOn: f.occurredOn,
        requestingState: d.requestingState,
        instrumentId: d.instrumentId ?? null,
        procedure: d.procedure ?? 'normal',
        personCategory: d.personCategory ?? null,
        travelDocs: st.travelDocs ?? 0,
      });
    case 'IdentificationRequestAnswered':
    case 'ReadmissionRequestAnswered':
      return Object.assign({}, st, { answer: { on: f.occurredOn, outcome: d.outcome } });
    case 'RequestDeadlineLapsed':
      return Object.assign({}, st, { lapse: { on: f.occurredOn, deadline: d.deadline, deemedAccepted: d.deemedAccepted } satisfies RequestLapse });
    case 'TravelDocumentIssued':
      return Object.assign({}, st, { travelDocs: (st.travelDocs ?? 0) + 1, lastTravelDocOn: maxDate(st.lastTravelDocOn, f.occurredOn) });
    default:
      return Object.assign({}, st, { consularPresentations: (st.consularPresentations ?? 0) + 1 });
  }
}

function stepOperation(st: EntityState, f: Fact): OperationState {
  const d = f.data;
  switch (f.type) {
    case 'ReturnOperationPlanned':
      return Object.assign({}, st, { mode: d.mode, plannedDate: d.plannedDate, plannedReturnees: d.plannedReturnees, organiser: d.organiser, status: st.status ?? 'planned' } satisfies Partial<OperationState>);
    case 'LandingPermitRequested':
      return Object.assign({}, st, { status: 'awaiting-permit', permit: 'requested' } satisfies Partial<OperationState>);
    case 'LandingPermitGranted':
      return Object.assign({}, st, { status: 'confirmed', permit: 'granted' } satisfies Partial<OperationState>);
    case 'LandingPermitRefused':
      return Object.assign({}, st, { status: 'cancelled', permit: 'refused', cancelled: { on: f.occurredOn, cause: 'no-landing-permit', partnerAttributable: true } } satisfies Partial<OperationState>);
    case 'ReturnOperationExecuted':
      return Object.assign({}, st, { status: 'executed', executed: { on: f.occurredOn, returnees: d.returnees, forced: d.forced, voluntary: d.voluntary } } satisfies Partial<OperationState>);
    case 'ReturnOperationCancelled':
      return Object.assign({}, st, { status: 'cancelled', cancelled: { on: f.occurredOn, cause: d.cause, partnerAttributable: PARTNER_CAUSES.has(d.cause) } } satisfies Partial<OperationState>);
    default:
      // Unreached: every operation event type is handled above (and each sets the status).
      return st as OperationState;
  }
}

function maxDate(a: string | undefined | null, b: string): string {
  return a && a > b ? a : b;
}

/** A quarter's contribution, built as one literal (spreading `yearQuarterOf` then adding keys is several times slower in V8). */
function contributionOf(date: string, counters: Counters, role: EvidenceRole): Contribution {
  const { year, quarter } = yearQuarterOf(date);
  return { year, quarter, counters, role };
}

/** Columns and scorecard contribution of an entity in its current state. */
export function derive(kind: EntityKind, s: EntityState, ctx: FoldContext): Derived {
  switch (kind) {
    case 'request':
      return deriveRequest(s);
    case 'operation': {
      if (!s.plannedDate) return { sortDate: s.executed?.on ?? s.cancelled?.on ?? null, open: 0, contribution: null };
      const date: string = s.executed?.on ?? s.cancelled?.on ?? s.plannedDate;
      const counters: Counters = { [C.opsPlanned]: 1 };
      if (s.executed) {
        counters[C.opsExecuted] = 1;
        counters[C.opsReturnees] = s.executed.returnees;
        counters[C.opsForced] = s.executed.forced;
      } else if (s.cancelled) counters[s.cancelled.partnerAttributable ? C.opsCancelledPartner : C.opsCancelledOther] = 1;
      return { sortDate: date, open: 0, contribution: contributionOf(date, counters, 'D4') };
    }
    case 'eutd':
      return {
        sortDate: s.presentedOn,
        open: 0,
        contribution: contributionOf(s.presentedOn, { [C.eutdPresented]: 1, [C.eutdAccepted]: s.accepted ? 1 : 0 }, 'D2'),
      };
    case 'transfer':
      return {
        sortDate: s.on,
        open: 0,
        contribution: contributionOf(s.on, { [C.transfers]: 1, [C.transfersAdmitted]: s.admitted ? 1 : 0 }, 'D3'),
      };
    case 'stat': {
      const { year, quarter } = parsePeriod(s.period);
      const report: AggregateReport = {
        eventId: s.eventId,
        type: s.type as AggregateType,
        period: s.period,
        position: s.position,
        evidenceStatus: s.evidenceStatus,
        data: s.data,
      };
      return { sortDate: `${s.period}`, open: 0, contribution: { year, quarter, report } };
    }
    case 'instrument':
      return { sortDate: s.openedOn ?? s.lastEventOn ?? null, open: 0, contribution: null };
    case 'measure':
      return { sortDate: s.proposedOn ?? null, open: 0, contribution: null };
    case 'track':
      return { sortDate: s.lastSession?.on ?? s.openedOn ?? null, open: 0, contribution: null };
    case 'commitment':
      return { sortDate: s.dueDate ?? s.recordedOn ?? null, open: s.status === 'open' ? 1 : 0, contribution: null };
    case 'notification':
      return { sortDate: s.submittedOn ?? null, open: 0, contribution: null };
    case 'assessment':
      return { sortDate: s.adoptedOn, open: 0, contribution: null };
    case 'moratorium':
      return { sortDate: s.from ?? null, open: s.from && !s.to ? 1 : 0, contribution: null };
  }
}

/** The reply deadline an instrument sets for a request, if any. */
export function instrumentDeadline(s: EntityState, ctx: FoldContext): ReplyDeadline | null {
  if (!s.instrumentId) return null;
  const terms = ctx.instrumentTerms(s.instrumentId);
  return terms ? replyDeadlineFor(s.procedure, terms) ?? null : null;
}

function deriveRequest(s: EntityState): Derived {
  const open = s.submittedOn && !s.answer && !s.lapse?.deemedAccepted ? 1 : 0;
  if (!s.submittedOn) return { sortDate: null, open: 0, contribution: null };
  const counters: Counters = { [C.reqSubmitted]: 1 };
  const decided = s.answer || s.lapse;
  if (decided) counters[C.reqDecided] = 1;
  if (s.answer) {
    const days = Math.max(0, daysBetween(s.submittedOn, s.answer.on));
    if (s.instrumentId) {
      // Both delays are kept: the instrument's terms (recorded, corrected or replaced at any time) pick one at query time.
      counters[C.reqAnsweredIn('cal', s.procedure, days, s.instrumentId)] = 1;
      counters[C.reqAnsweredIn('wd', s.procedure, workingDaysTo(s.submittedOn, s.answer.on), s.instrumentId)] = 1;
    } else {
      // No instrument: keep the answer time, the scoring model's default deadline applies at query time.
      counters[C.reqAnsweredAfter(days)] = 1;
    }
  }
  if ((s.travelDocs ?? 0) > 0) counters[C.reqWithTravelDoc] = 1;
  if (s.requestKind === 'readmission') {
    counters[C.rrSubmitted] = 1;
    if (s.answer) counters[s.answer.outcome === 'rejected' ? C.rrRejected : C.rrAccepted] = 1;
    else if (s.lapse) counters[s.lapse.deemedAccepted ? C.rrAccepted : C.rrLapsed] = 1;
  }
  return { sortDate: s.submittedOn, open, contribution: contributionOf(s.submittedOn, counters, s.requestKind === 'readmission' ? 'C' : 'D1') };
}
