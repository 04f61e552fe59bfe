import { z } from 'zod';
import { EntityId, FactDate, LongText, MemberState, Period, ShortText } from '../common.js';
import { defineEvent } from './define.js';

export const VisaProvision = z.enum(['14(6)', '16(1)', '16(5)(b)', '23(1)', '24(2)', '24(2c)', '16(2a)-lower', '16(2a)-higher']);
export const LegalBasis = z.enum(['25a(5)(a)', '25a(5)(b)', '25a(8)']);
const IndicatorRef = z.enum(['a', 'b', 'c', 'd-i', 'd-ii', 'd-iii', 'd-iv']);
const REPORT_NO = 'reportNo is a whole number from 1 to 100 (the number of the Commission report)';
const Money = z.object({ amount: z.number().positive().max(10_000), currency: z.literal('EUR') }).strict();

export const MemberStateNotificationSubmitted = defineEvent(
  'MemberStateNotificationSubmitted',
  'visa-measures',
  z
    .object({
      notificationId: EntityId,
      notifyingState: MemberState,
      indicatorsCited: z.array(IndicatorRef).min(1).max(7),
      summary: LongText.optional(),
    })
    .strict(),
  'A Member State notified substantial and persistent problems (Art. 25a(3)).',
);

export const NotificationExaminationConcluded = defineEvent(
  'NotificationExaminationConcluded',
  'visa-measures',
  z
    .object({ notificationId: EntityId, finding: z.enum(['substantial-persistent-problems', 'not-established']) })
    .strict(),
  'The Commission concluded its examination of a notification (Art. 25a(4)).',
);

export const CommissionAssessmentReported = defineEvent(
  'CommissionAssessmentReported',
  'visa-measures',
  z
    .object({
      // Range before whole number: 1e20 is "from 1 to 100", not zod's "expected int to be <=9007199254740991".
      reportNo: z.number().min(1, REPORT_NO).max(100, REPORT_NO).int(REPORT_NO),
      dataPeriod: Period,
      finding: z.enum(['sufficient', 'insufficient', 'not-public']),
      documentRef: ShortText,
    })
    .strict(),
  "The Commission's official assessment (Art. 25a(2)); kept beside our score, never merged into it.",
);

export const VisaMeasureProposed = defineEvent(
  'VisaMeasureProposed',
  'visa-measures',
  z
    .object({
      measureId: EntityId,
      legalBasis: LegalBasis,
      provisions: z.array(VisaProvision).min(1).max(8),
      fee: Money.optional(),
      scope: z.enum(['all-nationals', 'categories']),
      categories: z.array(ShortText).max(50).optional(),
      proposalRef: ShortText,
    })
    .strict()
    .refine((d) => d.scope !== 'categories' || (d.categories?.length ?? 0) > 0, {
      message: 'scope "categories" needs at least one category',
      path: ['categories'],
    }),
  'The Commission proposed an implementing decision under Art. 25a(5) or (8).',
  {
    schemaVersion: 2,
    upcasters: {
      // Version 1 stored the provisions as one comma-separated string ("14(6), 23(1)").
      1: (data) => ({
        ...data,
        provisions:
          typeof data['provisions'] === 'string'
            ? data['provisions'].split(',').map((s) => s.trim()).filter((s) => s.length > 0)
            : data['provisions'],
      }),
    },
  },
);

export const VisaMeasureAdopted = defineEvent(
  'VisaMeasureAdopted',
  'visa-measures',
  z.object({ measureId: EntityId, councilActRef: ShortText, publishedOn: FactDate.optional(), ojRef: ShortText.optional() }).strict(),
  'The Council adopted the implementing decision.',
);

export const VisaMeasureApplicable = defineEvent(
  'VisaMeasureApplicable',
  'visa-measures',
  z.object({ measureId: EntityId, applicableFrom: FactDate, plannedEnd: FactDate.optional() }).strict(),
  'The measure applies to applications lodged from applicableFrom; positive measures end within 12 months.',
);

export const VisaMeasureProgressReported = defineEvent(
  'VisaMeasureProgressReported',
  'visa-measures',
  z.object({ measureId: EntityId, documentRef: ShortText }).strict(),
  'The Commission reported on progress under a measure (Art. 25a(7)).',
);

export const VisaMeasureAmended = defineEvent(
  'VisaMeasureAmended',
  'visa-measures',
  z.object({ measureId: EntityId, actRef: ShortText, newProvisions: z.array(VisaProvision).min(1).max(8) }).strict(),
  'The provisions of a measure in force were amended.',
);

export const VisaMeasureRenewed = defineEvent(
  'VisaMeasureRenewed',
  'visa-measures',
  z.object({ measureId: EntityId, actRef: ShortText, newEnd: FactDate }).strict(),
  'A positive measure was renewed for a new period of at most 12 months.',
);

export const VisaMeasureRepealed = defineEvent(
  'VisaMeasureRepealed',
  'visa-measures',
  z
    .object({ measureId: EntityId, repealActRef: ShortText, ground: z.enum(['substantial-sustained-improvement', 'other']) })
    .strict(),
  'The measure was repealed (Art. 25a(6)).',
);

export const VisaMeasureExpired = defineEvent(
  'VisaMeasureExpired',
  'visa-measures',
  z.object({ measureId: EntityId }).strict(),
  'A positive measure reached its end.',
);

export const VisaMeasureProposalWithdrawn = defineEvent(
  'VisaMeasureProposalWithdrawn',
  'visa-measures',
  z.object({ measureId: EntityId, reason: LongText.optional() }).strict(),
  'The Commission withdrew a pending proposal.',
);

export const visaMeasureEvents = [
  MemberStateNotificationSubmitted,
  NotificationExaminationConcluded,
  CommissionAssessmentReported,
  VisaMeasureProposed,
  VisaMeasureAdopted,
  VisaMeasureApplicable,
  VisaMeasureProgressReported,
  VisaMeasureAmended,
  VisaMeasureRenewed,
  VisaMeasureRepealed,
  VisaMeasureExpired,
  VisaMeasureProposalWithdrawn,
] as const;
