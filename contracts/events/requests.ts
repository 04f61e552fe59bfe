import { z } from 'zod';
import { CaseRef, Days, EntityId, FactDate, LongText, MemberState } from '../common.js';
import { defineEvent } from './define.js';

export const IdentificationRequestSubmitted = defineEvent(
  'IdentificationRequestSubmitted',
  'requests',
  z
    .object({
      requestId: EntityId,
      caseRef: CaseRef,
      requestingState: MemberState,
      channel: z.enum(['RCMS', 'embassy', 'consular-presentation', 'paper']),
      instrumentId: EntityId.optional(),
    })
    .strict(),
  'An identification request was submitted to the partner (occurredOn is the submission date).',
);

export const ConsularPresentationHeld = defineEvent(
  'ConsularPresentationHeld',
  'requests',
  z.object({ requestId: EntityId }).strict(),
  'The person was presented to the consulate for an open identification request.',
);

export const IdentificationRequestAnswered = defineEvent(
  'IdentificationRequestAnswered',
  'requests',
  z.object({ requestId: EntityId, outcome: z.enum(['identified-national', 'not-national', 'inconclusive']) }).strict(),
  'The partner answered an identification request.',
);

export const ReadmissionRequestSubmitted = defineEvent(
  'ReadmissionRequestSubmitted',
  'requests',
  z
    .object({
      requestId: EntityId,
      caseRef: CaseRef,
      requestingState: MemberState,
      procedure: z.enum(['normal', 'accelerated']),
      personCategory: z.enum(['own-national', 'TCN', 'stateless']),
      instrumentId: EntityId.optional(),
    })
    .strict(),
  'A readmission request was submitted to the partner.',
);

export const ReadmissionRequestAnswered = defineEvent(
  'ReadmissionRequestAnswered',
  'requests',
  z
    .object({
      requestId: EntityId,
      outcome: z.enum(['accepted', 'rejected', 'partially-accepted']),
      rejectionReason: LongText.optional(),
    })
    .strict(),
  'The partner answered a readmission request.',
);

export const RequestDeadlineLapsed = defineEvent(
  'RequestDeadlineLapsed',
  'requests',
  z.object({ requestId: EntityId, deadline: FactDate, deemedAccepted: z.boolean() }).strict(),
  'The reply deadline passed without an answer; deemedAccepted when the instrument treats silence as consent.',
);

export const TravelDocumentIssued = defineEvent(
  'TravelDocumentIssued',
  'requests',
  z
    .object({
      requestId: EntityId,
      documentType: z.enum(['passport', 'emergency-travel-document', 'laissez-passer']),
      validityDays: Days.optional(),
    })
    .strict(),
  'The partner issued a travel document for an identified or accepted person.',
);

export const EUTravelDocumentPresented = defineEvent(
  'EUTravelDocumentPresented',
  'requests',
  z
    .object({ requestId: EntityId.optional(), operationId: EntityId.optional(), accepted: z.boolean() })
    .strict()
    .refine((d) => d.requestId !== undefined || d.operationId !== undefined, {
      message: 'Name the requestId or the operationId the EU travel document was presented for',
      path: ['requestId'],
    }),
  'An EU travel document (Reg. 2016/1953) was presented; accepted or not.',
);

export const ReadmissionTransferRecorded = defineEvent(
  'ReadmissionTransferRecorded',
  'requests',
  z.object({ requestId: EntityId, admitted: z.boolean(), refusalReason: LongText.optional() }).strict(),
  'An accepted person was handed over at transfer: admitted, or refused at arrival (Art. 25a(2)(d)(iii)).',
);

export const requestEvents = [
  IdentificationRequestSubmitted,
  ConsularPresentationHeld,
  IdentificationRequestAnswered,
  ReadmissionRequestSubmitted,
  ReadmissionRequestAnswered,
  RequestDeadlineLapsed,
  TravelDocumentIssued,
  EUTravelDocumentPresented,
  ReadmissionTransferRecorded,
] as const;
