import { dataOf } from '../fact.js';
import type { InstrumentState } from '../state.js';
import type { Draft } from './draft.js';
import type { EvolverTable } from './evolver.js';

function update(draft: Draft, instrumentId: string, change: (i: InstrumentState) => Partial<InstrumentState>): void {
  const inst = draft.state.instruments.get(instrumentId);
  if (inst) draft.set('instruments', instrumentId, { ...inst, ...change(inst) });
}

export const instrumentEvolvers: EvolverTable = {
  InstrumentNegotiationOpened(draft, fact) {
    const d = dataOf(fact, 'InstrumentNegotiationOpened');
    draft.set('instruments', d.instrumentId, {
      instrumentId: d.instrumentId,
      title: d.title,
      kind: d.kind,
      level: d.level,
      legallyBinding: d.legallyBinding,
      status: 'Negotiating',
      openedOn: fact.occurredOn,
      agreedOn: undefined,
      adoptedOn: undefined,
      inForceFrom: undefined,
      provisions: [],
      suspension: undefined,
      terms: undefined,
      reviewMeetings: 0,
      endedOn: undefined,
      supersededBy: undefined,
    });
  },
  InstrumentAgreed(draft, fact) {
    update(draft, dataOf(fact, 'InstrumentAgreed').instrumentId, () => ({ status: 'Agreed', agreedOn: fact.occurredOn }));
  },
  InstrumentAdopted(draft, fact) {
    update(draft, dataOf(fact, 'InstrumentAdopted').instrumentId, () => ({ status: 'Adopted', adoptedOn: fact.occurredOn }));
  },
  InstrumentProvisionsApplicable(draft, fact) {
    const d = dataOf(fact, 'InstrumentProvisionsApplicable');
    update(draft, d.instrumentId, () => ({ status: 'InForce', inForceFrom: fact.occurredOn, provisions: [...d.provisions] }));
  },
  InstrumentTermsRecorded(draft, fact) {
    const { instrumentId, ...terms } = dataOf(fact, 'InstrumentTermsRecorded');
    update(draft, instrumentId, () => ({ terms: { ...terms, recordedOn: fact.occurredOn } }));
  },
  InstrumentReviewMeetingHeld(draft, fact) {
    update(draft, dataOf(fact, 'InstrumentReviewMeetingHeld').instrumentId, (i) => ({ reviewMeetings: i.reviewMeetings + 1 }));
  },
  InstrumentSuspensionDeclared(draft, fact) {
    const d = dataOf(fact, 'InstrumentSuspensionDeclared');
    update(draft, d.instrumentId, () => ({
      // A declared-only suspension keeps the instrument in force; practice decides (Turkey, 2019).
      status: d.effect === 'observed-in-practice' ? 'Suspended' : 'InForce',
      suspension: { declaredBy: d.declaredBy, declaredOn: fact.occurredOn, effect: d.effect },
    }));
  },
  InstrumentResumed(draft, fact) {
    update(draft, dataOf(fact, 'InstrumentResumed').instrumentId, () => ({ status: 'InForce', suspension: undefined }));
  },
  InstrumentTerminated(draft, fact) {
    update(draft, dataOf(fact, 'InstrumentTerminated').instrumentId, () => ({ status: 'Terminated', endedOn: fact.occurredOn }));
  },
  InstrumentSuperseded(draft, fact) {
    const d = dataOf(fact, 'InstrumentSuperseded');
    update(draft, d.instrumentId, () => ({ status: 'Superseded', endedOn: fact.occurredOn, supersededBy: d.byInstrumentId }));
  },
};
