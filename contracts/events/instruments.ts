import { z } from 'zod';
import { Days, EntityId, LongText, ShortText } from '../common.js';
import { defineEvent } from './define.js';

const Deadline = z.object({ days: Days, dayKind: z.enum(['calendar', 'working']) }).strict();
const Acceptance = z.enum(['yes', 'case-by-case', 'no', 'unknown']);

export const InstrumentKind = z.enum([
  'EU-readmission-agreement',
  'EU-readmission-arrangement',
  'SOP-admission-procedures',
  'NL-MoU',
  'working-arrangement',
  'mobility-partnership',
  'statement',
  'association-agreement-clause',
]);

export const InstrumentNegotiationOpened = defineEvent(
  'InstrumentNegotiationOpened',
  'instruments',
  z
    .object({
      instrumentId: EntityId,
      title: ShortText,
      kind: InstrumentKind,
      level: z.enum(['EU', 'NL', 'Benelux']),
      legallyBinding: z.boolean(),
      mandateRef: ShortText.optional(),
    })
    .strict(),
  'Negotiation of a readmission instrument (agreement, arrangement, SOP, MoU, ...) was opened.',
);

export const InstrumentAgreed = defineEvent(
  'InstrumentAgreed',
  'instruments',
  z.object({ instrumentId: EntityId }).strict(),
  'The text was agreed or initialled (occurredOn is the date).',
);

export const InstrumentAdopted = defineEvent(
  'InstrumentAdopted',
  'instruments',
  z.object({ instrumentId: EntityId, textRef: ShortText, publiclyAvailable: z.boolean() }).strict(),
  'The instrument was signed, concluded or endorsed.',
);

export const InstrumentTermsRecorded = defineEvent(
  'InstrumentTermsRecorded',
  'instruments',
  z
    .object({
      instrumentId: EntityId,
      replyDeadline: Deadline.optional(),
      acceleratedReplyDeadline: Deadline.optional(),
      transferWindowDays: Days.optional(),
      travelDocIssueDeadline: Deadline.optional(),
      acceptsEUTravelDocument: Acceptance,
      acceptsCharter: Acceptance,
      silenceMeansConsent: z.boolean(),
      coversTCN: z.boolean(),
    })
    .strict(),
  'Operational terms of an instrument: reply deadlines, EU travel document, charters.',
);

export const InstrumentProvisionsApplicable = defineEvent(
  'InstrumentProvisionsApplicable',
  'instruments',
  z.object({ instrumentId: EntityId, provisions: z.array(ShortText).min(1).max(100) }).strict(),
  'Provisions of the instrument apply from occurredOn; the instrument is in force.',
);

export const InstrumentReviewMeetingHeld = defineEvent(
  'InstrumentReviewMeetingHeld',
  'instruments',
  z.object({ instrumentId: EntityId, body: z.enum(['JRC', 'JWG', 'technical']), conclusions: LongText }).strict(),
  'A joint readmission committee, joint working group or technical review met.',
);

export const InstrumentSuspensionDeclared = defineEvent(
  'InstrumentSuspensionDeclared',
  'instruments',
  z
    .object({
      instrumentId: EntityId,
      declaredBy: z.enum(['partner', 'EU', 'NL']),
      reason: LongText,
      effect: z.enum(['declared-only', 'observed-in-practice']),
    })
    .strict(),
  'A suspension was declared. "declared-only" keeps the instrument in force until practice changes.',
);

export const InstrumentResumed = defineEvent(
  'InstrumentResumed',
  'instruments',
  z.object({ instrumentId: EntityId }).strict(),
  'A suspended instrument applies again.',
);

export const InstrumentTerminated = defineEvent(
  'InstrumentTerminated',
  'instruments',
  z.object({ instrumentId: EntityId, reason: LongText.optional() }).strict(),
  'The instrument ended.',
);

export const InstrumentSuperseded = defineEvent(
  'InstrumentSuperseded',
  'instruments',
  z.object({ instrumentId: EntityId, byInstrumentId: EntityId }).strict(),
  'The instrument was replaced by another recorded instrument.',
);

export const InstrumentTermsSchema = InstrumentTermsRecorded.data;
export const instrumentEvents = [
  InstrumentNegotiationOpened,
  InstrumentAgreed,
  InstrumentAdopted,
  InstrumentTermsRecorded,
  InstrumentProvisionsApplicable,
  InstrumentReviewMeetingHeld,
  InstrumentSuspensionDeclared,
  InstrumentResumed,
  InstrumentTerminated,
  InstrumentSuperseded,
] as const;
