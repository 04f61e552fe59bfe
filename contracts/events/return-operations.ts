import { z } from 'zod';
import { Count, EntityId, FactDate, LongText, ShortText } from '../common.js';
import { defineEvent } from './define.js';

export const ReturnOperationPlanned = defineEvent(
  'ReturnOperationPlanned',
  'return-operations',
  z
    .object({
      operationId: EntityId,
      mode: z.enum(['national-charter', 'joint-charter-Frontex', 'scheduled-escorted', 'scheduled-unescorted', 'assisted-voluntary']),
      plannedDate: FactDate,
      plannedReturnees: Count.min(1, 'An operation plans at least one returnee'),
      organiser: ShortText,
    })
    .strict(),
  'A return operation was planned.',
);

export const LandingPermitRequested = defineEvent(
  'LandingPermitRequested',
  'return-operations',
  z.object({ operationId: EntityId }).strict(),
  'A landing permit was requested from the partner for a planned operation.',
);

export const LandingPermitGranted = defineEvent(
  'LandingPermitGranted',
  'return-operations',
  z.object({ operationId: EntityId }).strict(),
  'The partner granted the landing permit.',
);

export const LandingPermitRefused = defineEvent(
  'LandingPermitRefused',
  'return-operations',
  z.object({ operationId: EntityId, reason: LongText.optional() }).strict(),
  'The partner refused the landing permit; the operation is cancelled (partner-attributable).',
);

export const ReturnOperationExecuted = defineEvent(
  'ReturnOperationExecuted',
  'return-operations',
  z
    .object({ operationId: EntityId, returnees: Count, forced: Count, voluntary: Count })
    .strict()
    .refine((d) => d.forced + d.voluntary === d.returnees, {
      message: 'forced + voluntary must equal returnees',
      path: ['returnees'],
    }),
  'The operation took place (occurredOn is the execution date).',
);

export const CancellationCause = z.enum([
  'partner-refusal',
  'no-landing-permit',
  'partner-moratorium',
  'member-state-logistics',
  'legal-obstacle',
  'health-restrictions',
]);

export const ReturnOperationCancelled = defineEvent(
  'ReturnOperationCancelled',
  'return-operations',
  z.object({ operationId: EntityId, cause: CancellationCause, note: LongText.optional() }).strict(),
  'The operation was cancelled; partner-attributable causes count against indicator (d)(iv).',
);

export const PartnerMoratoriumDeclared = defineEvent(
  'PartnerMoratoriumDeclared',
  'return-operations',
  z
    .object({ moratoriumId: EntityId, scope: z.enum(['charter', 'forced', 'all']), reason: LongText.optional() })
    .strict(),
  'The partner stopped accepting (some) returns from occurredOn.',
);

export const PartnerMoratoriumLifted = defineEvent(
  'PartnerMoratoriumLifted',
  'return-operations',
  z.object({ moratoriumId: EntityId }).strict(),
  'The partner lifted a moratorium.',
);

export const returnOperationEvents = [
  ReturnOperationPlanned,
  LandingPermitRequested,
  LandingPermitGranted,
  LandingPermitRefused,
  ReturnOperationExecuted,
  ReturnOperationCancelled,
  PartnerMoratoriumDeclared,
  PartnerMoratoriumLifted,
] as const;
