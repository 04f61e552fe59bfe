import { dataOf } from '../fact.js';
import { assessmentKey, type VisaMeasureState } from '../state.js';
import type { Draft } from './draft.js';
import type { EvolverTable } from './evolver.js';

function update(draft: Draft, measureId: string, change: (m: VisaMeasureState) => Partial<VisaMeasureState>): void {
  const m = draft.state.visaMeasures.get(measureId);
  if (m) draft.set('visaMeasures', measureId, { ...m, ...change(m) });
}

export const visaMeasureEvolvers: EvolverTable = {
  MemberStateNotificationSubmitted(draft, fact) {
    const d = dataOf(fact, 'MemberStateNotificationSubmitted');
    draft.set('notifications', d.notificationId, {
      notificationId: d.notificationId,
      notifyingState: d.notifyingState,
      indicatorsCited: [...d.indicatorsCited],
      submittedOn: fact.occurredOn,
      finding: undefined,
      concludedOn: undefined,
    });
  },
  NotificationExaminationConcluded(draft, fact) {
    const d = dataOf(fact, 'NotificationExaminationConcluded');
    const n = draft.state.notifications.get(d.notificationId);
    if (n) draft.set('notifications', d.notificationId, { ...n, finding: d.finding, concludedOn: fact.occurredOn });
  },
  CommissionAssessmentReported(draft, fact) {
    const d = dataOf(fact, 'CommissionAssessmentReported');
    draft.set('assessments', assessmentKey(d.reportNo, d.dataPeriod), {
      reportNo: d.reportNo,
      dataPeriod: d.dataPeriod,
      finding: d.finding,
      documentRef: d.documentRef,
      reportedOn: fact.occurredOn,
    });
  },
  VisaMeasureProposed(draft, fact) {
    const d = dataOf(fact, 'VisaMeasureProposed');
    draft.set('visaMeasures', d.measureId, {
      measureId: d.measureId,
      legalBasis: d.legalBasis,
      positive: d.legalBasis === '25a(8)',
      provisions: [...d.provisions],
      fee: d.fee,
      scope: d.scope,
      proposalRef: d.proposalRef,
      status: 'Proposed',
      proposedOn: fact.occurredOn,
      adoptedOn: undefined,
      councilActRef: undefined,
      applicableFrom: undefined,
      plannedEnd: undefined,
      endedOn: undefined,
      progressReports: 0,
      amendments: 0,
      renewals: 0,
    });
  },
  VisaMeasureAdopted(draft, fact) {
    const d = dataOf(fact, 'VisaMeasureAdopted');
    update(draft, d.measureId, () => ({ status: 'Adopted', adoptedOn: fact.occurredOn, councilActRef: d.councilActRef }));
  },
  VisaMeasureProposalWithdrawn(draft, fact) {
    update(draft, dataOf(fact, 'VisaMeasureProposalWithdrawn').measureId, () => ({ status: 'Withdrawn', endedOn: fact.occurredOn }));
  },
  VisaMeasureApplicable(draft, fact) {
    const d = dataOf(fact, 'VisaMeasureApplicable');
    update(draft, d.measureId, () => ({ status: 'InForce', applicableFrom: d.applicableFrom, plannedEnd: d.plannedEnd }));
  },
  VisaMeasureAmended(draft, fact) {
    const d = dataOf(fact, 'VisaMeasureAmended');
    update(draft, d.measureId, (m) => ({ provisions: [...d.newProvisions], amendments: m.amendments + 1 }));
  },
  VisaMeasureProgressReported(draft, fact) {
    update(draft, dataOf(fact, 'VisaMeasureProgressReported').measureId, (m) => ({ progressReports: m.progressReports + 1 }));
  },
  VisaMeasureRenewed(draft, fact) {
    const d = dataOf(fact, 'VisaMeasureRenewed');
    update(draft, d.measureId, (m) => ({ plannedEnd: d.newEnd, renewals: m.renewals + 1 }));
  },
  VisaMeasureRepealed(draft, fact) {
    update(draft, dataOf(fact, 'VisaMeasureRepealed').measureId, () => ({ status: 'Repealed', endedOn: fact.occurredOn }));
  },
  VisaMeasureExpired(draft, fact) {
    update(draft, dataOf(fact, 'VisaMeasureExpired').measureId, () => ({ status: 'Expired', endedOn: fact.occurredOn }));
  },
};
