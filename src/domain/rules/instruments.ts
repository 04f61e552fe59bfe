import { dataOf } from '../fact.js';
import { refuse } from '../refuse.js';
import type { CountryState, InstrumentState, InstrumentStatus } from '../state.js';
import type { NewFact } from '../fact.js';
import { requireNotBefore } from './dates.js';
import type { RuleTable } from './rule.js';

/** The instrument a follow-up fact is about: recorded, and its negotiation opened no later than the fact. */
function requireInstrument(state: CountryState, fact: NewFact, instrumentId: string): InstrumentState {
  const inst = state.instruments.get(instrumentId);
  if (!inst) refuse('INSTRUMENT_UNKNOWN', `Instrument ${instrumentId} is not recorded for ${state.country}; record InstrumentNegotiationOpened first`);
  requireNotBefore(fact, inst.openedOn, `The negotiation of instrument ${instrumentId} was opened`);
  return inst;
}

/** "Instrument X is Negotiating; it must be Agreed before it can be adopted". */
function requireStatus(inst: InstrumentState, allowed: readonly InstrumentStatus[], needs: string): void {
  if (!allowed.includes(inst.status)) {
    refuse('INSTRUMENT_STATE_CONFLICT', `Instrument ${inst.instrumentId} is ${inst.status}; ${needs}`);
  }
}

const ENDED: readonly InstrumentStatus[] = ['Terminated', 'Superseded'];

export const instrumentRules: RuleTable = {
  InstrumentNegotiationOpened(state, fact) {
    const { instrumentId } = dataOf(fact, 'InstrumentNegotiationOpened');
    const existing = state.instruments.get(instrumentId);
    if (existing) refuse('INSTRUMENT_EXISTS', `Instrument ${instrumentId} is already recorded (now ${existing.status}); choose another id`);
  },
  InstrumentAgreed(state, fact) {
    const inst = requireInstrument(state, fact, dataOf(fact, 'InstrumentAgreed').instrumentId);
    requireStatus(inst, ['Negotiating'], 'only an instrument under negotiation can be agreed');
  },
  InstrumentAdopted(state, fact) {
    const inst = requireInstrument(state, fact, dataOf(fact, 'InstrumentAdopted').instrumentId);
    requireStatus(inst, ['Agreed'], 'it must be Agreed before it can be adopted');
  },
  InstrumentProvisionsApplicable(state, fact) {
    const inst = requireInstrument(state, fact, dataOf(fact, 'InstrumentProvisionsApplicable').instrumentId);
    // Non-binding arrangements (e.g. the 2018 EU-Ethiopia admission procedures) apply once agreed.
    const allowed: InstrumentStatus[] = inst.legallyBinding ? ['Adopted'] : ['Adopted', 'Agreed'];
    requireStatus(
      inst,
      allowed,
      inst.legallyBinding
        ? 'it must be Adopted before its provisions can apply (it is legally binding)'
        : 'it must be Adopted (or Agreed, if not legally binding) before its provisions can apply',
    );
  },
  InstrumentTermsRecorded(state, fact) {
    const inst = requireInstrument(state, fact, dataOf(fact, 'InstrumentTermsRecorded').instrumentId);
    if (ENDED.includes(inst.status)) {
      refuse('INSTRUMENT_STATE_CONFLICT', `Instrument ${inst.instrumentId} is ${inst.status} since ${inst.endedOn}; terms cannot be recorded for an ended instrument`);
    }
  },
  InstrumentReviewMeetingHeld(state, fact) {
    const inst = requireInstrument(state, fact, dataOf(fact, 'InstrumentReviewMeetingHeld').instrumentId);
    requireStatus(inst, ['Adopted', 'InForce', 'Suspended'], 'review meetings are held for an Adopted, InForce or Suspended instrument');
  },
  InstrumentSuspensionDeclared(state, fact) {
    const inst = requireInstrument(state, fact, dataOf(fact, 'InstrumentSuspensionDeclared').instrumentId);
    requireStatus(inst, ['InForce'], 'only an instrument in force can be suspended');
  },
  InstrumentResumed(state, fact) {
    const inst = requireInstrument(state, fact, dataOf(fact, 'InstrumentResumed').instrumentId);
    const declaredOnly = inst.status === 'InForce' && inst.suspension?.effect === 'declared-only';
    if (inst.status !== 'Suspended' && !declaredOnly) {
      refuse(
        'INSTRUMENT_STATE_CONFLICT',
        `Instrument ${inst.instrumentId} is ${inst.status} without a declared suspension; only a suspended instrument (or one with a declared suspension) can resume`,
      );
    }
  },
  InstrumentTerminated(state, fact) {
    const inst = requireInstrument(state, fact, dataOf(fact, 'InstrumentTerminated').instrumentId);
    requireStatus(inst, ['InForce', 'Suspended'], 'only an instrument in force or suspended can be terminated');
  },
  InstrumentSuperseded(state, fact) {
    const { instrumentId, byInstrumentId } = dataOf(fact, 'InstrumentSuperseded');
    const inst = requireInstrument(state, fact, instrumentId);
    requireStatus(inst, ['InForce'], 'only an instrument in force can be superseded');
    if (byInstrumentId === instrumentId) {
      refuse('INSTRUMENT_SUPERSEDED_BY_ITSELF', `Instrument ${instrumentId} cannot be superseded by itself; name the instrument that replaces it`);
    }
    if (!state.instruments.has(byInstrumentId)) {
      refuse('INSTRUMENT_UNKNOWN', `Instrument ${byInstrumentId}, named as replacing ${instrumentId}, is not recorded for ${state.country}; record it first`);
    }
  },
};
