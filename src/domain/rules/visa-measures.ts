import { addMonths } from '../dates.js';
import { dataOf } from '../fact.js';
import { refuse } from '../refuse.js';
import { assessmentKey, type CountryState, type LegalBasis, type VisaMeasureState, type VisaMeasureStatus, type VisaProvision } from '../state.js';
import type { NewFact } from '../fact.js';
import { requireNotBefore } from './dates.js';
import { requirePeriodStarted } from './periods.js';
import type { RuleTable } from './rule.js';

/** Art. 25a(8): positive measures last at most 12 months per period. */
export const POSITIVE_MEASURE_MAX_MONTHS = 12;

/*
 * Provisions by legal basis (kept deliberately simple; the Visa Code provision list does not say
 * whether a measure tightens or relaxes a rule):
 * - negative measures (25a(5)(a) and (b)) may not concern the lower fee ('16(2a)-lower');
 * - the higher fee ('16(2a)-higher') is the 25a(5)(b) escalation, so a 25a(5)(a) measure may not
 *   include it, and a 25a(5)(b) measure must include it and state the fee;
 * - positive measures (25a(8)) may not concern what only negative measures do: suspending the
 *   waivers of 14(6) and 16(5)(b), or the higher fee.
 */
const NOT_FOR_POSITIVE: readonly VisaProvision[] = ['14(6)', '16(5)(b)', '16(2a)-higher'];

function checkProvisions(measureId: string, legalBasis: LegalBasis, provisions: readonly VisaProvision[]): void {
  const bad = (list: readonly VisaProvision[]) => provisions.filter((p) => list.includes(p));
  if (legalBasis === '25a(8)') {
    const wrong = bad(NOT_FOR_POSITIVE);
    if (wrong.length > 0) {
      refuse('VISA_MEASURE_PROVISIONS_INVALID', `Visa measure ${measureId} is a positive 25a(8) measure; it cannot concern ${wrong.join(', ')} (restrictions belong to 25a(5) measures)`);
    }
    return;
  }
  const wrong = bad(legalBasis === '25a(5)(a)' ? ['16(2a)-lower', '16(2a)-higher'] : ['16(2a)-lower']);
  if (wrong.length > 0) {
    const hint = wrong.includes('16(2a)-higher') ? ' (the higher fee is a 25a(5)(b) measure)' : '';
    refuse('VISA_MEASURE_PROVISIONS_INVALID', `Visa measure ${measureId} is a ${legalBasis} measure; it cannot concern ${wrong.join(', ')}${hint}`);
  }
}

/** The measure a follow-up fact is about: recorded, and proposed no later than the fact. */
function requireMeasure(state: CountryState, fact: NewFact, measureId: string): VisaMeasureState {
  const m = state.visaMeasures.get(measureId);
  if (!m) refuse('VISA_MEASURE_UNKNOWN', `Visa measure ${measureId} is not recorded for ${state.country}; record VisaMeasureProposed first`);
  requireNotBefore(fact, m.proposedOn, `Visa measure ${measureId} was proposed`);
  return m;
}

function requireStatus(m: VisaMeasureState, allowed: readonly VisaMeasureStatus[], needs: string): void {
  if (!allowed.includes(m.status)) refuse('VISA_MEASURE_STATE_CONFLICT', `Visa measure ${m.measureId} is ${m.status}; ${needs}`);
}

function requirePositive(m: VisaMeasureState, what: string): void {
  if (!m.positive) {
    refuse('VISA_MEASURE_NOT_POSITIVE', `Visa measure ${m.measureId} is a ${m.legalBasis} measure without an end date; only positive 25a(8) measures ${what}`);
  }
}

export const visaMeasureRules: RuleTable = {
  MemberStateNotificationSubmitted(state, fact) {
    const { notificationId } = dataOf(fact, 'MemberStateNotificationSubmitted');
    const n = state.notifications.get(notificationId);
    if (n) refuse('NOTIFICATION_EXISTS', `Notification ${notificationId} is already recorded (submitted by ${n.notifyingState} on ${n.submittedOn})`);
  },
  NotificationExaminationConcluded(state, fact) {
    const { notificationId } = dataOf(fact, 'NotificationExaminationConcluded');
    const n = state.notifications.get(notificationId);
    if (!n) refuse('NOTIFICATION_UNKNOWN', `Notification ${notificationId} is not recorded for ${state.country}; record MemberStateNotificationSubmitted first`);
    if (n.concludedOn !== undefined) {
      refuse('NOTIFICATION_ALREADY_CONCLUDED', `The examination of notification ${notificationId} was already concluded on ${n.concludedOn} (${n.finding})`);
    }
    requireNotBefore(fact, n.submittedOn, `Notification ${notificationId} was submitted`);
  },
  CommissionAssessmentReported(state, fact) {
    const { reportNo, dataPeriod } = dataOf(fact, 'CommissionAssessmentReported');
    const existing = state.assessments.get(assessmentKey(reportNo, dataPeriod));
    if (existing) {
      refuse('ASSESSMENT_ALREADY_REPORTED', `Commission assessment no. ${reportNo} for ${dataPeriod} is already recorded (${existing.finding}, ${existing.documentRef}); correct that entry instead`);
    }
    requirePeriodStarted(dataPeriod, fact.occurredOn, 'A Commission assessment');
  },
  VisaMeasureProposed(state, fact) {
    const d = dataOf(fact, 'VisaMeasureProposed');
    const existing = state.visaMeasures.get(d.measureId);
    if (existing) refuse('VISA_MEASURE_EXISTS', `Visa measure ${d.measureId} is already recorded (now ${existing.status}); choose another id`);
    checkProvisions(d.measureId, d.legalBasis, d.provisions);
    if (d.legalBasis === '25a(5)(b)') {
      if (!d.provisions.includes('16(2a)-higher') || d.fee === undefined) {
        refuse('VISA_MEASURE_PROVISIONS_INVALID', `Visa measure ${d.measureId} is a 25a(5)(b) measure: it must include provision 16(2a)-higher and state the higher fee`);
      }
      const inForce5a = [...state.visaMeasures.values()].some((m) => m.legalBasis === '25a(5)(a)' && m.status === 'InForce');
      if (!inForce5a) {
        refuse('VISA_MEASURE_ESCALATION_REQUIRED', `Visa measure ${d.measureId} (25a(5)(b), higher visa fee) needs a 25a(5)(a) measure in force for ${state.country}; none is`);
      }
    }
  },
  VisaMeasureAdopted(state, fact) {
    const m = requireMeasure(state, fact, dataOf(fact, 'VisaMeasureAdopted').measureId);
    requireStatus(m, ['Proposed'], 'only a proposed measure can be adopted');
  },
  VisaMeasureProposalWithdrawn(state, fact) {
    const m = requireMeasure(state, fact, dataOf(fact, 'VisaMeasureProposalWithdrawn').measureId);
    requireStatus(m, ['Proposed'], 'only a pending proposal can be withdrawn (repeal an adopted measure instead)');
  },
  VisaMeasureApplicable(state, fact) {
    const { measureId, applicableFrom, plannedEnd } = dataOf(fact, 'VisaMeasureApplicable');
    const m = requireMeasure(state, fact, measureId);
    requireStatus(m, ['Adopted'], 'it must be Adopted before it can apply');
    if (!m.positive) {
      if (plannedEnd !== undefined) {
        refuse('VISA_MEASURE_PERIOD_INVALID', `Visa measure ${measureId} is a negative ${m.legalBasis} measure; it has no planned end (it ends by repeal), so leave plannedEnd out`);
      }
      return;
    }
    if (plannedEnd === undefined) {
      refuse('VISA_MEASURE_PERIOD_INVALID', `Visa measure ${measureId} is a positive 25a(8) measure; give its plannedEnd (at most ${POSITIVE_MEASURE_MAX_MONTHS} months after ${applicableFrom})`);
    }
    const latest = addMonths(applicableFrom, POSITIVE_MEASURE_MAX_MONTHS);
    if (plannedEnd <= applicableFrom || plannedEnd > latest) {
      refuse('VISA_MEASURE_PERIOD_INVALID', `Visa measure ${measureId} applies from ${applicableFrom}; its plannedEnd ${plannedEnd} must be after that and no later than ${latest} (12 months)`);
    }
  },
  VisaMeasureAmended(state, fact) {
    const { measureId, newProvisions } = dataOf(fact, 'VisaMeasureAmended');
    const m = requireMeasure(state, fact, measureId);
    requireStatus(m, ['InForce'], 'only a measure in force can be amended');
    checkProvisions(measureId, m.legalBasis, newProvisions);
  },
  VisaMeasureProgressReported(state, fact) {
    const m = requireMeasure(state, fact, dataOf(fact, 'VisaMeasureProgressReported').measureId);
    requireStatus(m, ['InForce'], 'progress is reported on a measure in force');
  },
  VisaMeasureRenewed(state, fact) {
    const { measureId, newEnd } = dataOf(fact, 'VisaMeasureRenewed');
    const m = requireMeasure(state, fact, measureId);
    requirePositive(m, 'can be renewed');
    requireStatus(m, ['InForce'], 'only a measure in force can be renewed');
    const end = m.plannedEnd as string;
    const latest = addMonths(end, POSITIVE_MEASURE_MAX_MONTHS);
    if (newEnd <= end || newEnd > latest) {
      refuse('VISA_MEASURE_PERIOD_INVALID', `Visa measure ${measureId} now ends on ${end}; the renewed end ${newEnd} must be after that and no later than ${latest} (12 months)`);
    }
  },
  VisaMeasureRepealed(state, fact) {
    const m = requireMeasure(state, fact, dataOf(fact, 'VisaMeasureRepealed').measureId);
    requireStatus(m, ['Adopted', 'InForce'], 'only an adopted measure or one in force can be repealed');
  },
  VisaMeasureExpired(state, fact) {
    const m = requireMeasure(state, fact, dataOf(fact, 'VisaMeasureExpired').measureId);
    requirePositive(m, 'expire');
    requireStatus(m, ['InForce'], 'only a measure in force can expire');
    const end = m.plannedEnd as string;
    if (fact.occurredOn < end) {
      refuse('VISA_MEASURE_PERIOD_INVALID', `Visa measure ${m.measureId} runs until ${end}; it cannot expire on ${fact.occurredOn}`);
    }
  },
};
