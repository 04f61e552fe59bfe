import type { EventData } from '../../contracts/index.js';

/**
 * The decision state of one country stream: everything the lifecycle rules need, plus the
 * instrument terms the read side and scoring use. Entity records are immutable values; the maps are
 * replaced copy-on-write by `evolveCountry` and mutated only by `evolveCountryInPlace`.
 * Dates are ISO calendar dates (YYYY-MM-DD) taken from the events' occurredOn.
 */
export interface CountryState {
  readonly country: string;
  readonly tracks: ReadonlyMap<string, TrackState>;
  readonly commitments: ReadonlyMap<string, CommitmentState>;
  readonly instruments: ReadonlyMap<string, InstrumentState>;
  readonly visaMeasures: ReadonlyMap<string, VisaMeasureState>;
  readonly notifications: ReadonlyMap<string, NotificationState>;
  /** Keyed by `assessmentKey(reportNo, dataPeriod)`. */
  readonly assessments: ReadonlyMap<string, AssessmentState>;
  /** Identification and readmission requests share one id namespace (see requests rules). */
  readonly requests: ReadonlyMap<string, RequestState>;
  readonly operations: ReadonlyMap<string, OperationState>;
  readonly moratoria: ReadonlyMap<string, MoratoriumState>;
}

/** The map-valued keys of CountryState. */
export type EntityMapKey = Exclude<keyof CountryState, 'country'>;

export interface TrackState {
  readonly trackId: string;
  readonly title: string;
  readonly level: EventData<'DialogueTrackOpened'>['level'];
  readonly format: EventData<'DialogueTrackOpened'>['format'];
  readonly openedOn: string;
  readonly sessionsHeld: number;
  readonly lastSessionOn: string | undefined;
}

export type CommitmentStatus = 'open' | 'fulfilled' | 'lapsed';
export interface CommitmentState {
  readonly commitmentId: string;
  readonly trackId: string;
  readonly owner: EventData<'DialogueCommitmentRecorded'>['owner'];
  readonly recordedOn: string;
  readonly dueDate: string | undefined;
  readonly status: CommitmentStatus;
  readonly assessedOn: string | undefined;
}

export type InstrumentStatus = 'Negotiating' | 'Agreed' | 'Adopted' | 'InForce' | 'Suspended' | 'Terminated' | 'Superseded';
export type InstrumentTerms = Omit<EventData<'InstrumentTermsRecorded'>, 'instrumentId'> & { readonly recordedOn: string };
export interface InstrumentSuspension {
  readonly declaredBy: EventData<'InstrumentSuspensionDeclared'>['declaredBy'];
  readonly declaredOn: string;
  readonly effect: EventData<'InstrumentSuspensionDeclared'>['effect'];
}
export interface InstrumentState {
  readonly instrumentId: string;
  readonly title: string;
  readonly kind: EventData<'InstrumentNegotiationOpened'>['kind'];
  readonly level: EventData<'InstrumentNegotiationOpened'>['level'];
  readonly legallyBinding: boolean;
  readonly status: InstrumentStatus;
  readonly openedOn: string;
  readonly agreedOn: string | undefined;
  readonly adoptedOn: string | undefined;
  /** Date the provisions applied (entry into force). */
  readonly inForceFrom: string | undefined;
  readonly provisions: readonly string[];
  /**
   * The current suspension, if any. `effect: 'declared-only'` keeps the status InForce (the partner
   * said so, practice has not changed: Turkey, July 2019); 'observed-in-practice' means Suspended.
   */
  readonly suspension: InstrumentSuspension | undefined;
  /** Latest recorded terms (reply deadlines, EU travel document, silence means consent). */
  readonly terms: InstrumentTerms | undefined;
  readonly reviewMeetings: number;
  readonly endedOn: string | undefined;
  readonly supersededBy: string | undefined;
}

export type VisaMeasureStatus = 'Proposed' | 'Adopted' | 'InForce' | 'Withdrawn' | 'Repealed' | 'Expired';
export type LegalBasis = EventData<'VisaMeasureProposed'>['legalBasis'];
export type VisaProvision = EventData<'VisaMeasureProposed'>['provisions'][number];
export interface VisaMeasureState {
  readonly measureId: string;
  readonly legalBasis: LegalBasis;
  /** 25a(8) measures are positive (facilitations, at most 12 months); 25a(5) measures are negative. */
  readonly positive: boolean;
  readonly provisions: readonly VisaProvision[];
  readonly fee: EventData<'VisaMeasureProposed'>['fee'];
  readonly scope: EventData<'VisaMeasureProposed'>['scope'];
  readonly proposalRef: string;
  readonly status: VisaMeasureStatus;
  readonly proposedOn: string;
  readonly adoptedOn: string | undefined;
  readonly councilActRef: string | undefined;
  readonly applicableFrom: string | undefined;
  /** Current end of a positive measure (after renewals); always undefined for negative measures. */
  readonly plannedEnd: string | undefined;
  readonly endedOn: string | undefined;
  readonly progressReports: number;
  readonly amendments: number;
  readonly renewals: number;
}

export interface NotificationState {
  readonly notificationId: string;
  readonly notifyingState: string;
  readonly indicatorsCited: readonly string[];
  readonly submittedOn: string;
  readonly finding: EventData<'NotificationExaminationConcluded'>['finding'] | undefined;
  readonly concludedOn: string | undefined;
}

export interface AssessmentState {
  readonly reportNo: number;
  readonly dataPeriod: string;
  readonly finding: EventData<'CommissionAssessmentReported'>['finding'];
  readonly documentRef: string;
  readonly reportedOn: string;
}

export type RequestKind = 'identification' | 'readmission';
/**
 * open: submitted, unanswered, deadline not lapsed; overdue: deadline lapsed without deemed consent
 * (may still be answered, late); answered: answered (see outcome); deemed-accepted: deadline lapsed
 * and silence counts as consent (counts as accepted).
 */
export type RequestStatus = 'open' | 'overdue' | 'answered' | 'deemed-accepted';
export type RequestOutcome =
  | EventData<'IdentificationRequestAnswered'>['outcome']
  | EventData<'ReadmissionRequestAnswered'>['outcome'];
export interface RequestState {
  readonly requestId: string;
  readonly kind: RequestKind;
  readonly requestingState: string;
  readonly submittedOn: string;
  readonly instrumentId: string | undefined;
  /** Readmission requests only. */
  readonly procedure: EventData<'ReadmissionRequestSubmitted'>['procedure'] | undefined;
  readonly personCategory: EventData<'ReadmissionRequestSubmitted'>['personCategory'] | undefined;
  /** Identification requests only. */
  readonly channel: EventData<'IdentificationRequestSubmitted'>['channel'] | undefined;
  readonly status: RequestStatus;
  readonly outcome: RequestOutcome | undefined;
  readonly answeredOn: string | undefined;
  /** Answered after the deadline had lapsed. */
  readonly late: boolean;
  readonly lapse: { readonly deadline: string; readonly lapsedOn: string; readonly deemedAccepted: boolean } | undefined;
  readonly consularPresentations: number;
  readonly travelDocumentsIssued: number;
  readonly euTravelDocumentsPresented: number;
  readonly euTravelDocumentsAccepted: number;
  readonly transfer: { readonly on: string; readonly admitted: boolean } | undefined;
}

export type OperationStatus = 'Planned' | 'AwaitingPermit' | 'Confirmed' | 'Executed' | 'Cancelled';
export type CancellationCause = EventData<'ReturnOperationCancelled'>['cause'];
export interface OperationState {
  readonly operationId: string;
  readonly mode: EventData<'ReturnOperationPlanned'>['mode'];
  readonly plannedOn: string;
  readonly plannedDate: string;
  readonly plannedReturnees: number;
  readonly status: OperationStatus;
  readonly executed: { readonly on: string; readonly returnees: number; readonly forced: number; readonly voluntary: number } | undefined;
  readonly cancelled: { readonly on: string; readonly cause: CancellationCause; readonly partnerAttributable: boolean } | undefined;
  readonly euTravelDocumentsPresented: number;
  readonly euTravelDocumentsAccepted: number;
}

export interface MoratoriumState {
  readonly moratoriumId: string;
  readonly scope: EventData<'PartnerMoratoriumDeclared'>['scope'];
  readonly declaredOn: string;
  readonly liftedOn: string | undefined;
  readonly active: boolean;
}

export function initialCountryState(country: string): CountryState {
  return {
    country,
    tracks: new Map(),
    commitments: new Map(),
    instruments: new Map(),
    visaMeasures: new Map(),
    notifications: new Map(),
    assessments: new Map(),
    requests: new Map(),
    operations: new Map(),
    moratoria: new Map(),
  };
}

/** The entity maps of a state, in declaration order. */
export const ENTITY_MAP_KEYS: readonly EntityMapKey[] = Object.keys(initialCountryState('')).filter((k): k is EntityMapKey => k !== 'country');

/** A copy whose maps are its own (the records are immutable and shared): both may be evolved in place apart. */
export function copyCountryState(state: CountryState): CountryState {
  const copy = { country: state.country } as Record<string, unknown>;
  for (const k of ENTITY_MAP_KEYS) copy[k] = new Map<string, unknown>(state[k]);
  return copy as unknown as CountryState;
}

export function assessmentKey(reportNo: number, dataPeriod: string): string {
  return `${reportNo}|${dataPeriod}`;
}

/** Causes of cancellation that count against the partner (indicator D4). */
export const PARTNER_ATTRIBUTABLE_CAUSES: ReadonlySet<CancellationCause> = new Set<CancellationCause>([
  'partner-refusal',
  'no-landing-permit',
  'partner-moratorium',
]);

/** A request counts as accepted: identified as national, accepted (fully or partly), or deemed accepted. */
export function requestIsAccepted(r: RequestState): boolean {
  if (r.status === 'deemed-accepted') return true;
  if (r.status !== 'answered') return false;
  return r.outcome === 'identified-national' || r.outcome === 'accepted' || r.outcome === 'partially-accepted';
}

/** No answer yet (open or overdue). */
export function requestIsUnanswered(r: RequestState): boolean {
  return r.status === 'open' || r.status === 'overdue';
}
