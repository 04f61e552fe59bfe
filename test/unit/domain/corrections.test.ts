import assert from 'node:assert/strict';
import t from 'tap';
import { decideCorrection, effectiveHistory, evolveCountry, initialCountryState, replayCountry } from '../../../src/domain/index.js';
import { isAppError } from '../../../src/errors/catalogue.js';
import { command as cmd, eventUuid, fact as f, spec, storedEvent, storedStream, TODAY } from './spec.js';

const SUBMITTED = eventUuid(101);
const ANSWER = eventUuid(102);
const DOC = eventUuid(103);
const SESSION = eventUuid(104);

const submitted = f('ReadmissionRequestSubmitted', '2024-01-10', { requestId: 'RA1' }, SUBMITTED);
const accepted = f('ReadmissionRequestAnswered', '2024-02-01', { requestId: 'RA1', outcome: 'accepted' }, ANSWER);
const doc = f('TravelDocumentIssued', '2024-03-01', { requestId: 'RA1' }, DOC);
const track = f('DialogueTrackOpened', '2023-01-01');
const session = f('DialogueSessionHeld', '2023-02-01', {}, SESSION);

const correct = (target: string, data: Record<string, unknown>, occurredOn?: string) =>
  cmd('EntryCorrected', '2024-06-01', { correctedEventId: target, reason: 'Wrong outcome typed.', data, ...(occurredOn ? { occurredOn } : {}) });
const retract = (target: string) => cmd('EntryRetracted', '2024-06-01', { retractedEventId: target, reason: 'Recorded in error.' });

t.test('correcting an answer that a travel document depends on is refused', async (t) => {
  spec(t).given([submitted, accepted, doc]).when(correct(ANSWER, { requestId: 'RA1', outcome: 'rejected' })).thenThrows(
    'CORRECTION_BREAKS_HISTORY',
    new RegExp(`TravelDocumentIssued ${DOC} \\(2024-03-01\\) would no longer be valid: Readmission request RA1 is answered rejected`),
  );
});

t.test('the same correction without a dependent fact is accepted', async (t) => {
  spec(t).given([submitted, accepted]).when(correct(ANSWER, { requestId: 'RA1', outcome: 'rejected' })).then({
    type: 'EntryCorrected',
    occurredOn: '2024-06-01',
    data: { correctedEventId: ANSWER, reason: 'Wrong outcome typed.', data: { requestId: 'RA1', outcome: 'rejected' } },
  });
});

t.test('a corrected fact must itself stay valid where it stands', async (t) => {
  // Answer dated before the submission.
  spec(t).given([submitted, accepted]).when(correct(ANSWER, { requestId: 'RA1', outcome: 'accepted' }, '2024-01-01')).thenThrows('CORRECTION_BREAKS_HISTORY', /the corrected ReadmissionRequestAnswered .* would not be valid where it stands: .*submitted on 2024-01-10/);
  // Moving the submission after the answer breaks the answer.
  spec(t).given([submitted, accepted]).when(correct(SUBMITTED, { requestId: 'RA1', caseRef: 'cd'.repeat(16), requestingState: 'NL', procedure: 'normal', personCategory: 'own-national' }, '2024-03-01')).thenThrows('CORRECTION_BREAKS_HISTORY', new RegExp(`ReadmissionRequestAnswered ${ANSWER}`));
  // A reference may be corrected, but must point to something recorded.
  spec(t).given([submitted]).when(correct(SUBMITTED, { requestId: 'RA1', caseRef: 'cd'.repeat(16), requestingState: 'NL', procedure: 'normal', personCategory: 'own-national', instrumentId: 'NOPE' })).thenThrows('CORRECTION_BREAKS_HISTORY', /Instrument NOPE/);
  const instrument = f('InstrumentNegotiationOpened', '2015-01-01', { instrumentId: 'I1' });
  spec(t).given([instrument, submitted]).when(correct(SUBMITTED, { requestId: 'RA1', caseRef: 'cd'.repeat(16), requestingState: 'NL', procedure: 'normal', personCategory: 'own-national', instrumentId: 'I1' })).thenAccepts();
});

t.test('retractions', async (t) => {
  spec(t).given([track, session, submitted, accepted, doc]).when(retract(SESSION)).then({
    type: 'EntryRetracted',
    occurredOn: '2024-06-01',
    data: { retractedEventId: SESSION, reason: 'Recorded in error.' },
  });
  spec(t).given([submitted, accepted, doc]).when(retract(SUBMITTED)).thenThrows('CORRECTION_BREAKS_HISTORY', /Retracting ReadmissionRequestSubmitted .*ReadmissionRequestAnswered .* would no longer be valid: Request RA1 is not recorded.*; correct or retract ReadmissionRequestAnswered [0-9a-f-]{36} first$/);
  spec(t).given([submitted, accepted, doc]).when(retract(DOC)).thenAccepts();
  const retracted = storedEvent({ ...retract(SESSION), eventId: eventUuid(900) }, 2);
  spec(t).given([track, session, retracted]).when(retract(SESSION)).thenThrows('CORRECTION_TARGET_RETRACTED', /already retracted on 2024-06-01/);
  spec(t).given([track, session, retracted]).when(correct(SESSION, { trackId: 'T1', outcomeSummary: 'x' })).thenThrows('CORRECTION_TARGET_RETRACTED');
});

t.test('the target must be an event of this country, and not a correction', async (t) => {
  const turkish = storedStream([f('DialogueTrackOpened', '2023-01-01', {}, eventUuid(555))], 'TR');
  spec(t).given([track]).when(retract(eventUuid(555))).thenThrows('CORRECTION_TARGET_UNKNOWN', /not part of the history of ET/);
  // Even when a caller passes a mixed list, an event of another country is not a target.
  spec(t).given([track, ...turkish.map((e) => ({ ...e, streamRevision: 1 }))]).when(retract(eventUuid(555))).thenThrows('CORRECTION_TARGET_UNKNOWN');
  const retraction = storedEvent({ ...retract(SESSION), eventId: eventUuid(900) }, 2);
  spec(t).given([track, session, retraction]).when(retract(eventUuid(900))).thenThrows('CORRECTION_OF_CORRECTION', /itself a correction/);
});

t.test('corrected data is validated against the original type, paths prefixed data.data.', async (t) => {
  const history = storedStream([submitted, accepted]);
  try {
    decideCorrection('ET', history, correct(ANSWER, { requestId: 'RA1', outcome: 'maybe' }), TODAY);
    t.fail('should be refused');
  } catch (err) {
    if (!isAppError(err)) throw err;
    t.equal(err.code, 'VALIDATION_FAILED');
    t.equal(err.status, 400);
    t.match(err.errors, [{ path: 'data.data.outcome', message: String }]);
  }
  spec(t).given([submitted, accepted]).when(correct(ANSWER, { requestId: 'RA1', outcome: 'accepted', extra: 1 })).thenThrows('VALIDATION_FAILED');
});

t.test('identity fields may not change', async (t) => {
  const other = f('ReadmissionRequestSubmitted', '2024-01-11', { requestId: 'RA2' });
  spec(t).given([submitted, other, accepted]).when(correct(ANSWER, { requestId: 'RA2', outcome: 'accepted' })).thenThrows('CORRECTION_CHANGES_IDENTITY', /may not change requestId RA1 -> RA2; retract the event and record it again/);
  spec(t).given([track, session]).when(correct(SESSION, { trackId: 'T2', outcomeSummary: 'x' })).thenThrows('CORRECTION_CHANGES_IDENTITY');
});

t.test('facts that were already invalid do not block an unrelated correction', async (t) => {
  // A duplicate track (recorded before the rule existed, say) stays in the history.
  const duplicate = f('DialogueTrackOpened', '2023-05-01');
  spec(t).given([track, duplicate, session]).when(retract(SESSION)).thenAccepts();
});

t.test('replay with corrections equals the state as if the corrected facts had been recorded originally', async (t) => {
  const corrections = [
    { ...correct(ANSWER, { requestId: 'RA1', outcome: 'partially-accepted' }, '2024-02-05'), eventId: eventUuid(201) },
    { ...retract(SESSION), eventId: eventUuid(202) },
  ];
  const withCorrections = storedStream([track, session, submitted, accepted, doc, ...corrections]);
  const asIfOriginal = storedStream([
    track,
    submitted,
    f('ReadmissionRequestAnswered', '2024-02-05', { requestId: 'RA1', outcome: 'partially-accepted' }),
    doc,
  ]);
  const replayed = replayCountry('ET', withCorrections);
  assert.deepStrictEqual(replayed, replayCountry('ET', asIfOriginal));
  t.match(replayed.requests.get('RA1'), { outcome: 'partially-accepted', answeredOn: '2024-02-05', travelDocumentsIssued: 1 });
  t.equal(replayed.tracks.get('T1')?.sessionsHeld, 0);
});

t.test('effective history: latest correction wins, retractions removed, order kept', async (t) => {
  const events = storedStream([
    track,
    session,
    { ...correct(SESSION, { trackId: 'T1', outcomeSummary: 'first fix' }), eventId: eventUuid(301) },
    { ...correct(SESSION, { trackId: 'T1', outcomeSummary: 'second fix' }, '2023-02-02'), eventId: eventUuid(302) },
    submitted,
    { ...retract(SUBMITTED), eventId: eventUuid(303) },
  ]);
  const effective = effectiveHistory(events);
  t.same(effective.map((e) => e.type), ['DialogueTrackOpened', 'DialogueSessionHeld']);
  t.same(effective[1]?.data, { trackId: 'T1', outcomeSummary: 'second fix' });
  t.equal(effective[1]?.occurredOn, '2023-02-02');
  t.equal(effective[1]?.streamRevision, 1, 'the envelope of the original is kept');
  t.equal(events[1]?.data['outcomeSummary'], 'Agreed to meet again.', 'stored events are not modified');
});

t.test('evolveCountry refuses correction events: rebuild with replayCountry', async (t) => {
  const e = storedEvent({ ...retract(SESSION) }, 0);
  t.throws(() => evolveCountry(initialCountryState('ET'), e), /replayCountry/);
});

t.test('decideCorrection only decides corrections', async (t) => {
  t.throws(() => decideCorrection('ET', [], cmd('DialogueTrackOpened', '2023-01-01'), TODAY), { code: 'BAD_REQUEST' });
});

t.test('a correction follows the date rule of every fact: neither it nor a corrected occurredOn after today', async (t) => {
  const history = storedStream([submitted, accepted]);
  const today = '2024-06-01';
  const refuses = (command: ReturnType<typeof cmd>, message: RegExp) => t.throws(() => decideCorrection('ET', history, command, today), { code: 'FACT_DATED_IN_FUTURE', message });
  refuses(cmd('EntryRetracted', '2024-06-03', { retractedEventId: ANSWER, reason: 'Recorded in error.' }), /^EntryRetracted is dated 2024-06-03/);
  refuses(cmd('EntryCorrected', '2024-06-03', { correctedEventId: ANSWER, reason: 'Typo.', data: { requestId: 'RA1', outcome: 'accepted' } }), /^EntryCorrected is dated 2024-06-03/);
  refuses(correct(ANSWER, { requestId: 'RA1', outcome: 'accepted' }, '2099-01-01'), new RegExp(`^The corrected ReadmissionRequestAnswered ${ANSWER} is dated 2099-01-01, after today`));
  const nextDay = cmd('EntryCorrected', '2024-06-02', { correctedEventId: ANSWER, reason: 'Typo.', data: { requestId: 'RA1', outcome: 'accepted' }, occurredOn: '2024-06-02' });
  t.equal(decideCorrection('ET', history, nextDay, today).data['occurredOn'], '2024-06-02', 'the next day is allowed');
});

t.test('a correction is made on or after the date of the fact it corrects, as that date stands after it', async (t) => {
  const on = (date: string, over: Record<string, unknown> = {}) =>
    cmd('EntryCorrected', date, { correctedEventId: ANSWER, reason: 'Typo.', data: { requestId: 'RA1', outcome: 'rejected' }, ...over });
  spec(t).given([submitted, accepted]).when(on('2024-01-31')).thenThrows('FACT_PREDATES_ENTITY', new RegExp(`^ReadmissionRequestAnswered ${ANSWER} is dated 2024-02-01; EntryCorrected cannot be dated 2024-01-31`));
  spec(t).given([submitted, accepted]).when(on('2024-02-01')).thenAccepts();
  // A corrected date replaces the original one: it is the date the correction must not precede.
  spec(t).given([submitted, accepted]).when(on('2024-03-01', { occurredOn: '2024-03-02' })).thenThrows('FACT_PREDATES_ENTITY', /is dated 2024-03-02; a correction made on 2024-03-01 cannot know of it/);
  spec(t).given([submitted, accepted]).when(on('2024-01-20', { occurredOn: '2024-01-15' })).thenAccepts();
  // A retraction says the entry was wrong, its date included: nothing to compare.
  spec(t).given([submitted, accepted]).when(cmd('EntryRetracted', '2024-01-31', { retractedEventId: ANSWER, reason: 'Recorded in error.' })).thenAccepts();
});
