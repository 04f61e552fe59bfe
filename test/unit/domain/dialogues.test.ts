import t from 'tap';
import { command as cmd, fact as f, spec } from './spec.js';

const track = f('DialogueTrackOpened', '2023-01-10', { trackId: 'T1' });
const commitment = f('DialogueCommitmentRecorded', '2023-02-01', { commitmentId: 'C1', trackId: 'T1' });

t.test('a track is opened once', async (t) => {
  spec(t).given([]).when(cmd('DialogueTrackOpened', '2023-01-10')).thenAccepts();
  spec(t).given([track]).when(cmd('DialogueTrackOpened', '2023-03-01', { trackId: 'T1' })).thenThrows('DIALOGUE_TRACK_EXISTS', /T1 was already opened on 2023-01-10/);
  spec(t).given([track]).when(cmd('DialogueTrackOpened', '2023-03-01', { trackId: 'T2' })).thenAccepts();
});

t.test('sessions and commitments need an opened track', async (t) => {
  spec(t).given([]).when(cmd('DialogueSessionHeld', '2023-01-11', { trackId: 'T1' })).thenThrows('DIALOGUE_TRACK_UNKNOWN', /T1/);
  spec(t).given([track]).when(cmd('DialogueSessionHeld', '2023-01-11', { trackId: 'T1' })).thenAccepts();
  spec(t).given([]).when(cmd('DialogueCommitmentRecorded', '2023-01-11')).thenThrows('DIALOGUE_TRACK_UNKNOWN');
  spec(t).given([track]).when(cmd('DialogueCommitmentRecorded', '2023-01-11')).thenAccepts();
});

t.test('commitment ids are unique', async (t) => {
  spec(t).given([track, commitment]).when(cmd('DialogueCommitmentRecorded', '2023-03-01', { commitmentId: 'C1' })).thenThrows('COMMITMENT_EXISTS', /C1/);
  spec(t).given([track, commitment]).when(cmd('DialogueCommitmentRecorded', '2023-03-01', { commitmentId: 'C2' })).thenAccepts();
});

t.test('a commitment is assessed once, as fulfilled or lapsed', async (t) => {
  spec(t).given([track]).when(cmd('DialogueCommitmentFulfilled', '2023-05-01')).thenThrows('COMMITMENT_UNKNOWN');
  spec(t).given([track, commitment]).when(cmd('DialogueCommitmentFulfilled', '2023-05-01')).thenAccepts();
  spec(t).given([track, commitment]).when(cmd('DialogueCommitmentLapsed', '2023-05-01')).thenAccepts();
  const fulfilled = f('DialogueCommitmentFulfilled', '2023-05-01');
  spec(t).given([track, commitment, fulfilled]).when(cmd('DialogueCommitmentLapsed', '2023-06-01')).thenThrows('COMMITMENT_NOT_OPEN', /already assessed as fulfilled on 2023-05-01/);
  spec(t).given([track, commitment, fulfilled]).when(cmd('DialogueCommitmentFulfilled', '2023-06-01')).thenThrows('COMMITMENT_NOT_OPEN');
});
