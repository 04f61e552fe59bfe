import t from 'tap';
import { replayCountry } from '../../../src/domain/index.js';
import { command as cmd, fact as f, spec, storedStream } from './spec.js';

const idSubmitted = f('IdentificationRequestSubmitted', '2024-01-10', { requestId: 'ID1' });
const raSubmitted = f('ReadmissionRequestSubmitted', '2024-01-10', { requestId: 'RA1' });
const raAccepted = f('ReadmissionRequestAnswered', '2024-02-01', { requestId: 'RA1', outcome: 'accepted' });
const raRejected = f('ReadmissionRequestAnswered', '2024-02-01', { requestId: 'RA1', outcome: 'rejected' });
const raOverdue = f('RequestDeadlineLapsed', '2024-02-15', { requestId: 'RA1', deadline: '2024-02-10', deemedAccepted: false });
const raDeemed = f('RequestDeadlineLapsed', '2024-02-15', { requestId: 'RA1', deadline: '2024-02-10', deemedAccepted: true });
const instrument = f('InstrumentNegotiationOpened', '2015-01-01', { instrumentId: 'I1' });

t.test('request ids are unique across identification and readmission', async (t) => {
  spec(t).given([]).when(cmd('IdentificationRequestSubmitted', '2024-01-10', { requestId: 'ID1' })).thenAccepts();
  spec(t).given([idSubmitted]).when(cmd('IdentificationRequestSubmitted', '2024-01-11', { requestId: 'ID1' })).thenThrows('REQUEST_EXISTS', /Identification request ID1/);
  spec(t).given([idSubmitted]).when(cmd('ReadmissionRequestSubmitted', '2024-01-11', { requestId: 'ID1' })).thenThrows('REQUEST_EXISTS');
  spec(t).given([raSubmitted]).when(cmd('IdentificationRequestSubmitted', '2024-01-11', { requestId: 'RA1' })).thenThrows('REQUEST_EXISTS', /Readmission request RA1/);
});

t.test('a named instrument must be recorded', async (t) => {
  spec(t).given([]).when(cmd('ReadmissionRequestSubmitted', '2024-01-10', { instrumentId: 'I1' })).thenThrows('INSTRUMENT_UNKNOWN', /I1, named by request R1/);
  spec(t).given([instrument]).when(cmd('ReadmissionRequestSubmitted', '2024-01-10', { instrumentId: 'I1' })).thenAccepts();
  spec(t).given([]).when(cmd('IdentificationRequestSubmitted', '2024-01-10', { instrumentId: 'I1' })).thenThrows('INSTRUMENT_UNKNOWN');
  spec(t).given([instrument]).when(cmd('IdentificationRequestSubmitted', '2024-01-10', { instrumentId: 'I1' })).thenAccepts();
});

t.test('answers: only for a submitted request of the same kind, once, not before submission', async (t) => {
  spec(t).given([]).when(cmd('ReadmissionRequestAnswered', '2024-02-01', { requestId: 'RA1' })).thenThrows('REQUEST_UNKNOWN');
  spec(t).given([raSubmitted]).when(cmd('ReadmissionRequestAnswered', '2024-02-01', { requestId: 'RA1' })).thenAccepts();
  spec(t).given([raSubmitted]).when(cmd('ReadmissionRequestAnswered', '2024-01-10', { requestId: 'RA1' })).thenAccepts();
  spec(t).given([raSubmitted]).when(cmd('ReadmissionRequestAnswered', '2024-01-09', { requestId: 'RA1' })).thenThrows('FACT_PREDATES_ENTITY', /submitted on 2024-01-10/);
  spec(t).given([raSubmitted]).when(cmd('IdentificationRequestAnswered', '2024-02-01', { requestId: 'RA1' })).thenThrows('REQUEST_KIND_MISMATCH', /RA1 is a readmission request, not an identification request/);
  spec(t).given([idSubmitted]).when(cmd('ReadmissionRequestAnswered', '2024-02-01', { requestId: 'ID1' })).thenThrows('REQUEST_KIND_MISMATCH');
  spec(t).given([idSubmitted]).when(cmd('IdentificationRequestAnswered', '2024-02-01', { requestId: 'ID1' })).thenAccepts();
  spec(t).given([raSubmitted, raAccepted]).when(cmd('ReadmissionRequestAnswered', '2024-03-01', { requestId: 'RA1' })).thenThrows('REQUEST_ALREADY_ANSWERED', /answered accepted on 2024-02-01/);
});

t.test('deadline lapse: only while unanswered; deadline and lapse dates consistent', async (t) => {
  spec(t).given([raSubmitted]).when(cmd('RequestDeadlineLapsed', '2024-02-15', { requestId: 'RA1', deadline: '2024-02-10' })).thenAccepts();
  spec(t).given([raSubmitted]).when(cmd('RequestDeadlineLapsed', '2024-02-10', { requestId: 'RA1', deadline: '2024-02-10' })).thenAccepts();
  spec(t).given([raSubmitted]).when(cmd('RequestDeadlineLapsed', '2024-02-09', { requestId: 'RA1', deadline: '2024-02-10' })).thenThrows('REQUEST_DEADLINE_INVALID', /deadline .* is 2024-02-10; it cannot have lapsed on 2024-02-09/);
  spec(t).given([raSubmitted]).when(cmd('RequestDeadlineLapsed', '2024-02-15', { requestId: 'RA1', deadline: '2024-01-09' })).thenThrows('REQUEST_DEADLINE_INVALID', /submitted on 2024-01-10/);
  spec(t).given([raSubmitted, raAccepted]).when(cmd('RequestDeadlineLapsed', '2024-02-15', { requestId: 'RA1', deadline: '2024-02-10' })).thenThrows('REQUEST_NOT_OPEN', /answered accepted/);
  spec(t).given([raSubmitted, raOverdue]).when(cmd('RequestDeadlineLapsed', '2024-03-15', { requestId: 'RA1', deadline: '2024-02-10' })).thenThrows('REQUEST_NOT_OPEN', /overdue/);
  spec(t).given([]).when(cmd('RequestDeadlineLapsed', '2024-02-15', { requestId: 'RA1', deadline: '2024-02-10' })).thenThrows('REQUEST_UNKNOWN');
  // The detail names the request as recorded: ids are case-sensitive, so "ra1" would name another request.
  spec(t).given([raSubmitted]).when(cmd('RequestDeadlineLapsed', '2024-02-09', { requestId: 'RA1', deadline: '2024-02-10' })).thenThrows('REQUEST_DEADLINE_INVALID', /^The deadline of readmission request RA1 is/);
});

t.test("deadline lapse: consistent with the terms of the request's instrument as they stood at submission", async (t) => {
  // 2024-01-10 is a Wednesday: 30 calendar days end on 2024-02-09, 5 working days on 2024-01-17.
  const terms = (over: Record<string, unknown> = {}) => f('InstrumentTermsRecorded', '2015-01-02', { acceleratedReplyDeadline: { days: 5, dayKind: 'working' }, ...over });
  const withInstrument = (procedure: string) => f('ReadmissionRequestSubmitted', '2024-01-10', { requestId: 'RA1', instrumentId: 'I1', procedure });
  const lapse = (deadline: string, deemedAccepted = false) => cmd('RequestDeadlineLapsed', '2024-03-01', { requestId: 'RA1', deadline, deemedAccepted });

  spec(t).given([instrument, terms(), withInstrument('normal')]).when(lapse('2024-02-09')).thenAccepts();
  // Later than the terms' deadline is possible (public holidays are not modelled); earlier is not.
  spec(t).given([instrument, terms(), withInstrument('normal')]).when(lapse('2024-02-12')).thenAccepts();
  spec(t).given([instrument, terms(), withInstrument('normal')]).when(lapse('2024-02-08'))
    .thenThrows('REQUEST_DEADLINE_INVALID', /^Instrument I1 gives 30 calendar days to reply: the deadline of readmission request RA1, submitted on 2024-01-10, is 2024-02-09 at the earliest, not 2024-02-08$/);
  spec(t).given([instrument, terms(), withInstrument('accelerated')]).when(lapse('2024-01-17')).thenAccepts();
  spec(t).given([instrument, terms(), withInstrument('accelerated')]).when(lapse('2024-01-16'))
    .thenThrows('REQUEST_DEADLINE_INVALID', /5 working days to reply in the accelerated procedure: .* is 2024-01-17 at the earliest/);
  // Without terms, or with terms recorded after the submission, nothing is known to check against.
  spec(t).given([instrument, withInstrument('normal')]).when(lapse('2024-01-11', true)).thenAccepts();
  spec(t).given([instrument, withInstrument('normal'), f('InstrumentTermsRecorded', '2024-01-11')]).when(lapse('2024-01-11', true)).thenAccepts();
  spec(t).given([raSubmitted]).when(lapse('2024-01-11', true)).thenAccepts();

  // Silence counts as consent only where the terms say so.
  spec(t).given([instrument, terms(), withInstrument('normal')]).when(lapse('2024-02-09', true))
    .thenThrows('REQUEST_CONSENT_NOT_IN_TERMS', /^The terms of instrument I1 \(recorded on 2015-01-02\) do not treat silence as consent; record the lapse of readmission request RA1 with deemedAccepted: false$/);
  spec(t).given([instrument, terms({ silenceMeansConsent: true }), withInstrument('normal')]).when(lapse('2024-02-09', true)).thenAccepts();
});

t.test('an overdue request may still be answered, flagged late; a deemed-accepted one may not', async (t) => {
  spec(t).given([raSubmitted, raOverdue]).when(cmd('ReadmissionRequestAnswered', '2024-03-01', { requestId: 'RA1' })).thenAccepts();
  spec(t).given([raSubmitted, raDeemed]).when(cmd('ReadmissionRequestAnswered', '2024-03-01', { requestId: 'RA1' })).thenThrows('REQUEST_ALREADY_ANSWERED', /deemed accepted/);
  const late = replayCountry('ET', storedStream([raSubmitted, raOverdue, f('ReadmissionRequestAnswered', '2024-03-01', { requestId: 'RA1', outcome: 'rejected' })]));
  t.match(late.requests.get('RA1'), { status: 'answered', outcome: 'rejected', late: true, answeredOn: '2024-03-01', lapse: { deadline: '2024-02-10', deemedAccepted: false } });
  const onTime = replayCountry('ET', storedStream([raSubmitted, raAccepted]));
  t.equal(onTime.requests.get('RA1')?.late, false);
});

t.test('travel documents: identified national, accepted, partly accepted or deemed accepted', async (t) => {
  const doc = (id: string) => cmd('TravelDocumentIssued', '2024-03-01', { requestId: id });
  spec(t).given([idSubmitted, f('IdentificationRequestAnswered', '2024-02-01', { requestId: 'ID1', outcome: 'identified-national' })]).when(doc('ID1')).thenAccepts();
  spec(t).given([idSubmitted, f('IdentificationRequestAnswered', '2024-02-01', { requestId: 'ID1', outcome: 'not-national' })]).when(doc('ID1')).thenThrows('REQUEST_NOT_ACCEPTED', /answered not-national/);
  spec(t).given([idSubmitted]).when(doc('ID1')).thenThrows('REQUEST_NOT_ACCEPTED', /open \(unanswered\)/);
  spec(t).given([raSubmitted, raAccepted]).when(doc('RA1')).thenAccepts();
  spec(t).given([raSubmitted, f('ReadmissionRequestAnswered', '2024-02-01', { requestId: 'RA1', outcome: 'partially-accepted' })]).when(doc('RA1')).thenAccepts();
  spec(t).given([raSubmitted, raDeemed]).when(doc('RA1')).thenAccepts();
  spec(t).given([raSubmitted, raRejected]).when(doc('RA1')).thenThrows('REQUEST_NOT_ACCEPTED');
  spec(t).given([raSubmitted, raOverdue]).when(doc('RA1')).thenThrows('REQUEST_NOT_ACCEPTED', /overdue/);
  spec(t).given([]).when(doc('RA1')).thenThrows('REQUEST_UNKNOWN');
});

t.test('consular presentations: open identification requests only', async (t) => {
  spec(t).given([idSubmitted]).when(cmd('ConsularPresentationHeld', '2024-01-20', { requestId: 'ID1' })).thenAccepts();
  spec(t).given([idSubmitted, f('RequestDeadlineLapsed', '2024-03-01', { requestId: 'ID1', deadline: '2024-02-10' })]).when(cmd('ConsularPresentationHeld', '2024-03-02', { requestId: 'ID1' })).thenAccepts();
  spec(t).given([idSubmitted]).when(cmd('ConsularPresentationHeld', '2024-01-09', { requestId: 'ID1' })).thenThrows('FACT_PREDATES_ENTITY');
  spec(t).given([idSubmitted, f('IdentificationRequestAnswered', '2024-02-01', { requestId: 'ID1' })]).when(cmd('ConsularPresentationHeld', '2024-02-02', { requestId: 'ID1' })).thenThrows('REQUEST_NOT_OPEN');
  spec(t).given([raSubmitted]).when(cmd('ConsularPresentationHeld', '2024-01-20', { requestId: 'RA1' })).thenThrows('REQUEST_KIND_MISMATCH');
});

t.test('transfers: once, for an accepted readmission request', async (t) => {
  const transfer = cmd('ReadmissionTransferRecorded', '2024-03-10', { requestId: 'RA1' });
  spec(t).given([raSubmitted, raAccepted]).when(transfer).thenAccepts();
  spec(t).given([raSubmitted, raDeemed]).when(transfer).thenAccepts();
  spec(t).given([raSubmitted, raRejected]).when(transfer).thenThrows('REQUEST_NOT_ACCEPTED');
  spec(t).given([raSubmitted]).when(transfer).thenThrows('REQUEST_NOT_ACCEPTED');
  spec(t).given([raSubmitted, raAccepted, f('ReadmissionTransferRecorded', '2024-03-10', { requestId: 'RA1' })]).when(transfer).thenThrows('REQUEST_TRANSFER_RECORDED', /2024-03-10/);
  spec(t).given([idSubmitted, f('IdentificationRequestAnswered', '2024-02-01', { requestId: 'ID1' })]).when(cmd('ReadmissionTransferRecorded', '2024-03-10', { requestId: 'ID1' })).thenThrows('REQUEST_KIND_MISMATCH');
});

t.test('EU travel document: names an existing request or operation', async (t) => {
  const op = f('ReturnOperationPlanned', '2024-01-01', { operationId: 'O1' });
  spec(t).given([raSubmitted]).when(cmd('EUTravelDocumentPresented', '2024-02-01', { requestId: 'RA1' })).thenAccepts();
  spec(t).given([]).when(cmd('EUTravelDocumentPresented', '2024-02-01', { requestId: 'RA1' })).thenThrows('REQUEST_UNKNOWN');
  spec(t).given([raSubmitted]).when(cmd('EUTravelDocumentPresented', '2024-01-01', { requestId: 'RA1' })).thenThrows('FACT_PREDATES_ENTITY');
  spec(t).given([op]).when(cmd('EUTravelDocumentPresented', '2024-02-01', { requestId: undefined, operationId: 'O1' })).thenAccepts();
  spec(t).given([]).when(cmd('EUTravelDocumentPresented', '2024-02-01', { requestId: undefined, operationId: 'O1' })).thenThrows('OPERATION_UNKNOWN');
  spec(t).given([raSubmitted]).when(cmd('EUTravelDocumentPresented', '2024-02-01', { requestId: 'RA1', operationId: 'O1' })).thenThrows('OPERATION_UNKNOWN');
  const state = replayCountry('ET', storedStream([raSubmitted, op, f('EUTravelDocumentPresented', '2024-02-01', { requestId: 'RA1', operationId: 'O1', accepted: false })]));
  t.match(state.requests.get('RA1'), { euTravelDocumentsPresented: 1, euTravelDocumentsAccepted: 0 });
  t.match(state.operations.get('O1'), { euTravelDocumentsPresented: 1, euTravelDocumentsAccepted: 0 });
});
