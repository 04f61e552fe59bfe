import { dataOf } from '../fact.js';
import type { CommitmentStatus } from '../state.js';
import type { Draft } from './draft.js';
import type { EvolverTable, Fact } from './evolver.js';

function assess(draft: Draft, fact: Fact, commitmentId: string, status: CommitmentStatus): void {
  const c = draft.state.commitments.get(commitmentId);
  if (c) draft.set('commitments', commitmentId, { ...c, status, assessedOn: fact.occurredOn });
}

export const dialogueEvolvers: EvolverTable = {
  DialogueTrackOpened(draft, fact) {
    const d = dataOf(fact, 'DialogueTrackOpened');
    draft.set('tracks', d.trackId, {
      trackId: d.trackId,
      title: d.title,
      level: d.level,
      format: d.format,
      openedOn: fact.occurredOn,
      sessionsHeld: 0,
      lastSessionOn: undefined,
    });
  },
  DialogueSessionHeld(draft, fact) {
    const { trackId } = dataOf(fact, 'DialogueSessionHeld');
    const t = draft.state.tracks.get(trackId);
    if (!t) return;
    const last = t.lastSessionOn === undefined || fact.occurredOn > t.lastSessionOn ? fact.occurredOn : t.lastSessionOn;
    draft.set('tracks', trackId, { ...t, sessionsHeld: t.sessionsHeld + 1, lastSessionOn: last });
  },
  DialogueCommitmentRecorded(draft, fact) {
    const d = dataOf(fact, 'DialogueCommitmentRecorded');
    draft.set('commitments', d.commitmentId, {
      commitmentId: d.commitmentId,
      trackId: d.trackId,
      owner: d.owner,
      recordedOn: fact.occurredOn,
      dueDate: d.dueDate,
      status: 'open',
      assessedOn: undefined,
    });
  },
  DialogueCommitmentFulfilled(draft, fact) {
    assess(draft, fact, dataOf(fact, 'DialogueCommitmentFulfilled').commitmentId, 'fulfilled');
  },
  DialogueCommitmentLapsed(draft, fact) {
    assess(draft, fact, dataOf(fact, 'DialogueCommitmentLapsed').commitmentId, 'lapsed');
  },
};
