import t from 'tap';
import { replayCountry } from '../../../src/domain/index.js';
import { command as cmd, fact as f, spec, storedStream } from './spec.js';

const opened = f('InstrumentNegotiationOpened', '2015-01-01', { instrumentId: 'I1', legallyBinding: true });
const agreed = f('InstrumentAgreed', '2016-01-01');
const adopted = f('InstrumentAdopted', '2016-06-01');
const inForce = f('InstrumentProvisionsApplicable', '2016-10-01');
const lifeInForce = [opened, agreed, adopted, inForce];
const suspended = f('InstrumentSuspensionDeclared', '2019-07-22', { effect: 'observed-in-practice' });
const declaredOnly = f('InstrumentSuspensionDeclared', '2019-07-22', { effect: 'declared-only' });
const second = f('InstrumentNegotiationOpened', '2020-01-01', { instrumentId: 'I2' });

t.test('negotiation opens an instrument with a unique id', async (t) => {
  spec(t).given([]).when(cmd('InstrumentNegotiationOpened', '2015-01-01')).thenAccepts();
  spec(t).given([opened]).when(cmd('InstrumentNegotiationOpened', '2015-02-01')).thenThrows('INSTRUMENT_EXISTS', /I1 is already recorded \(now Negotiating\)/);
  spec(t).given([]).when(cmd('InstrumentAgreed', '2015-02-01')).thenThrows('INSTRUMENT_UNKNOWN', /I1/);
});

t.test('agreed from negotiating, adopted from agreed', async (t) => {
  spec(t).given([opened]).when(cmd('InstrumentAgreed', '2016-01-01')).thenAccepts();
  spec(t).given([opened, agreed]).when(cmd('InstrumentAgreed', '2016-01-02')).thenThrows('INSTRUMENT_STATE_CONFLICT', /I1 is Agreed/);
  spec(t).given([opened]).when(cmd('InstrumentAdopted', '2016-01-01')).thenThrows('INSTRUMENT_STATE_CONFLICT', /I1 is Negotiating; it must be Agreed/);
  spec(t).given([opened, agreed]).when(cmd('InstrumentAdopted', '2016-06-01')).thenAccepts();
});

t.test('provisions apply from Adopted; from Agreed only when not legally binding', async (t) => {
  spec(t).given([opened, agreed, adopted]).when(cmd('InstrumentProvisionsApplicable', '2016-10-01')).thenAccepts();
  spec(t).given([opened, agreed]).when(cmd('InstrumentProvisionsApplicable', '2016-10-01')).thenThrows('INSTRUMENT_STATE_CONFLICT', /I1 is Agreed; it must be Adopted/);
  spec(t).given([opened]).when(cmd('InstrumentProvisionsApplicable', '2016-10-01')).thenThrows('INSTRUMENT_STATE_CONFLICT', /is Negotiating/);
  spec(t).given(lifeInForce).when(cmd('InstrumentProvisionsApplicable', '2017-10-01')).thenThrows('INSTRUMENT_STATE_CONFLICT', /is InForce/);
});

t.test('Ethiopia 2018: non-binding admission procedures go from Agreed to in force', async (t) => {
  const id = 'ET-EU-ADM-2018';
  const history = [
    f('InstrumentNegotiationOpened', '2017-10-01', { instrumentId: id, kind: 'SOP-admission-procedures', legallyBinding: false, title: 'EU-Ethiopia admission procedures' }),
    f('InstrumentAgreed', '2017-12-05', { instrumentId: id }),
  ];
  spec(t).given(history.slice(0, 1)).when(cmd('InstrumentProvisionsApplicable', '2018-02-05', { instrumentId: id })).thenThrows(
    'INSTRUMENT_STATE_CONFLICT',
    /Instrument ET-EU-ADM-2018 is Negotiating; it must be Adopted \(or Agreed, if not legally binding\) before its provisions can apply/,
  );
  spec(t).given(history).when(cmd('InstrumentProvisionsApplicable', '2018-02-05', { instrumentId: id })).thenAccepts();
  const state = replayCountry('ET', storedStream([...history, f('InstrumentProvisionsApplicable', '2018-02-05', { instrumentId: id, provisions: ['return of own nationals'] })]));
  t.match(state.instruments.get(id), { status: 'InForce', inForceFrom: '2018-02-05', agreedOn: '2017-12-05', adoptedOn: undefined, provisions: ['return of own nationals'] });
});

t.test('suspension only when in force; declared-only keeps InForce (Turkey 2019)', async (t) => {
  spec(t).given([opened, agreed, adopted]).when(cmd('InstrumentSuspensionDeclared', '2019-07-22')).thenThrows('INSTRUMENT_STATE_CONFLICT', /is Adopted; only an instrument in force/);
  spec(t).given(lifeInForce).when(cmd('InstrumentSuspensionDeclared', '2019-07-22', { effect: 'declared-only' })).thenAccepts();
  spec(t).given(lifeInForce).when(cmd('InstrumentSuspensionDeclared', '2019-07-22', { effect: 'observed-in-practice' })).thenAccepts();
  spec(t).given([...lifeInForce, suspended]).when(cmd('InstrumentSuspensionDeclared', '2019-08-22')).thenThrows('INSTRUMENT_STATE_CONFLICT', /is Suspended/);

  const turkey = replayCountry('TR', storedStream([...lifeInForce, declaredOnly], 'TR'));
  t.match(turkey.instruments.get('I1'), { status: 'InForce', suspension: { effect: 'declared-only', declaredBy: 'partner', declaredOn: '2019-07-22' } });
  const observed = replayCountry('TR', storedStream([...lifeInForce, declaredOnly, f('InstrumentSuspensionDeclared', '2019-09-01')], 'TR'));
  t.match(observed.instruments.get('I1'), { status: 'Suspended', suspension: { effect: 'observed-in-practice' } });
});

t.test('resumed from Suspended, or clears a declared-only suspension', async (t) => {
  spec(t).given([...lifeInForce, suspended]).when(cmd('InstrumentResumed', '2020-01-01')).thenAccepts();
  spec(t).given([...lifeInForce, declaredOnly]).when(cmd('InstrumentResumed', '2020-01-01')).thenAccepts();
  spec(t).given(lifeInForce).when(cmd('InstrumentResumed', '2020-01-01')).thenThrows('INSTRUMENT_STATE_CONFLICT', /is InForce without a declared suspension/);
  const resumed = replayCountry('ET', storedStream([...lifeInForce, declaredOnly, f('InstrumentResumed', '2020-01-01')]));
  t.match(resumed.instruments.get('I1'), { status: 'InForce', suspension: undefined });
});

t.test('terminated from InForce or Suspended; nothing after the end', async (t) => {
  spec(t).given(lifeInForce).when(cmd('InstrumentTerminated', '2021-01-01')).thenAccepts();
  spec(t).given([...lifeInForce, suspended]).when(cmd('InstrumentTerminated', '2021-01-01')).thenAccepts();
  spec(t).given([opened, agreed, adopted]).when(cmd('InstrumentTerminated', '2021-01-01')).thenThrows('INSTRUMENT_STATE_CONFLICT');
  const ended = [...lifeInForce, f('InstrumentTerminated', '2021-01-01')];
  spec(t).given(ended).when(cmd('InstrumentTerminated', '2021-02-01')).thenThrows('INSTRUMENT_STATE_CONFLICT', /is Terminated/);
  spec(t).given(ended).when(cmd('InstrumentTermsRecorded', '2021-02-01')).thenThrows('INSTRUMENT_STATE_CONFLICT', /Terminated since 2021-01-01/);
  spec(t).given(ended).when(cmd('InstrumentReviewMeetingHeld', '2021-02-01')).thenThrows('INSTRUMENT_STATE_CONFLICT');
});

t.test('superseded from InForce by another recorded instrument', async (t) => {
  spec(t).given([...lifeInForce, second]).when(cmd('InstrumentSuperseded', '2021-01-01', { byInstrumentId: 'I2' })).thenAccepts();
  spec(t).given(lifeInForce).when(cmd('InstrumentSuperseded', '2021-01-01', { byInstrumentId: 'I2' })).thenThrows('INSTRUMENT_UNKNOWN', /I2, named as replacing I1/);
  spec(t).given(lifeInForce).when(cmd('InstrumentSuperseded', '2021-01-01', { byInstrumentId: 'I1' })).thenThrows('INSTRUMENT_SUPERSEDED_BY_ITSELF');
  spec(t).given([...lifeInForce, suspended, second]).when(cmd('InstrumentSuperseded', '2021-01-01')).thenThrows('INSTRUMENT_STATE_CONFLICT', /is Suspended/);
  const state = replayCountry('ET', storedStream([...lifeInForce, second, f('InstrumentSuperseded', '2021-01-01')]));
  t.match(state.instruments.get('I1'), { status: 'Superseded', supersededBy: 'I2', endedOn: '2021-01-01' });
});

t.test('terms for any existing, not ended instrument; kept in state', async (t) => {
  spec(t).given([opened]).when(cmd('InstrumentTermsRecorded', '2015-06-01')).thenAccepts();
  spec(t).given([...lifeInForce, suspended]).when(cmd('InstrumentTermsRecorded', '2019-08-01')).thenAccepts();
  spec(t).given([]).when(cmd('InstrumentTermsRecorded', '2015-06-01')).thenThrows('INSTRUMENT_UNKNOWN');
  const terms = f('InstrumentTermsRecorded', '2016-06-01', { silenceMeansConsent: true, acceptsEUTravelDocument: 'case-by-case' });
  const state = replayCountry('ET', storedStream([opened, terms]));
  t.same(state.instruments.get('I1')?.terms, {
    replyDeadline: { days: 30, dayKind: 'calendar' },
    acceptsEUTravelDocument: 'case-by-case',
    acceptsCharter: 'yes',
    silenceMeansConsent: true,
    coversTCN: false,
    recordedOn: '2016-06-01',
  });
});

t.test('review meetings from Adopted, InForce or Suspended', async (t) => {
  spec(t).given([opened, agreed, adopted]).when(cmd('InstrumentReviewMeetingHeld', '2017-01-01')).thenAccepts();
  spec(t).given(lifeInForce).when(cmd('InstrumentReviewMeetingHeld', '2017-01-01')).thenAccepts();
  spec(t).given([...lifeInForce, suspended]).when(cmd('InstrumentReviewMeetingHeld', '2019-09-01')).thenAccepts();
  spec(t).given([opened, agreed]).when(cmd('InstrumentReviewMeetingHeld', '2017-01-01')).thenThrows('INSTRUMENT_STATE_CONFLICT', /is Agreed/);
});
