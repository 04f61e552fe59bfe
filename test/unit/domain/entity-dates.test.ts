import t from 'tap';
import type { EventType } from '../../../contracts/index.js';
import { command as cmd, fact as f, spec, type FactInput } from './spec.js';

/*
 * A follow-up fact cannot be dated before the fact that created what it is about: a session before
 * its track was opened, an agreement before the negotiation, an adoption before the proposal, a
 * cancellation before the planning. Most often a mistyped year; recorded, it would put the entity's
 * history out of order in the profile and on the timeline. The same day is allowed.
 */
const ON = '2020-05-10';
const DAY_BEFORE = '2020-05-09';

const cases: { created: FactInput[]; followUp: EventType; data?: Record<string, unknown>; since: RegExp }[] = [
  { created: [f('DialogueTrackOpened', ON)], followUp: 'DialogueSessionHeld', since: /Dialogue track T1 was opened on 2020-05-10/ },
  { created: [f('DialogueTrackOpened', ON)], followUp: 'DialogueCommitmentRecorded', since: /Dialogue track T1 was opened on 2020-05-10/ },
  { created: [f('DialogueTrackOpened', '2019-01-01'), f('DialogueCommitmentRecorded', ON)], followUp: 'DialogueCommitmentFulfilled', since: /Commitment C1 was recorded on 2020-05-10/ },
  { created: [f('DialogueTrackOpened', '2019-01-01'), f('DialogueCommitmentRecorded', ON)], followUp: 'DialogueCommitmentLapsed', since: /Commitment C1 was recorded/ },
  { created: [f('InstrumentNegotiationOpened', ON)], followUp: 'InstrumentAgreed', since: /negotiation of instrument I1 was opened on 2020-05-10/ },
  { created: [f('InstrumentNegotiationOpened', ON)], followUp: 'InstrumentTermsRecorded', since: /instrument I1/ },
  { created: [f('VisaMeasureProposed', ON)], followUp: 'VisaMeasureAdopted', since: /Visa measure M1 was proposed on 2020-05-10/ },
  { created: [f('VisaMeasureProposed', ON)], followUp: 'VisaMeasureProposalWithdrawn', since: /Visa measure M1 was proposed/ },
  { created: [f('MemberStateNotificationSubmitted', ON)], followUp: 'NotificationExaminationConcluded', since: /Notification N1 was submitted on 2020-05-10/ },
  { created: [f('ReturnOperationPlanned', ON)], followUp: 'LandingPermitRequested', since: /Return operation O1 was planned on 2020-05-10/ },
  { created: [f('ReturnOperationPlanned', ON)], followUp: 'ReturnOperationExecuted', since: /Return operation O1 was planned/ },
  { created: [f('ReturnOperationPlanned', ON)], followUp: 'ReturnOperationCancelled', since: /Return operation O1 was planned/ },
  { created: [f('ReturnOperationPlanned', ON)], followUp: 'EUTravelDocumentPresented', data: { requestId: undefined, operationId: 'O1' }, since: /Return operation O1 was planned/ },
];

t.test('a follow-up dated before the fact that created its entity is refused; the same day is allowed', async (t) => {
  for (const c of cases) {
    const given = spec(t).given(c.created);
    given.when(cmd(c.followUp, DAY_BEFORE, c.data)).thenThrows('FACT_PREDATES_ENTITY', new RegExp(`${c.since.source}.*; ${c.followUp} cannot be dated ${DAY_BEFORE}$`));
    given.when(cmd(c.followUp, ON, c.data)).thenAccepts();
  }
});

t.test('a correction that moves an entity after its follow-ups breaks the history', async (t) => {
  const opened = f('DialogueTrackOpened', '2017-05-10', {}, '00000000-0000-4000-8000-0000000000aa');
  const session = f('DialogueSessionHeld', '2019-03-12');
  spec(t)
    .given([opened, session])
    .when(cmd('EntryCorrected', '2020-01-01', { correctedEventId: opened.eventId, data: opened.data, occurredOn: '2019-04-01' }))
    .thenThrows('CORRECTION_BREAKS_HISTORY', /DialogueSessionHeld .* would no longer be valid: Dialogue track T1 was opened on 2019-04-01/);
});
