import t from 'tap';
import { replayCountry } from '../../../src/domain/index.js';
import { command as cmd, fact as f, spec, storedStream } from './spec.js';

// Ethiopia: 25a(5)(a) proposed 27 Sep 2023 (COM(2023) 568), adopted 29 Apr 2024, applies from 1 Jun 2024.
const etProposed = f('VisaMeasureProposed', '2023-09-27', { measureId: 'ET-2024-1341' });
const etAdopted = f('VisaMeasureAdopted', '2024-04-29', { measureId: 'ET-2024-1341', councilActRef: 'Implementing Decision (EU) 2024/1341' });
const etApplicable = f('VisaMeasureApplicable', '2024-05-14', { measureId: 'ET-2024-1341', applicableFrom: '2024-06-01' });
const fiveAInForce = [etProposed, etAdopted, etApplicable];

const feeMeasure = { measureId: 'FEE-1', legalBasis: '25a(5)(b)', provisions: ['16(2a)-higher'], fee: { amount: 135, currency: 'EUR' } };

const positive = { measureId: 'P1', legalBasis: '25a(8)', provisions: ['16(2a)-lower', '23(1)'], fee: { amount: 60, currency: 'EUR' } };
const posProposed = f('VisaMeasureProposed', '2025-01-10', positive);
const posAdopted = f('VisaMeasureAdopted', '2025-02-01', { measureId: 'P1' });
const posApplicable = f('VisaMeasureApplicable', '2025-02-15', { measureId: 'P1', applicableFrom: '2025-03-01', plannedEnd: '2026-03-01' });
const posInForce = [posProposed, posAdopted, posApplicable];

t.test('Ethiopia 2023-24: 25a(5)(a) proposed, adopted, applicable', async (t) => {
  spec(t).given([]).when(cmd('VisaMeasureProposed', '2023-09-27', { measureId: 'ET-2024-1341' })).thenAccepts();
  spec(t).given([etProposed]).when(cmd('VisaMeasureAdopted', '2024-04-29', { measureId: 'ET-2024-1341' })).thenAccepts();
  spec(t).given([etProposed, etAdopted]).when(cmd('VisaMeasureApplicable', '2024-05-14', { measureId: 'ET-2024-1341', applicableFrom: '2024-06-01' })).thenAccepts();
  const state = replayCountry('ET', storedStream(fiveAInForce));
  t.match(state.visaMeasures.get('ET-2024-1341'), { status: 'InForce', positive: false, applicableFrom: '2024-06-01', adoptedOn: '2024-04-29', proposedOn: '2023-09-27' });
  t.equal(state.visaMeasures.get('ET-2024-1341')?.plannedEnd, undefined);
});

t.test('proposal ids are unique; adoption and withdrawal only from Proposed', async (t) => {
  spec(t).given([etProposed]).when(cmd('VisaMeasureProposed', '2023-10-01', { measureId: 'ET-2024-1341' })).thenThrows('VISA_MEASURE_EXISTS', /ET-2024-1341/);
  spec(t).given([]).when(cmd('VisaMeasureAdopted', '2024-04-29')).thenThrows('VISA_MEASURE_UNKNOWN');
  spec(t).given([etProposed, etAdopted]).when(cmd('VisaMeasureAdopted', '2024-04-30', { measureId: 'ET-2024-1341' })).thenThrows('VISA_MEASURE_STATE_CONFLICT', /is Adopted/);
  spec(t).given([etProposed]).when(cmd('VisaMeasureProposalWithdrawn', '2024-01-01', { measureId: 'ET-2024-1341' })).thenAccepts();
  spec(t).given([etProposed, etAdopted]).when(cmd('VisaMeasureProposalWithdrawn', '2024-05-01', { measureId: 'ET-2024-1341' })).thenThrows('VISA_MEASURE_STATE_CONFLICT', /repeal an adopted measure instead/);
  const withdrawn = [etProposed, f('VisaMeasureProposalWithdrawn', '2024-01-01', { measureId: 'ET-2024-1341' })];
  spec(t).given(withdrawn).when(cmd('VisaMeasureAdopted', '2024-04-29', { measureId: 'ET-2024-1341' })).thenThrows('VISA_MEASURE_STATE_CONFLICT', /is Withdrawn/);
});

t.test('applicable only from Adopted; negative measures have no planned end', async (t) => {
  spec(t).given([etProposed]).when(cmd('VisaMeasureApplicable', '2024-05-14', { measureId: 'ET-2024-1341' })).thenThrows('VISA_MEASURE_STATE_CONFLICT', /is Proposed; it must be Adopted/);
  spec(t).given([etProposed, etAdopted]).when(cmd('VisaMeasureApplicable', '2024-05-14', { measureId: 'ET-2024-1341', plannedEnd: '2025-01-01' })).thenThrows('VISA_MEASURE_PERIOD_INVALID', /no planned end/);
  spec(t).given(fiveAInForce).when(cmd('VisaMeasureApplicable', '2024-07-01', { measureId: 'ET-2024-1341' })).thenThrows('VISA_MEASURE_STATE_CONFLICT', /is InForce/);
});

t.test('25a(5)(b) needs a 25a(5)(a) measure in force', async (t) => {
  spec(t).given([]).when(cmd('VisaMeasureProposed', '2024-09-01', feeMeasure)).thenThrows('VISA_MEASURE_ESCALATION_REQUIRED', /FEE-1 \(25a\(5\)\(b\), higher visa fee\) needs a 25a\(5\)\(a\) measure in force for ET/);
  // Proposed or adopted is not enough.
  spec(t).given([etProposed, etAdopted]).when(cmd('VisaMeasureProposed', '2024-09-01', feeMeasure)).thenThrows('VISA_MEASURE_ESCALATION_REQUIRED');
  spec(t).given(fiveAInForce).when(cmd('VisaMeasureProposed', '2024-09-01', feeMeasure)).thenAccepts();
  const repealed = [...fiveAInForce, f('VisaMeasureRepealed', '2024-08-01', { measureId: 'ET-2024-1341' })];
  spec(t).given(repealed).when(cmd('VisaMeasureProposed', '2024-09-01', feeMeasure)).thenThrows('VISA_MEASURE_ESCALATION_REQUIRED');
});

t.test('25a(5)(b) must raise the fee; provisions fit the legal basis', async (t) => {
  spec(t).given(fiveAInForce).when(cmd('VisaMeasureProposed', '2024-09-01', { ...feeMeasure, fee: undefined })).thenThrows('VISA_MEASURE_PROVISIONS_INVALID', /16\(2a\)-higher and state the higher fee/);
  spec(t).given(fiveAInForce).when(cmd('VisaMeasureProposed', '2024-09-01', { ...feeMeasure, provisions: ['14(6)'] })).thenThrows('VISA_MEASURE_PROVISIONS_INVALID');
  spec(t).given([]).when(cmd('VisaMeasureProposed', '2024-09-01', { provisions: ['14(6)', '16(2a)-higher'] })).thenThrows('VISA_MEASURE_PROVISIONS_INVALID', /higher fee is a 25a\(5\)\(b\) measure/);
  spec(t).given([]).when(cmd('VisaMeasureProposed', '2024-09-01', { provisions: ['16(2a)-lower'] })).thenThrows('VISA_MEASURE_PROVISIONS_INVALID');
  spec(t).given([]).when(cmd('VisaMeasureProposed', '2025-01-10', { ...positive, provisions: ['14(6)'] })).thenThrows('VISA_MEASURE_PROVISIONS_INVALID', /positive 25a\(8\) measure; it cannot concern 14\(6\)/);
  spec(t).given([]).when(cmd('VisaMeasureProposed', '2025-01-10', positive)).thenAccepts();
  spec(t).given(fiveAInForce).when(cmd('VisaMeasureAmended', '2025-01-10', { measureId: 'ET-2024-1341', newProvisions: ['16(2a)-lower'] })).thenThrows('VISA_MEASURE_PROVISIONS_INVALID');
});

t.test('positive measures: planned end required, within 12 months', async (t) => {
  const given = spec(t).given([posProposed, posAdopted]);
  given.when(cmd('VisaMeasureApplicable', '2025-02-15', { measureId: 'P1', applicableFrom: '2025-03-01', plannedEnd: '2026-03-01' })).thenAccepts();
  given.when(cmd('VisaMeasureApplicable', '2025-02-15', { measureId: 'P1', applicableFrom: '2025-03-01', plannedEnd: '2026-03-02' })).thenThrows('VISA_MEASURE_PERIOD_INVALID', /no later than 2026-03-01 \(12 months\)/);
  given.when(cmd('VisaMeasureApplicable', '2025-02-15', { measureId: 'P1', applicableFrom: '2025-03-01' })).thenThrows('VISA_MEASURE_PERIOD_INVALID', /give its plannedEnd/);
  given.when(cmd('VisaMeasureApplicable', '2025-02-15', { measureId: 'P1', applicableFrom: '2025-03-01', plannedEnd: '2025-03-01' })).thenThrows('VISA_MEASURE_PERIOD_INVALID');
  // Month arithmetic clamps: 29 Feb 2024 + 12 months = 28 Feb 2025.
  given.when(cmd('VisaMeasureApplicable', '2025-02-15', { measureId: 'P1', applicableFrom: '2024-02-29', plannedEnd: '2025-02-28' })).thenAccepts();
  given.when(cmd('VisaMeasureApplicable', '2025-02-15', { measureId: 'P1', applicableFrom: '2024-02-29', plannedEnd: '2025-03-01' })).thenThrows('VISA_MEASURE_PERIOD_INVALID');
});

t.test('amended and progress reported only in force', async (t) => {
  spec(t).given(fiveAInForce).when(cmd('VisaMeasureAmended', '2025-01-10', { measureId: 'ET-2024-1341' })).thenAccepts();
  spec(t).given(fiveAInForce).when(cmd('VisaMeasureProgressReported', '2024-11-01', { measureId: 'ET-2024-1341' })).thenAccepts();
  spec(t).given([etProposed, etAdopted]).when(cmd('VisaMeasureAmended', '2025-01-10', { measureId: 'ET-2024-1341' })).thenThrows('VISA_MEASURE_STATE_CONFLICT', /is Adopted/);
  spec(t).given([etProposed]).when(cmd('VisaMeasureProgressReported', '2024-11-01', { measureId: 'ET-2024-1341' })).thenThrows('VISA_MEASURE_STATE_CONFLICT', /is Proposed/);
  const amended = replayCountry('ET', storedStream([...fiveAInForce, f('VisaMeasureAmended', '2025-01-10', { measureId: 'ET-2024-1341', newProvisions: ['23(1)'] })]));
  t.match(amended.visaMeasures.get('ET-2024-1341'), { provisions: ['23(1)'], amendments: 1 });
});

t.test('renewal: positive, in force, later end within 12 months of the current end', async (t) => {
  spec(t).given(posInForce).when(cmd('VisaMeasureRenewed', '2026-02-01', { measureId: 'P1', newEnd: '2027-03-01' })).thenAccepts();
  spec(t).given(posInForce).when(cmd('VisaMeasureRenewed', '2026-02-01', { measureId: 'P1', newEnd: '2027-03-02' })).thenThrows('VISA_MEASURE_PERIOD_INVALID', /now ends on 2026-03-01/);
  spec(t).given(posInForce).when(cmd('VisaMeasureRenewed', '2026-02-01', { measureId: 'P1', newEnd: '2026-03-01' })).thenThrows('VISA_MEASURE_PERIOD_INVALID');
  spec(t).given(fiveAInForce).when(cmd('VisaMeasureRenewed', '2026-02-01', { measureId: 'ET-2024-1341', newEnd: '2027-03-01' })).thenThrows('VISA_MEASURE_NOT_POSITIVE');
  spec(t).given([posProposed, posAdopted]).when(cmd('VisaMeasureRenewed', '2026-02-01', { measureId: 'P1', newEnd: '2027-03-01' })).thenThrows('VISA_MEASURE_STATE_CONFLICT');
  // After a renewal, expiry follows the new end.
  const renewed = [...posInForce, f('VisaMeasureRenewed', '2026-02-01', { measureId: 'P1', newEnd: '2027-01-01' })];
  spec(t).given(renewed).when(cmd('VisaMeasureExpired', '2026-03-01', { measureId: 'P1' })).thenThrows('VISA_MEASURE_PERIOD_INVALID', /runs until 2027-01-01/);
  spec(t).given(renewed).when(cmd('VisaMeasureExpired', '2027-01-01', { measureId: 'P1' })).thenAccepts();
});

t.test('expiry: positive, in force, on or after the planned end', async (t) => {
  spec(t).given(posInForce).when(cmd('VisaMeasureExpired', '2026-03-01', { measureId: 'P1' })).thenAccepts();
  spec(t).given(posInForce).when(cmd('VisaMeasureExpired', '2026-02-28', { measureId: 'P1' })).thenThrows('VISA_MEASURE_PERIOD_INVALID');
  spec(t).given(fiveAInForce).when(cmd('VisaMeasureExpired', '2030-01-01', { measureId: 'ET-2024-1341' })).thenThrows('VISA_MEASURE_NOT_POSITIVE');
  const expired = [...posInForce, f('VisaMeasureExpired', '2026-03-01', { measureId: 'P1' })];
  spec(t).given(expired).when(cmd('VisaMeasureExpired', '2026-03-02', { measureId: 'P1' })).thenThrows('VISA_MEASURE_STATE_CONFLICT', /is Expired/);
});

t.test('repeal from Adopted or InForce', async (t) => {
  spec(t).given(fiveAInForce).when(cmd('VisaMeasureRepealed', '2025-04-12', { measureId: 'ET-2024-1341' })).thenAccepts();
  spec(t).given([etProposed, etAdopted]).when(cmd('VisaMeasureRepealed', '2025-04-12', { measureId: 'ET-2024-1341' })).thenAccepts();
  spec(t).given([etProposed]).when(cmd('VisaMeasureRepealed', '2025-04-12', { measureId: 'ET-2024-1341' })).thenThrows('VISA_MEASURE_STATE_CONFLICT', /is Proposed/);
  const repealed = [...fiveAInForce, f('VisaMeasureRepealed', '2025-04-12', { measureId: 'ET-2024-1341' })];
  spec(t).given(repealed).when(cmd('VisaMeasureRepealed', '2025-05-12', { measureId: 'ET-2024-1341' })).thenThrows('VISA_MEASURE_STATE_CONFLICT', /is Repealed/);
  spec(t).given(repealed).when(cmd('VisaMeasureAmended', '2025-05-12', { measureId: 'ET-2024-1341' })).thenThrows('VISA_MEASURE_STATE_CONFLICT');
});

t.test('member-state notifications and their examination', async (t) => {
  const notified = f('MemberStateNotificationSubmitted', '2023-03-01');
  spec(t).given([]).when(cmd('MemberStateNotificationSubmitted', '2023-03-01')).thenAccepts();
  spec(t).given([notified]).when(cmd('MemberStateNotificationSubmitted', '2023-04-01')).thenThrows('NOTIFICATION_EXISTS', /N1.*NL on 2023-03-01/);
  spec(t).given([]).when(cmd('NotificationExaminationConcluded', '2023-04-01')).thenThrows('NOTIFICATION_UNKNOWN');
  spec(t).given([notified]).when(cmd('NotificationExaminationConcluded', '2023-04-01')).thenAccepts();
  spec(t).given([notified, f('NotificationExaminationConcluded', '2023-04-01')]).when(cmd('NotificationExaminationConcluded', '2023-05-01')).thenThrows('NOTIFICATION_ALREADY_CONCLUDED', /2023-04-01 \(not-established\)/);
});

t.test('Commission assessments: unique (reportNo, dataPeriod), period started', async (t) => {
  const reported = f('CommissionAssessmentReported', '2024-07-23', { reportNo: 5, dataPeriod: '2023' });
  spec(t).given([]).when(cmd('CommissionAssessmentReported', '2024-07-23')).thenAccepts();
  spec(t).given([reported]).when(cmd('CommissionAssessmentReported', '2024-08-01', { reportNo: 5, dataPeriod: '2023' })).thenThrows('ASSESSMENT_ALREADY_REPORTED', /no\. 5 for 2023/);
  spec(t).given([reported]).when(cmd('CommissionAssessmentReported', '2024-08-01', { reportNo: 5, dataPeriod: '2022' })).thenAccepts();
  spec(t).given([reported]).when(cmd('CommissionAssessmentReported', '2025-08-01', { reportNo: 6, dataPeriod: '2023' })).thenAccepts();
  spec(t).given([]).when(cmd('CommissionAssessmentReported', '2024-07-23', { dataPeriod: '2025' })).thenThrows('STATISTICS_PERIOD_IN_FUTURE');
});
