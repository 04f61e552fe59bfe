import { dataOf } from '../fact.js';
import type { NewFact } from '../fact.js';
import { refuse } from '../refuse.js';
import { addDeadline, replyDeadlineFor } from '../deadlines.js';
import { requestIsAccepted, requestIsUnanswered, type CountryState, type InstrumentTerms, type RequestKind, type RequestState } from '../state.js';
import { requireOperation } from './return-operations.js';
import type { RuleTable } from './rule.js';

/*
 * Identification and readmission requests share ONE id namespace per country: the follow-up facts
 * (deadline lapsed, travel document issued, EU travel document presented) name only a requestId, so
 * two requests with the same id would be ambiguous.
 */

function describe(r: RequestState): string {
  switch (r.status) {
    case 'open':
      return 'open (unanswered)';
    case 'overdue':
      return `overdue (deadline ${r.lapse?.deadline} lapsed on ${r.lapse?.lapsedOn})`;
    case 'deemed-accepted':
      return `deemed accepted (deadline ${r.lapse?.deadline} lapsed on ${r.lapse?.lapsedOn})`;
    case 'answered':
      return `answered ${r.outcome} on ${r.answeredOn}`;
  }
}

function label(r: RequestState): string {
  return `${r.kind === 'identification' ? 'Identification' : 'Readmission'} request ${r.requestId}`;
}

/** The same mid-sentence: only the kind is lower-cased, never the id (ids are case-sensitive). */
function labelInSentence(r: RequestState): string {
  return `${r.kind} request ${r.requestId}`;
}

function requireRequest(state: CountryState, requestId: string, kind?: RequestKind): RequestState {
  const r = state.requests.get(requestId);
  if (!r) refuse('REQUEST_UNKNOWN', `Request ${requestId} is not recorded for ${state.country}; record its submission first`);
  if (kind !== undefined && r.kind !== kind) {
    refuse('REQUEST_KIND_MISMATCH', `Request ${requestId} is a${r.kind === 'identification' ? 'n identification' : ' readmission'} request, not a${kind === 'identification' ? 'n identification' : ' readmission'} request`);
  }
  return r;
}

/** Nothing happens to a request before it was submitted. */
function requireNotBeforeSubmission(r: RequestState, fact: NewFact, what: string): void {
  if (fact.occurredOn < r.submittedOn) {
    refuse('FACT_PREDATES_ENTITY', `${label(r)} was submitted on ${r.submittedOn}; ${what} cannot be dated ${fact.occurredOn}`);
  }
}

function checkSubmission(state: CountryState, requestId: string, instrumentId: string | undefined): void {
  const existing = state.requests.get(requestId);
  if (existing) refuse('REQUEST_EXISTS', `${label(existing)} is already recorded (submitted ${existing.submittedOn}, ${describe(existing)}); choose another id`);
  if (instrumentId !== undefined && !state.instruments.has(instrumentId)) {
    refuse('INSTRUMENT_UNKNOWN', `Instrument ${instrumentId}, named by request ${requestId}, is not recorded for ${state.country}`);
  }
}

function checkAnswer(state: CountryState, fact: NewFact, requestId: string, kind: RequestKind): void {
  const r = requireRequest(state, requestId, kind);
  // An overdue request (deadline lapsed, no deemed consent) may still be answered, flagged late.
  if (!requestIsUnanswered(r)) {
    refuse('REQUEST_ALREADY_ANSWERED', `${label(r)} is ${describe(r)}; it can be answered only once`);
  }
  requireNotBeforeSubmission(r, fact, 'its answer');
}

/**
 * The terms of the request's instrument as they stood when it was submitted, if known: terms recorded
 * later may have changed the deadline, so they are no ground for refusing a lapse.
 */
function termsAtSubmission(state: CountryState, r: RequestState): InstrumentTerms | undefined {
  const terms = r.instrumentId === undefined ? undefined : state.instruments.get(r.instrumentId)?.terms;
  return terms && terms.recordedOn <= r.submittedOn ? terms : undefined;
}

/**
 * A lapse must fit the instrument's terms: the deadline is not earlier than its reply deadline
 * (later is possible: public holidays are not modelled) and silence counts as consent only where
 * the terms say so. Without an instrument or known terms there is nothing to check against.
 */
function checkLapseAgainstTerms(state: CountryState, r: RequestState, deadline: string, deemedAccepted: boolean): void {
  const terms = termsAtSubmission(state, r);
  if (!terms) return;
  const dl = replyDeadlineFor(r.procedure, terms);
  if (dl) {
    const earliest = addDeadline(r.submittedOn, dl.days, dl.dayKind);
    if (deadline < earliest) {
      const procedure = r.procedure === 'accelerated' ? ' in the accelerated procedure' : '';
      refuse('REQUEST_DEADLINE_INVALID', `Instrument ${r.instrumentId} gives ${dl.days} ${dl.dayKind} days to reply${procedure}: the deadline of ${labelInSentence(r)}, submitted on ${r.submittedOn}, is ${earliest} at the earliest, not ${deadline}`);
    }
  }
  if (deemedAccepted && !terms.silenceMeansConsent) {
    refuse('REQUEST_CONSENT_NOT_IN_TERMS', `The terms of instrument ${r.instrumentId} (recorded on ${terms.recordedOn}) do not treat silence as consent; record the lapse of ${labelInSentence(r)} with deemedAccepted: false`);
  }
}

export const requestRules: RuleTable = {
  IdentificationRequestSubmitted(state, fact) {
    const d = dataOf(fact, 'IdentificationRequestSubmitted');
    checkSubmission(state, d.requestId, d.instrumentId);
  },
  ReadmissionRequestSubmitted(state, fact) {
    const d = dataOf(fact, 'ReadmissionRequestSubmitted');
    checkSubmission(state, d.requestId, d.instrumentId);
  },
  IdentificationRequestAnswered(state, fact) {
    checkAnswer(state, fact, dataOf(fact, 'IdentificationRequestAnswered').requestId, 'identification');
  },
  ReadmissionRequestAnswered(state, fact) {
    checkAnswer(state, fact, dataOf(fact, 'ReadmissionRequestAnswered').requestId, 'readmission');
  },
  ConsularPresentationHeld(state, fact) {
    const r = requireRequest(state, dataOf(fact, 'ConsularPresentationHeld').requestId, 'identification');
    if (!requestIsUnanswered(r)) refuse('REQUEST_NOT_OPEN', `${label(r)} is ${describe(r)}; consular presentations are held for open requests`);
    requireNotBeforeSubmission(r, fact, 'a consular presentation');
  },
  RequestDeadlineLapsed(state, fact) {
    const { requestId, deadline, deemedAccepted } = dataOf(fact, 'RequestDeadlineLapsed');
    const r = requireRequest(state, requestId);
    if (r.status !== 'open') refuse('REQUEST_NOT_OPEN', `${label(r)} is ${describe(r)}; a deadline can lapse only while the request is open and unanswered`);
    if (deadline < r.submittedOn) {
      refuse('REQUEST_DEADLINE_INVALID', `${label(r)} was submitted on ${r.submittedOn}; its deadline ${deadline} cannot be earlier`);
    }
    if (fact.occurredOn < deadline) {
      refuse('REQUEST_DEADLINE_INVALID', `The deadline of ${labelInSentence(r)} is ${deadline}; it cannot have lapsed on ${fact.occurredOn}`);
    }
    checkLapseAgainstTerms(state, r, deadline, deemedAccepted);
  },
  TravelDocumentIssued(state, fact) {
    const r = requireRequest(state, dataOf(fact, 'TravelDocumentIssued').requestId);
    if (!requestIsAccepted(r)) {
      const needs = r.kind === 'identification' ? 'answered identified-national' : 'accepted, partially accepted or deemed accepted';
      refuse('REQUEST_NOT_ACCEPTED', `${label(r)} is ${describe(r)}; a travel document is issued only for a request ${needs}`);
    }
    requireNotBeforeSubmission(r, fact, 'a travel document');
  },
  ReadmissionTransferRecorded(state, fact) {
    const r = requireRequest(state, dataOf(fact, 'ReadmissionTransferRecorded').requestId, 'readmission');
    if (!requestIsAccepted(r)) refuse('REQUEST_NOT_ACCEPTED', `${label(r)} is ${describe(r)}; a transfer is recorded only for an accepted request`);
    if (r.transfer) refuse('REQUEST_TRANSFER_RECORDED', `${label(r)} already has its transfer recorded on ${r.transfer.on}`);
    requireNotBeforeSubmission(r, fact, 'the transfer');
  },
  EUTravelDocumentPresented(state, fact) {
    const { requestId, operationId } = dataOf(fact, 'EUTravelDocumentPresented');
    if (requestId !== undefined) {
      const r = requireRequest(state, requestId);
      requireNotBeforeSubmission(r, fact, 'the EU travel document');
    }
    if (operationId !== undefined) requireOperation(state, fact, operationId);
  },
};
