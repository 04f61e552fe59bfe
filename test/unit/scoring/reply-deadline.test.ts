import t from 'tap';
import type { Scorecard } from '../../../contracts/read-models.js';
import { countryStateProjection } from '../../../projections/country-state/index.js';
import { buildInMemory } from '../../../projections/memory-tx.js';
import { computeScorecard } from '../../../projections/scoring/compute-scorecard.js';
import { scoringModelV1 } from '../../../projections/scoring/model-v1.js';
import { workingDaysTo } from '../../../src/domain/deadlines.js';
import { EventLog, inputsFromMemory } from '../projections/fixtures.js';

/**
 * D1 timeliness: a request is answered in time when answered by the reply deadline of its
 * instrument's terms (working days skip weekends; the accelerated deadline for the accelerated
 * procedure), else by the model's default deadline (30 calendar days). The terms are facts like
 * any other: recorded after the requests, or corrected, they still set the deadline.
 */
const SOP = 'TN-SOP';
const terms = (replyDeadline: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  instrumentId: SOP,
  replyDeadline,
  acceptsEUTravelDocument: 'yes',
  acceptsCharter: 'yes',
  silenceMeansConsent: false,
  coversTCN: false,
  ...extra,
});
let n = 0;
function request(log: EventLog, submittedOn: string, answeredOn: string, extra: Record<string, unknown> = {}): void {
  const requestId = `TN-RR-${n++}`;
  log.add('TN', 'ReadmissionRequestSubmitted', submittedOn, { requestId, caseRef: 'ab'.repeat(10) + String(n).padStart(4, '0'), requestingState: 'NL', procedure: 'normal', personCategory: 'own-national', ...extra });
  log.add('TN', 'ReadmissionRequestAnswered', answeredOn, { requestId, outcome: 'accepted' });
}
function withInstrument(): EventLog {
  const log = new EventLog();
  log.add('TN', 'InstrumentNegotiationOpened', '2020-01-01', { instrumentId: SOP, title: 'SOP', kind: 'SOP-admission-procedures', level: 'EU', legallyBinding: false });
  return log;
}
const timeliness = (log: EventLog): Scorecard['indicators'][number]['components'][number] => {
  const card = computeScorecard(inputsFromMemory(buildInMemory(countryStateProjection, log.events), 'TN', 2021, null), scoringModelV1, { closed: false });
  return card.indicators.find((i) => i.code === 'D1')!.components.find((c) => c.name === 'timeliness')!;
};

t.test('working days, the accelerated procedure and the default deadline', async (t) => {
  const log = withInstrument();
  log.add('TN', 'InstrumentTermsRecorded', '2020-06-01', terms({ days: 10, dayKind: 'working' }, { acceleratedReplyDeadline: { days: 3, dayKind: 'calendar' } }));
  // Monday 2021-02-01 + 10 working days = Monday 2021-02-15.
  for (let i = 0; i < 4; i++) request(log, '2021-02-01', '2021-02-15', { instrumentId: SOP });
  for (let i = 0; i < 4; i++) request(log, '2021-02-01', '2021-02-16', { instrumentId: SOP });
  // Accelerated: 3 calendar days.
  for (let i = 0; i < 3; i++) request(log, '2021-02-01', '2021-02-04', { instrumentId: SOP, procedure: 'accelerated' });
  for (let i = 0; i < 3; i++) request(log, '2021-02-01', '2021-02-05', { instrumentId: SOP, procedure: 'accelerated' });
  // Friday 2021-02-05 + 1 working day = Monday 2021-02-08: a Saturday answer is in time, the Tuesday one is not.
  log.add('TN', 'InstrumentNegotiationOpened', '2020-01-01', { instrumentId: 'TN-WA', title: 'WA', kind: 'working-arrangement', level: 'NL', legallyBinding: false });
  log.add('TN', 'InstrumentTermsRecorded', '2020-06-01', { ...terms({ days: 1, dayKind: 'working' }), instrumentId: 'TN-WA' });
  request(log, '2021-02-05', '2021-02-06', { instrumentId: 'TN-WA' });
  request(log, '2021-02-05', '2021-02-09', { instrumentId: 'TN-WA' });
  // No instrument: 30 calendar days (2021-03-03 in time, 2021-03-04 late).
  request(log, '2021-02-01', '2021-03-03');
  request(log, '2021-02-01', '2021-03-04');
  t.same([timeliness(log).numerator, timeliness(log).denominator], [4 + 3 + 1 + 1, 18]);
});

t.test('terms recorded after the requests were answered set their deadline', async (t) => {
  const log = withInstrument();
  for (let i = 0; i < 10; i++) request(log, '2021-02-01', '2021-02-21', { instrumentId: SOP });
  t.equal(timeliness(log).numerator, 10, 'no terms yet: 20 days is within the default 30');
  log.add('TN', 'InstrumentTermsRecorded', '2020-06-01', terms({ days: 10, dayKind: 'calendar' }));
  t.equal(timeliness(log).numerator, 0, '20 days is beyond the instrument deadline of 10');
});

t.test('a correction or retraction of the terms changes the deadline', async (t) => {
  const log = withInstrument();
  const recorded = log.add('TN', 'InstrumentTermsRecorded', '2020-06-01', terms({ days: 30, dayKind: 'calendar' }));
  for (let i = 0; i < 10; i++) request(log, '2021-02-01', '2021-02-21', { instrumentId: SOP });
  t.equal(timeliness(log).numerator, 10);
  log.correct('TN', recorded, terms({ days: 10, dayKind: 'calendar' }));
  t.equal(timeliness(log).numerator, 0, 'corrected to 10 days: all late');
  log.retract('TN', recorded);
  t.equal(timeliness(log).numerator, 10, 'retracted: the default 30 days again');
});

t.test('D1 cites the terms that set the deadline', async (t) => {
  const log = withInstrument();
  const recorded = log.add('TN', 'InstrumentTermsRecorded', '2020-06-01', terms({ days: 30, dayKind: 'calendar' }));
  for (let i = 0; i < 10; i++) request(log, '2021-02-01', '2021-02-21', { instrumentId: SOP });
  const card = computeScorecard(inputsFromMemory(buildInMemory(countryStateProjection, log.events), 'TN', 2021, null), scoringModelV1, { closed: false });
  const d1 = card.indicators.find((i) => i.code === 'D1')!;
  t.ok(d1.evidence.includes(recorded.eventId), 'the terms event is among the evidence');
  t.ok(d1.notes.some((note) => note === `Reply deadline of ${SOP}: 30 calendar days`), JSON.stringify(d1.notes));
});

t.test('workingDaysTo reads other ISO forms and refuses what is no date (it used to recurse without end)', async (t) => {
  t.equal(workingDaysTo('2024-01-12T00:00:00Z', '2024-01-15'), 1, 'Friday to Monday: one working day');
  t.throws(() => workingDaysTo('no date', '2024-01-15'), /Not an ISO date: no date/);
});
