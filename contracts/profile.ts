import { z } from 'zod';
import { IsoDate } from './common.js';
import { DialogueCommitmentRecorded, DialogueTrackOpened } from './events/dialogues.js';
import { InstrumentKind, InstrumentNegotiationOpened, InstrumentSuspensionDeclared, InstrumentTermsSchema, instrumentEvents } from './events/instruments.js';
import { RequestDeadlineLapsed } from './events/requests.js';
import { CancellationCause, PartnerMoratoriumDeclared, ReturnOperationPlanned } from './events/return-operations.js';
import {
  LegalBasis,
  MemberStateNotificationSubmitted,
  NotificationExaminationConcluded,
  VisaMeasureProposed,
  VisaMeasureRepealed,
  VisaProvision,
  visaMeasureEvents,
} from './events/visa-measures.js';

/**
 * The entity documents of the country profile: what the country-state projection folds from each
 * entity's effective events (projections/country-state/entities.ts), as `{ id, ...state, eventIds }`.
 *
 * A field set only by an entity's opening fact (InstrumentNegotiationOpened, VisaMeasureProposed,
 * ...) is optional: the projection folds whatever events an entity has, and keeps an entity whose
 * opening fact is missing from its effective history (legacy or imported histories) with the fields
 * the other facts set. Value sets are the event schemas' own (contracts/events), text is plain
 * string (no input limits on the way out).
 */

const text = z.string();
const eventId = z.string().describe('Id of the event');
/** Every entity folded from a fact marked as an estimate says so; absent otherwise. */
const estimate = z.literal(true).optional().describe('Present (true) when a fact the entity was folded from is marked as an estimate');

/** `{ id, ...state, eventIds }`: the document of an entity in the profile. */
function entityDoc<S extends z.ZodRawShape>(state: z.ZodObject<S>, idOf: string) {
  return z.object({
    id: z.string().describe(idOf),
    ...state.shape,
    eventIds: z.array(z.string()).describe('Ids of the facts the entity was folded from (as recorded, in position order)'),
  });
}

type TypeOf<E extends readonly { type: string }[]> = E[number]['type'];
const typesOf = <E extends readonly { type: string }[]>(events: E) => events.map((e) => e.type) as [TypeOf<E>, ...TypeOf<E>[]];

const historyOf = <E extends readonly { type: string }[]>(events: E) =>
  z.array(z.object({ on: IsoDate, type: z.enum(typesOf(events)), eventId })).describe('Every fact of the entity, in recorded order');

// Instruments ------------------------------------------------------------------------------------

export const InstrumentStatus = z.enum(['negotiating', 'agreed', 'adopted', 'in-force', 'suspended', 'terminated', 'superseded']);
export type InstrumentStatus = z.infer<typeof InstrumentStatus>;

const { instrumentId: _instrumentId, ...termsShape } = InstrumentTermsSchema.shape;
export const InstrumentTerms = z
  .object({ ...termsShape, eventId, recordedOn: IsoDate, estimate })
  .describe('The operational terms as last recorded (InstrumentTermsRecorded), with that fact');

const opened = InstrumentNegotiationOpened.data.shape;
const suspension = InstrumentSuspensionDeclared.data.shape;

export const InstrumentState = z.object({
  history: historyOf(instrumentEvents),
  lastEventOn: IsoDate,
  title: text.optional(),
  instrumentKind: InstrumentKind.optional(),
  level: opened.level.optional(),
  legallyBinding: z.boolean().optional(),
  status: InstrumentStatus.optional().describe('Absent only when no fact that sets it was recorded (no negotiation opened)'),
  openedOn: IsoDate.optional(),
  agreedOn: IsoDate.optional(),
  adoptedOn: IsoDate.optional(),
  textRef: text.optional(),
  publiclyAvailable: z.boolean().optional(),
  terms: InstrumentTerms.optional(),
  provisions: z.array(text).optional(),
  applicableFrom: IsoDate.optional(),
  suspension: z
    .object({ declaredBy: suspension.declaredBy, declaredOn: IsoDate, reason: text, effect: suspension.effect })
    .nullable()
    .optional()
    .describe('The declared suspension; null once resumed'),
  resumedOn: IsoDate.optional(),
  endedOn: IsoDate.optional(),
  supersededBy: text.optional().describe('Id of the instrument that replaced it'),
  estimate,
});
export type InstrumentState = z.infer<typeof InstrumentState>;
export const InstrumentDoc = entityDoc(InstrumentState, 'Instrument id');
export type InstrumentDoc = z.infer<typeof InstrumentDoc>;

// Visa measures ----------------------------------------------------------------------------------

export const VisaMeasureStatus = z.enum(['proposed', 'adopted', 'in-force', 'repealed', 'expired', 'withdrawn']);
export type VisaMeasureStatus = z.infer<typeof VisaMeasureStatus>;

const proposed = VisaMeasureProposed.data.shape;

export const VisaMeasureState = z.object({
  history: historyOf(visaMeasureEvents.filter((e) => e.type.startsWith('VisaMeasure'))),
  legalBasis: LegalBasis.optional(),
  // Not VisaProvision: version 1 of VisaMeasureProposed took the provisions as free text (split on
  // commas by its upcaster), and a value outside today's list must not make the profile unanswerable.
  provisions: z.array(text).optional().describe(`Visa Code provisions: ${VisaProvision.options.join(', ')} (measures recorded under schema version 1 may name others)`),
  fee: proposed.fee.unwrap().nullable().optional(),
  scope: proposed.scope.optional(),
  categories: z.array(text).optional(),
  proposalRef: text.optional(),
  proposedOn: IsoDate.optional(),
  status: VisaMeasureStatus.optional().describe('Absent only when no fact that sets it was recorded'),
  adoptedOn: IsoDate.optional(),
  councilActRef: text.optional(),
  applicableFrom: IsoDate.optional(),
  plannedEnd: IsoDate.nullable().optional().describe('Planned end of a positive measure; null: none'),
  endedOn: IsoDate.optional(),
  ground: VisaMeasureRepealed.data.shape.ground.optional(),
  estimate,
});
export type VisaMeasureState = z.infer<typeof VisaMeasureState>;
export const VisaMeasureDoc = entityDoc(VisaMeasureState, 'Measure id');
export type VisaMeasureDoc = z.infer<typeof VisaMeasureDoc>;

// Dialogue tracks and commitments ---------------------------------------------------------------

const track = DialogueTrackOpened.data.shape;

export const DialogueTrackState = z.object({
  title: text.optional(),
  level: track.level.optional(),
  format: track.format.optional(),
  parties: z.array(text).optional(),
  openedOn: IsoDate.optional(),
  sessions: z.number().int().describe('Sessions held'),
  lastSession: z
    .object({ on: IsoDate, eventId, location: text.nullable(), topics: z.array(text), outcomeSummary: text })
    .optional()
    .describe('The latest session by date; absent before the first'),
  estimate,
});
export type DialogueTrackState = z.infer<typeof DialogueTrackState>;
export const DialogueTrackDoc = entityDoc(DialogueTrackState, 'Track id');
export type DialogueTrackDoc = z.infer<typeof DialogueTrackDoc>;

export const CommitmentStatus = z.enum(['open', 'fulfilled', 'lapsed']);
const commitment = DialogueCommitmentRecorded.data.shape;

export const CommitmentState = z.object({
  trackId: text.optional(),
  owner: commitment.owner.optional(),
  description: text.optional(),
  dueDate: IsoDate.nullable().optional(),
  indicatorLink: commitment.indicatorLink.unwrap().nullable().optional(),
  recordedOn: IsoDate.optional(),
  status: CommitmentStatus,
  assessedOn: IsoDate.optional(),
  note: text.nullable().optional(),
  estimate,
});
export type CommitmentState = z.infer<typeof CommitmentState>;

/** A commitment still open: recorded (only DialogueCommitmentRecorded opens one) and not yet assessed. */
export const OpenCommitmentDoc = entityDoc(
  CommitmentState.omit({ assessedOn: true, note: true }).extend({
    trackId: text,
    owner: commitment.owner,
    description: text,
    dueDate: IsoDate.nullable(),
    indicatorLink: commitment.indicatorLink.unwrap().nullable(),
    recordedOn: IsoDate,
    status: z.literal('open'),
  }),
  'Commitment id',
);
export type OpenCommitmentDoc = z.infer<typeof OpenCommitmentDoc>;

// Notifications ----------------------------------------------------------------------------------

export const NotificationState = z.object({
  notifyingState: text.optional(),
  indicatorsCited: z.array(MemberStateNotificationSubmitted.data.shape.indicatorsCited.element).optional(),
  submittedOn: IsoDate.optional(),
  summary: text.nullable().optional(),
  finding: NotificationExaminationConcluded.data.shape.finding.optional().describe('Absent until the examination is concluded'),
  concludedOn: IsoDate.optional(),
  estimate,
});
export type NotificationState = z.infer<typeof NotificationState>;
export const NotificationDoc = entityDoc(NotificationState, 'Notification id');
export type NotificationDoc = z.infer<typeof NotificationDoc>;

// Return operations ------------------------------------------------------------------------------

export const OperationStatus = z.enum(['planned', 'awaiting-permit', 'confirmed', 'cancelled', 'executed']);
const planned = ReturnOperationPlanned.data.shape;

export const OperationState = z.object({
  mode: planned.mode.optional(),
  plannedDate: IsoDate.optional(),
  plannedReturnees: z.number().int().optional(),
  organiser: text.optional(),
  status: OperationStatus,
  permit: z.enum(['requested', 'granted', 'refused']).optional().describe('Landing permit, once requested'),
  cancelled: z.object({ on: IsoDate, cause: CancellationCause, partnerAttributable: z.boolean() }).optional(),
  executed: z.object({ on: IsoDate, returnees: z.number().int(), forced: z.number().int(), voluntary: z.number().int() }).optional(),
  estimate,
});
export type OperationState = z.infer<typeof OperationState>;
export const OperationDoc = entityDoc(OperationState, 'Operation id');
export type OperationDoc = z.infer<typeof OperationDoc>;

// Moratoria --------------------------------------------------------------------------------------

export const MoratoriumState = z.object({
  scope: PartnerMoratoriumDeclared.data.shape.scope.optional(),
  reason: text.nullable().optional(),
  from: IsoDate.optional().describe('Declared on'),
  to: IsoDate.nullable().describe('Lifted on; null while active'),
  estimate,
});
export type MoratoriumState = z.infer<typeof MoratoriumState>;
export const MoratoriumDoc = entityDoc(MoratoriumState, 'Moratorium id');
export type MoratoriumDoc = z.infer<typeof MoratoriumDoc>;

// Requests ---------------------------------------------------------------------------------------

const lapsed = RequestDeadlineLapsed.data.shape;
export const RequestLapse = z
  .object({ on: IsoDate, deadline: IsoDate, deemedAccepted: lapsed.deemedAccepted })
  .describe('The recorded lapse of the reply deadline (RequestDeadlineLapsed)');
export type RequestLapse = z.infer<typeof RequestLapse>;
