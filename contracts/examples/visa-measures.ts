import type { FactExample } from './define.js';
import { etDecision, etProposal, illustrative, soProposal } from './provenance.js';

const NEGATIVE = ['14(6)', '16(5)(b)', '23(1)', '24(2)', '24(2c)'] as const;

/** Article 25a: Ethiopia's 2024 measure, Somalia's 2024 proposal; notifications and positive measures are illustrative. */
export const visaMeasureExamples: FactExample[] = [
  {
    key: 'MemberStateNotificationSubmitted',
    country: 'DZ',
    summary: 'Algeria: a Member State notifies persistent problems (illustrative)',
    value: {
      type: 'MemberStateNotificationSubmitted',
      occurredOn: '2022-05-10',
      data: {
        notificationId: 'DZ-NOTIF-NL-2022',
        notifyingState: 'NL',
        indicatorsCited: ['d-i', 'd-iii'],
        summary: 'More than 250 laissez-passer requests since the start of the pandemic, none granted.',
      },
      provenance: illustrative,
    },
  },
  {
    key: 'NotificationExaminationConcluded',
    country: 'DZ',
    summary: 'Algeria: the Commission concludes its examination (illustrative)',
    value: {
      type: 'NotificationExaminationConcluded',
      occurredOn: '2022-06-09',
      data: { notificationId: 'DZ-NOTIF-NL-2022', finding: 'substantial-persistent-problems' },
      provenance: illustrative,
    },
  },
  {
    key: 'CommissionAssessmentReported',
    country: 'SO',
    summary: "Somalia: the Commission's fifth assessment (2023 data) finds insufficient cooperation",
    value: {
      type: 'CommissionAssessmentReported',
      occurredOn: '2024-07-23',
      data: { reportNo: 5, dataPeriod: '2023', finding: 'insufficient', documentRef: 'COM(2024) 324 final/2' },
      provenance: soProposal,
    },
  },
  {
    key: 'VisaMeasureProposed',
    country: 'ET',
    summary: 'Ethiopia: the Commission proposes a 25a(5)(a) measure (27 September 2023)',
    value: {
      type: 'VisaMeasureProposed',
      occurredOn: '2023-09-27',
      data: { measureId: 'ET-25A-2023', legalBasis: '25a(5)(a)', provisions: [...NEGATIVE], scope: 'all-nationals', proposalRef: 'COM(2023) 568' },
      provenance: etProposal,
    },
  },
  {
    key: 'VisaMeasureAdopted',
    country: 'ET',
    summary: 'Ethiopia: the Council adopts Implementing Decision (EU) 2024/1341',
    value: {
      type: 'VisaMeasureAdopted',
      occurredOn: '2024-04-29',
      data: { measureId: 'ET-25A-2023', councilActRef: 'Implementing Decision (EU) 2024/1341', publishedOn: '2024-05-14', ojRef: 'OJ L, 14.5.2024' },
      provenance: etDecision,
    },
  },
  {
    key: 'VisaMeasureApplicable',
    country: 'ET',
    summary: 'Ethiopia: the measure applies to applications lodged from 1 June 2024',
    value: { type: 'VisaMeasureApplicable', occurredOn: '2024-06-01', data: { measureId: 'ET-25A-2023', applicableFrom: '2024-06-01' }, provenance: etDecision },
  },
  {
    key: 'VisaMeasureProgressReported',
    country: 'ET',
    summary: 'Ethiopia: the Commission reports on progress under Art. 25a(7) (illustrative)',
    value: {
      type: 'VisaMeasureProgressReported',
      occurredOn: '2024-11-12',
      data: { measureId: 'ET-25A-2023', documentRef: 'Commission report on Implementing Decision (EU) 2024/1341' },
      provenance: illustrative,
    },
  },
  {
    key: 'VisaMeasureAmended',
    country: 'ET',
    summary: 'Ethiopia: multiple-entry visas restored after progress (illustrative)',
    value: {
      type: 'VisaMeasureAmended',
      occurredOn: '2026-04-20',
      data: { measureId: 'ET-25A-2023', actRef: 'Amending implementing decision', newProvisions: ['14(6)', '16(5)(b)', '23(1)'] },
      provenance: illustrative,
    },
  },
  {
    key: 'VisaMeasureRepealed',
    country: 'ET',
    summary: 'Ethiopia: the measure is repealed for substantial and sustained improvement (illustrative)',
    value: {
      type: 'VisaMeasureRepealed',
      occurredOn: '2026-10-05',
      data: { measureId: 'ET-25A-2023', repealActRef: 'Repealing implementing decision', ground: 'substantial-sustained-improvement' },
      provenance: illustrative,
    },
  },
  {
    key: 'VisaMeasureProposed_SO',
    country: 'SO',
    summary: 'Somalia: the Commission proposes a 25a(5)(a) measure (23 July 2024)',
    value: {
      type: 'VisaMeasureProposed',
      occurredOn: '2024-07-23',
      data: { measureId: 'SO-25A-2024', legalBasis: '25a(5)(a)', provisions: [...NEGATIVE], scope: 'all-nationals', proposalRef: 'COM(2024) 324 final/2' },
      provenance: soProposal,
    },
  },
  {
    key: 'VisaMeasureProposalWithdrawn',
    country: 'SO',
    summary: 'Somalia: the proposal is withdrawn (illustrative)',
    value: {
      type: 'VisaMeasureProposalWithdrawn',
      occurredOn: '2026-03-02',
      data: { measureId: 'SO-25A-2024', reason: 'Cooperation on identification improved while the proposal was pending at the Council.' },
      provenance: illustrative,
    },
  },
  {
    key: 'VisaMeasureProposed_TR-positive',
    country: 'TR',
    summary: 'Turkey: a positive 25a(8) measure with a lower fee is proposed (illustrative)',
    value: {
      type: 'VisaMeasureProposed',
      occurredOn: '2025-01-15',
      data: {
        measureId: 'TR-25A8-2025',
        legalBasis: '25a(8)',
        provisions: ['16(1)', '23(1)', '24(2)'],
        fee: { amount: 60, currency: 'EUR' },
        scope: 'all-nationals',
        proposalRef: 'Commission proposal (illustrative)',
      },
      provenance: illustrative,
    },
  },
  {
    key: 'VisaMeasureAdopted_TR-positive',
    country: 'TR',
    summary: 'Turkey: the positive measure is adopted (illustrative)',
    value: { type: 'VisaMeasureAdopted', occurredOn: '2025-03-10', data: { measureId: 'TR-25A8-2025', councilActRef: 'Council implementing decision (illustrative)' }, provenance: illustrative },
  },
  {
    key: 'VisaMeasureApplicable_TR-positive',
    country: 'TR',
    summary: 'Turkey: the positive measure applies for twelve months at most (illustrative)',
    value: {
      type: 'VisaMeasureApplicable',
      occurredOn: '2025-04-01',
      data: { measureId: 'TR-25A8-2025', applicableFrom: '2025-04-01', plannedEnd: '2026-03-31' },
      provenance: illustrative,
    },
  },
  {
    key: 'VisaMeasureRenewed',
    country: 'TR',
    summary: 'Turkey: the positive measure is renewed for six months (illustrative)',
    value: {
      type: 'VisaMeasureRenewed',
      occurredOn: '2026-03-20',
      data: { measureId: 'TR-25A8-2025', actRef: 'Council implementing decision renewing the measure (illustrative)', newEnd: '2026-09-30' },
      provenance: illustrative,
    },
  },
  {
    key: 'VisaMeasureExpired',
    country: 'TR',
    summary: 'Turkey: the positive measure reaches its end (illustrative)',
    value: { type: 'VisaMeasureExpired', occurredOn: '2026-09-30', data: { measureId: 'TR-25A8-2025' }, provenance: illustrative },
  },
];
