import { createHash } from 'node:crypto';
import { demoCase, estimate, letter, src, type DemoProvenance } from './sources.js';

/**
 * The demo history: real facts and figures from domain-research.md 4.1-4.7, each with an honest
 * evidence status, plus a small number of invented case-level records (marked as demo estimates)
 * so that every scorecard indicator has data. `key` is stable: it becomes the Idempotency-Key.
 */
export interface DemoFact {
  key: string;
  country: string;
  family: string;
  body: { type: string; occurredOn: string; data: Record<string, unknown>; provenance: DemoProvenance };
}

const facts: DemoFact[] = [];
const add = (country: string, family: string, key: string, type: string, occurredOn: string, data: Record<string, unknown>, provenance: DemoProvenance) =>
  facts.push({ key: `${country}:${key}`, country, family, body: { type, occurredOn, data, provenance } });

const caseRef = (seed: string) => createHash('sha256').update(`rcm-demo:${seed}`).digest('hex').slice(0, 32);

// ------------------------------------------------------------------ Ethiopia (4.1)
{
  const C = 'ET';
  const adm = 'ET-EU-ADM-2018';
  add(C, 'instruments', 'adm-open', 'InstrumentNegotiationOpened', '2017-01-15', { instrumentId: adm, title: 'Admission procedures for the return of Ethiopians from EU Member States', kind: 'EU-readmission-arrangement', level: 'EU', legallyBinding: false }, src('commission', 'COM(2023) 568, recitals (negotiated 2017)', 'confirmed'));
  add(C, 'instruments', 'adm-agreed', 'InstrumentAgreed', '2018-02-05', { instrumentId: adm }, src('commission', 'Admission procedures concluded February 2018 [S13a][S42]', 'confirmed'));
  add(C, 'instruments', 'adm-applicable', 'InstrumentProvisionsApplicable', '2018-02-05', { instrumentId: adm, provisions: ['identification', 'emergency travel documents', 'scheduled and charter returns'] }, src('commission', 'Admission procedures concluded February 2018 [S13a][S42]', 'confirmed'));
  add(C, 'dialogues', 'jwg-track', 'DialogueTrackOpened', '2018-02-05', { trackId: 'ET-EU-JWG', title: 'EU-Ethiopia Joint Working Group on readmission', level: 'senior-officials', format: 'EU', parties: ['EU', 'ET'] }, src('commission', 'Follow-up body of the 2018 admission procedures', 'secondary'));
  add(C, 'dialogues', 'nl-track', 'DialogueTrackOpened', '2019-01-10', { trackId: 'ET-NL-1', title: 'NL-Ethiopia migration dialogue', level: 'senior-officials', format: 'NL-bilateral', parties: ['NL', 'ET'] }, letter('bilateral dialogue'));
  add(C, 'dialogues', 'nl-2023-session', 'DialogueSessionHeld', '2023-06-20', { trackId: 'ET-NL-1', location: 'Addis Ababa', participants: ['NL MFA', 'ET MFA', 'ET Immigration and Citizenship Service'], topics: ['laissez-passer procedure', 'identification'], outcomeSummary: 'LP approval still runs via Addis Ababa through the embassy in Brussels; agreed to test faster handling of complete requests.' }, demoCase('dialogue session 2023'));
  add(C, 'visa-measures', '25a-proposed', 'VisaMeasureProposed', '2023-09-27', { measureId: 'ET-25A-2023', legalBasis: '25a(5)(a)', provisions: ['14(6)', '16(5)(b)', '23(1)', '24(2)', '24(2c)'], scope: 'all-nationals', proposalRef: 'COM(2023) 568' }, src('commission', 'COM(2023) 568, 27.9.2023', 'confirmed', 'https://eur-lex.europa.eu/legal-content/MT/ALL/?uri=CELEX%3A52023PC0568'));
  add(C, 'visa-measures', '25a-adopted', 'VisaMeasureAdopted', '2024-04-29', { measureId: 'ET-25A-2023', councilActRef: 'Council Implementing Decision (EU) 2024/1341' }, src('council', 'Implementing Decision (EU) 2024/1341 of 29.4.2024', 'confirmed'));
  add(C, 'visa-measures', '25a-applicable', 'VisaMeasureApplicable', '2024-06-01', { measureId: 'ET-25A-2023', applicableFrom: '2024-06-01' }, src('council', 'Implementing Decision (EU) 2024/1341: applications from 1.6.2024', 'confirmed'));
  add(C, 'visa-measures', 'assessment-1', 'CommissionAssessmentReported', '2021-02-10', { reportNo: 1, dataPeriod: '2019', finding: 'not-public', documentRef: 'COM(2021) 56' }, src('commission', 'COM(2021) 56, first assessment on 2019 data', 'confirmed'));
  add(C, 'statistics', '2019-decisions', 'ReturnDecisionsReported', '2020-07-22', { period: '2019', reportingScope: 'EU27_2020', count: 1395, dataset: 'migr_eiord' }, src('eurostat', 'ISS analysis of Eurostat 2019 [S42]', 'secondary'));
  add(C, 'statistics', '2019-returns', 'ReturnsReported', '2020-07-22', { period: '2019', reportingScope: 'EU27_2020', count: 215, destination: 'all', returnType: 'all', dataset: 'migr_eirtn' }, src('eurostat', 'ISS analysis of Eurostat 2019 [S42]', 'secondary'));
  add(C, 'statistics', '2019-readmission', 'ReadmissionStatisticsReported', '2020-07-22', { period: '2019', reportingScope: 'EU27_2020', submitted: 985, travelDocsIssued: 41, source: 'ISS analysis [S42]' }, src('other', 'ISS analysis [S42]: 985 requests, 41 travel documents', 'secondary'));
}

// ------------------------------------------------------------------ Somalia (4.2)
{
  const C = 'SO';
  add(C, 'instruments', 'mou-open', 'InstrumentNegotiationOpened', '2010-01-15', { instrumentId: 'SO-NL-MOU-2010', title: 'DT&V MoU with the Ministry of National Security (TFG) on return of Somalis', kind: 'NL-MoU', level: 'NL', legallyBinding: false }, src('member-state', 'DT&V country page Somalia [S46]', 'confirmed'));
  add(C, 'instruments', 'mou-adopted', 'InstrumentAdopted', '2010-05-03', { instrumentId: 'SO-NL-MOU-2010', textRef: 'DT&V MoU of 3 May 2010', publiclyAvailable: false }, src('member-state', 'DT&V country page Somalia [S46]', 'confirmed'));
  add(C, 'instruments', 'mou-terms', 'InstrumentTermsRecorded', '2010-05-03', { instrumentId: 'SO-NL-MOU-2010', acceptsEUTravelDocument: 'yes', acceptsCharter: 'unknown', silenceMeansConsent: false, coversTCN: false }, src('member-state', 'DT&V [S46]: forced return possible on a European travel document', 'confirmed'));
  add(C, 'instruments', 'mou-applicable', 'InstrumentProvisionsApplicable', '2010-05-03', { instrumentId: 'SO-NL-MOU-2010', provisions: ['voluntary return', 'forced return (EU travel document)'] }, src('member-state', 'DT&V country page Somalia [S46]', 'confirmed'));
  add(C, 'dialogues', 'nl-track', 'DialogueTrackOpened', '2015-03-01', { trackId: 'SO-NL-1', title: 'NL-Somalia working arrangements under the 2010 MoU', level: 'technical', format: 'NL-bilateral', parties: ['NL', 'SO'] }, src('member-state', 'DT&V [S46]: Somalia asked for additional working arrangements', 'confirmed'));
  add(C, 'dialogues', 'nl-2023-session', 'DialogueSessionHeld', '2023-10-03', { trackId: 'SO-NL-1', location: 'Mogadishu', participants: ['DT&V', 'SO Ministry of Internal Security'], topics: ['working arrangements', 'LP requests (family and clan details)'], outcomeSummary: 'Somalia repeated its request for additional working arrangements; no agreement on timelines.' }, demoCase('dialogue session 2023'));
  add(C, 'visa-measures', 'assessment-5', 'CommissionAssessmentReported', '2024-07-23', { reportNo: 5, dataPeriod: '2023', finding: 'insufficient', documentRef: 'Fifth assessment; COM(2024) 324' }, src('commission', 'Commission press release 23.7.2024 [S19]; finding inferred from the proposal', 'secondary'));
  add(C, 'visa-measures', '25a-proposed', 'VisaMeasureProposed', '2024-07-23', { measureId: 'SO-25A-2024', legalBasis: '25a(5)(a)', provisions: ['14(6)', '16(5)(b)', '23(1)', '24(2)', '24(2c)'], scope: 'all-nationals', proposalRef: 'COM(2024) 324' }, src('commission', 'COM(2024) 324 final/2, 23.7.2024', 'confirmed', 'https://eur-lex.europa.eu/legal-content/EN/AUTO/?uri=CELEX%3A52024PC0324'));
}

// ------------------------------------------------------------------ Tunisia (4.3)
{
  const C = 'TN';
  add(C, 'instruments', 'mp-open', 'InstrumentNegotiationOpened', '2014-03-03', { instrumentId: 'TN-EU-MP-2014', title: 'EU-Tunisia Mobility Partnership (NL not a party)', kind: 'mobility-partnership', level: 'EU', legallyBinding: false }, src('commission', 'Recorded at the joint declaration; negotiation start not recorded [S48]', 'confirmed'));
  add(C, 'instruments', 'mp-adopted', 'InstrumentAdopted', '2014-03-03', { instrumentId: 'TN-EU-MP-2014', textRef: 'Joint declaration, Mobility Partnership EU-Tunisia (NL is not a party: BE, DK, DE, ES, FR, IT, PL, PT, SE, UK)', publiclyAvailable: true }, src('commission', 'Mobility Partnership joint declaration 3.3.2014 [S48][S49]', 'confirmed'));
  add(C, 'instruments', 'ra-open', 'InstrumentNegotiationOpened', '2016-10-12', { instrumentId: 'TN-EU-RA', title: 'EU-Tunisia readmission agreement (negotiations)', kind: 'EU-readmission-agreement', level: 'EU', legallyBinding: true }, src('commission', 'Negotiations launched in Tunis, Oct 2016 [S50]; no concluded agreement found', 'confirmed'));
  add(C, 'instruments', 'mou-open', 'InstrumentNegotiationOpened', '2023-06-11', { instrumentId: 'TN-EU-MOU-2023', title: 'EU-Tunisia MoU on a strategic and comprehensive partnership (migration pillar)', kind: 'working-arrangement', level: 'EU', legallyBinding: false }, src('commission', 'Team Europe visit to Tunis, 11.6.2023; MoU signed 16.7.2023 [S51]', 'secondary'));
  add(C, 'instruments', 'mou-adopted', 'InstrumentAdopted', '2023-07-16', { instrumentId: 'TN-EU-MOU-2023', textRef: 'MoU on a strategic and comprehensive partnership, 16.7.2023', publiclyAvailable: true }, src('commission', 'EU-Tunisia MoU, 16.7.2023 [S51]', 'confirmed'));
  add(C, 'dialogues', 'nl-track', 'DialogueTrackOpened', '2022-09-01', { trackId: 'TN-NL-1', title: 'NL-Tunisia migration dialogue', level: 'senior-officials', format: 'NL-bilateral', parties: ['NL', 'TN'] }, letter('bilateral NL migration dialogue started'));
  add(C, 'dialogues', 'nl-2023-session', 'DialogueSessionHeld', '2023-11-14', { trackId: 'TN-NL-1', location: 'Tunis', participants: ['NL MFA', 'TN MFA'], topics: ['return', 'legal pathways'], outcomeSummary: 'Follow-up of the July 2023 MoU migration pillar; identification via consulates discussed.' }, demoCase('dialogue session 2023'));
}

// ------------------------------------------------------------------ Algeria (4.4)
{
  const C = 'DZ';
  add(C, 'instruments', 'ra-mandate', 'InstrumentNegotiationOpened', '2002-11-25', { instrumentId: 'DZ-EU-RA', title: 'EC-Algeria readmission agreement (Council mandate)', kind: 'EU-readmission-agreement', level: 'EU', legallyBinding: true, mandateRef: 'Council mandate of 25.11.2002' }, src('council', 'Council mandate 25.11.2002 [S54]; no agreement found', 'confirmed'));
  add(C, 'instruments', 'aa84-open', 'InstrumentNegotiationOpened', '2002-04-22', { instrumentId: 'DZ-EU-AA-ART84', title: 'EU-Algeria Association Agreement, Art. 84 (readmission of nationals)', kind: 'association-agreement-clause', level: 'EU', legallyBinding: true }, src('commission', 'Recorded at signature; negotiation start not recorded [S52]', 'confirmed'));
  add(C, 'instruments', 'aa84-adopted', 'InstrumentAdopted', '2002-04-22', { instrumentId: 'DZ-EU-AA-ART84', textRef: 'EU-Algeria Association Agreement, Art. 84 (Valencia, 22.4.2002)', publiclyAvailable: true }, src('commission', 'Association Agreement signed 22.4.2002 [S52][S55]', 'confirmed'));
  add(C, 'instruments', 'aa84-applicable', 'InstrumentProvisionsApplicable', '2005-09-01', { instrumentId: 'DZ-EU-AA-ART84', provisions: ['Art. 84: readmission of own nationals after identification'] }, src('commission', 'Association Agreement in force 1.9.2005 [S52]', 'confirmed'));
  add(C, 'dialogues', 'nl-track', 'DialogueTrackOpened', '2022-10-01', { trackId: 'DZ-NL-1', title: 'NL-Algeria migration dialogue', level: 'senior-officials', format: 'NL-bilateral', parties: ['NL', 'DZ'] }, letter('bilateral NL migration dialogue started'));
  add(C, 'dialogues', 'nl-2023-session', 'DialogueSessionHeld', '2023-05-09', { trackId: 'DZ-NL-1', location: 'Algiers', participants: ['NL MFA', 'DZ MFA'], topics: ['laissez-passer requests', 'Art. 84'], outcomeSummary: 'NL raised the backlog of laissez-passer requests (more than 250 since the pandemic, none granted by May 2022).' }, src('member-state', 'Dutch parliamentary answers, May 2022 [S58]', 'secondary'));
  add(C, 'statistics', '2023-lp', 'ReadmissionStatisticsReported', '2024-01-15', { period: '2023', reportingScope: 'NL', submitted: 141, accepted: 4, travelDocsIssued: 4, source: 'RvS citing 141 LP requests; LPs for 4 persons (Oct and Dec 2023)' }, src('press', 'Regional news citing the Council of State [S59]', 'secondary'));
}

// ------------------------------------------------------------------ Turkey (4.5)
{
  const C = 'TR';
  const ra = 'TR-EU-RA-2013';
  add(C, 'instruments', 'ra-open', 'InstrumentNegotiationOpened', '2013-12-16', { instrumentId: ra, title: 'EU-Turkey readmission agreement', kind: 'EU-readmission-agreement', level: 'EU', legallyBinding: true }, src('council', 'Recorded at signature; negotiation start not recorded [S62]', 'confirmed'));
  add(C, 'instruments', 'ra-adopted', 'InstrumentAdopted', '2013-12-16', { instrumentId: ra, textRef: 'EU-Turkey readmission agreement, OJ L 134, 7.5.2014', publiclyAvailable: true }, src('council', 'Signed 16.12.2013 [S62]', 'confirmed'));
  add(C, 'instruments', 'ra-terms', 'InstrumentTermsRecorded', '2014-10-01', { instrumentId: ra, replyDeadline: { days: 25, dayKind: 'calendar' }, acceptsEUTravelDocument: 'case-by-case', acceptsCharter: 'yes', silenceMeansConsent: true, coversTCN: false }, src('other', 'Agreement text, own nationals only until the TCN clauses apply (deadlines as commonly reported; check against OJ)', 'secondary'));
  add(C, 'instruments', 'ra-applicable', 'InstrumentProvisionsApplicable', '2014-10-01', { instrumentId: ra, provisions: ['own nationals'] }, src('council', 'In force 1.10.2014 [S63]', 'confirmed'));
  add(C, 'instruments', 'ra-tcn', 'InstrumentReviewMeetingHeld', '2016-06-01', { instrumentId: ra, body: 'JRC', conclusions: 'Joint Readmission Committee decision (Council Decision (EU) 2016/551): the third-country-national clauses (Arts 4 and 6) apply from 1 June 2016 instead of 1 October 2017. DK and IE not bound.' }, src('council', 'Council Decision (EU) 2016/551 [S64]', 'confirmed'));
  add(C, 'instruments', 'ra-terms-tcn', 'InstrumentTermsRecorded', '2016-06-01', { instrumentId: ra, replyDeadline: { days: 25, dayKind: 'calendar' }, acceptsEUTravelDocument: 'case-by-case', acceptsCharter: 'yes', silenceMeansConsent: true, coversTCN: true }, src('other', 'Agreement text with the TCN clauses applicable (deadlines as commonly reported; check against OJ)', 'secondary'));
  add(C, 'instruments', 'statement-open', 'InstrumentNegotiationOpened', '2016-03-18', { instrumentId: 'TR-EU-STATEMENT-2016', title: 'EU-Turkey Statement of 18 March 2016', kind: 'statement', level: 'EU', legallyBinding: false }, src('council', 'EU-Turkey Statement [S65]', 'confirmed'));
  add(C, 'instruments', 'statement', 'InstrumentAdopted', '2016-03-18', { instrumentId: 'TR-EU-STATEMENT-2016', textRef: 'EU-Turkey Statement, 18.3.2016 (returns from the Greek islands from 20.3.2016; 1:1 resettlement, cap 72,000)', publiclyAvailable: true }, src('council', 'EU-Turkey Statement [S65][S66]', 'confirmed'));
  add(C, 'instruments', 'statement-applicable', 'InstrumentProvisionsApplicable', '2016-03-20', { instrumentId: 'TR-EU-STATEMENT-2016', provisions: ['return of new irregular migrants from the Greek islands', '1:1 resettlement of Syrians'] }, src('council', 'EU-Turkey Statement: returns from 20.3.2016 [S65]', 'confirmed'));
  add(C, 'instruments', 'ra-suspension-2019', 'InstrumentSuspensionDeclared', '2019-07-22', { instrumentId: ra, declaredBy: 'partner', reason: "Turkey's foreign minister announced the agreement 'suspended' (visa liberalisation, EU sanctions over Cyprus drilling); the Commission saw no change in practice.", effect: 'declared-only' }, src('press', 'July 2019 statements [S67][S68]', 'confirmed'));
  add(C, 'return-operations', 'halt-2020', 'PartnerMoratoriumDeclared', '2020-03-16', { moratoriumId: 'TR-HALT-2020', scope: 'forced', reason: 'Returns from the Greek islands under the 2016 Statement halted from March 2020; none since.' }, letter('no returns Greece -> Turkey since March 2020'));
  add(C, 'statistics', '2019-statement-returns', 'ReturnsReported', '2020-01-31', { period: '2019', reportingScope: 'EL', count: 189, destination: 'third-countries', returnType: 'enforced', dataset: 'other' }, letter('189 returns Greece -> Turkey in 2019'));
  add(C, 'statistics', '2023-returned', 'ReturnsReported', '2024-06-11', { period: '2023', reportingScope: 'EU27_2020', count: 5595, destination: 'all', returnType: 'all', dataset: 'migr_eirtn' }, src('eurostat', 'Eurostat 2023 returns [S33]', 'confirmed'));
}

// ------------------------------------------------------------------ EU-wide 2023 demo table (4.7), and the Somalia rate
const table2023: [string, number, number | null, number, number, string][] = [
  // country, decisions, forced returns (null: recorded separately), requests, accepted, note
  ['SO', 2500, 100, 400, 30, 'return rate 4% confirmed [S20]; counts estimated'],
  ['TN', 18000, 2700, 3000, 1500, 'estimate'],
  ['DZ', 40000, 2400, 6000, 900, 'estimate (order of magnitude consistent with [S60][S61])'],
  ['TR', 25000, null, 4000, 3400, 'returns confirmed [S33]; rest estimated'],
];
for (const [C, decisions, returns, submitted, accepted, note] of table2023) {
  add(C, 'statistics', '2023-decisions', 'ReturnDecisionsReported', '2024-06-11', { period: '2023', reportingScope: 'EU27_2020', count: decisions, dataset: 'migr_eiord' }, estimate(`${C} 2023 return decisions (${note})`));
  if (returns !== null)
    add(C, 'statistics', '2023-returns', 'ReturnsReported', '2024-06-11', { period: '2023', reportingScope: 'EU27_2020', count: returns, destination: 'all', returnType: 'enforced', dataset: 'migr_eirtn' }, estimate(`${C} 2023 forced returns (${note})`));
  add(C, 'statistics', '2023-readmission', 'ReadmissionStatisticsReported', '2024-06-11', { period: '2023', reportingScope: 'EU27_2020', submitted, accepted, travelDocsIssued: accepted, source: 'Demo dataset, domain-research 4.7' }, estimate(`${C} 2023 readmission requests (${note})`));
}

// ------------------------------------------------------------------ Case-level demo records, 2023 (opaque references)
const casePlan: Record<string, { eutdAccepted: number; ops: ('executed' | 'partner-refusal' | 'no-landing-permit' | 'member-state-logistics')[]; answered: number }> = {
  ET: { eutdAccepted: 3, ops: ['executed', 'no-landing-permit', 'executed'], answered: 2 },
  SO: { eutdAccepted: 10, ops: ['executed', 'executed', 'member-state-logistics'], answered: 3 },
  TN: { eutdAccepted: 6, ops: ['executed', 'executed', 'partner-refusal', 'executed'], answered: 5 },
  DZ: { eutdAccepted: 2, ops: ['partner-refusal', 'executed', 'partner-refusal'], answered: 1 },
  TR: { eutdAccepted: 9, ops: ['executed', 'executed', 'executed', 'executed'], answered: 6 },
};
for (const [C, plan] of Object.entries(casePlan)) {
  const instrumentId = C === 'TR' ? { instrumentId: 'TR-EU-RA-2013' } : C === 'ET' ? { instrumentId: 'ET-EU-ADM-2018' } : {};
  // Six readmission requests (fewer than the model's minimum sample, so the reported aggregates drive C and D1).
  for (let i = 1; i <= 6; i++) {
    const requestId = `NL-${C}-RR-2023-${String(i).padStart(3, '0')}`;
    const month = String(i + 1).padStart(2, '0');
    add(C, 'requests', `rr-${i}`, 'ReadmissionRequestSubmitted', `2023-${month}-03`, { requestId, caseRef: caseRef(requestId), requestingState: 'NL', procedure: 'normal', personCategory: 'own-national', ...instrumentId }, demoCase(requestId));
    if (i <= plan.answered) {
      add(C, 'requests', `rr-${i}-answer`, 'ReadmissionRequestAnswered', `2023-${month}-24`, { requestId, outcome: i % 4 === 0 ? 'rejected' : 'accepted' }, demoCase(requestId));
    }
  }
  plan.ops.forEach((outcome, n) => {
    const operationId = `NL-${C}-OP-2023-${n + 1}`;
    const month = String(3 + n * 2).padStart(2, '0');
    add(C, 'return-operations', `op-${n + 1}-planned`, 'ReturnOperationPlanned', `2023-${month}-01`, { operationId, mode: 'scheduled-escorted', plannedDate: `2023-${month}-20`, plannedReturnees: 2, organiser: 'DT&V' }, demoCase(operationId));
    if (outcome === 'executed') add(C, 'return-operations', `op-${n + 1}-executed`, 'ReturnOperationExecuted', `2023-${month}-20`, { operationId, returnees: 2, forced: 2, voluntary: 0 }, demoCase(operationId));
    else if (outcome === 'no-landing-permit') {
      add(C, 'return-operations', `op-${n + 1}-permit`, 'LandingPermitRequested', `2023-${month}-05`, { operationId }, demoCase(operationId));
      add(C, 'return-operations', `op-${n + 1}-refused`, 'LandingPermitRefused', `2023-${month}-18`, { operationId, reason: 'No reply from the civil aviation authority.' }, demoCase(operationId));
    } else add(C, 'return-operations', `op-${n + 1}-cancelled`, 'ReturnOperationCancelled', `2023-${month}-19`, { operationId, cause: outcome }, demoCase(operationId));
  });
  // Ten EU travel documents presented for the planned operations (one per person).
  for (let i = 1; i <= 10; i++) {
    const n = (i - 1) % plan.ops.length;
    const month = String(3 + n * 2).padStart(2, '0');
    add(C, 'requests', `eutd-${i}`, 'EUTravelDocumentPresented', `2023-${month}-02`, { operationId: `NL-${C}-OP-2023-${n + 1}`, accepted: i <= plan.eutdAccepted }, demoCase(`EU travel document ${i}`));
  }
}

// An instrument recorded at its signature was agreed the same day: the lifecycle needs that step.
for (let i = 0; i < facts.length; i++) {
  const f = facts[i]!;
  if (f.body.type !== 'InstrumentAdopted') continue;
  const id = f.body.data['instrumentId'];
  const agreed = facts.slice(0, i).some((g) => g.country === f.country && g.body.type === 'InstrumentAgreed' && g.body.data['instrumentId'] === id);
  if (!agreed) {
    facts.splice(i, 0, { key: `${f.key}-agreed`, country: f.country, family: 'instruments', body: { type: 'InstrumentAgreed', occurredOn: f.body.occurredOn, data: { instrumentId: id }, provenance: f.body.provenance } });
    i++;
  }
}

export const demoFacts: readonly DemoFact[] = facts;
export const demoCountries = ['ET', 'SO', 'TN', 'DZ', 'TR'] as const;
