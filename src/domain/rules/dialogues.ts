import { dataOf } from '../fact.js';
import { refuse } from '../refuse.js';
import type { CommitmentState, CountryState, TrackState } from '../state.js';
import { requireNotBefore } from './dates.js';
import type { RuleTable } from './rule.js';

function requireTrack(state: CountryState, trackId: string): TrackState {
  const track = state.tracks.get(trackId);
  if (!track) refuse('DIALOGUE_TRACK_UNKNOWN', `Dialogue track ${trackId} has not been opened for ${state.country}; record DialogueTrackOpened first`);
  return track;
}

function requireOpenCommitment(state: CountryState, commitmentId: string): CommitmentState {
  const c = state.commitments.get(commitmentId);
  if (!c) refuse('COMMITMENT_UNKNOWN', `Commitment ${commitmentId} is not recorded for ${state.country}`);
  if (c.status !== 'open') {
    refuse('COMMITMENT_NOT_OPEN', `Commitment ${commitmentId} was already assessed as ${c.status} on ${c.assessedOn}; it can be assessed only once`);
  }
  return c;
}

export const dialogueRules: RuleTable = {
  DialogueTrackOpened(state, fact) {
    const { trackId } = dataOf(fact, 'DialogueTrackOpened');
    const existing = state.tracks.get(trackId);
    if (existing) refuse('DIALOGUE_TRACK_EXISTS', `Dialogue track ${trackId} was already opened on ${existing.openedOn}`);
  },
  DialogueSessionHeld(state, fact) {
    const track = requireTrack(state, dataOf(fact, 'DialogueSessionHeld').trackId);
    requireNotBefore(fact, track.openedOn, `Dialogue track ${track.trackId} was opened`);
  },
  DialogueCommitmentRecorded(state, fact) {
    const { commitmentId, trackId } = dataOf(fact, 'DialogueCommitmentRecorded');
    const existing = state.commitments.get(commitmentId);
    if (existing) refuse('COMMITMENT_EXISTS', `Commitment ${commitmentId} is already recorded (track ${existing.trackId}, ${existing.recordedOn})`);
    const track = requireTrack(state, trackId);
    requireNotBefore(fact, track.openedOn, `Dialogue track ${trackId} was opened`);
  },
  DialogueCommitmentFulfilled(state, fact) {
    const c = requireOpenCommitment(state, dataOf(fact, 'DialogueCommitmentFulfilled').commitmentId);
    requireNotBefore(fact, c.recordedOn, `Commitment ${c.commitmentId} was recorded`);
  },
  DialogueCommitmentLapsed(state, fact) {
    const c = requireOpenCommitment(state, dataOf(fact, 'DialogueCommitmentLapsed').commitmentId);
    requireNotBefore(fact, c.recordedOn, `Commitment ${c.commitmentId} was recorded`);
  },
};
