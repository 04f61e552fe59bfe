import { provenance } from './test-app.js';

/** One valid body per family, for Ethiopia, in an order the lifecycles accept. */
export const ethiopiaStory = [
  {
    family: 'dialogues',
    body: {
      type: 'DialogueTrackOpened',
      occurredOn: '2017-05-10',
      data: { trackId: 'ET-NL-1', title: 'NL-Ethiopia migration dialogue', level: 'senior-officials', format: 'NL-bilateral', parties: ['NL', 'ET'] },
      provenance,
    },
  },
  {
    family: 'dialogues',
    body: {
      type: 'DialogueSessionHeld',
      occurredOn: '2019-03-12',
      data: { trackId: 'ET-NL-1', location: 'Addis Ababa', participants: ['NL MFA', 'ET MFA'], topics: ['return'], outcomeSummary: 'Agreed to speed up identification.' },
      provenance,
    },
  },
  {
    family: 'instruments',
    body: {
      type: 'InstrumentNegotiationOpened',
      occurredOn: '2017-01-15',
      data: { instrumentId: 'ET-EU-ADM-2018', title: 'Admission procedures for the return of Ethiopians', kind: 'EU-readmission-arrangement', level: 'EU', legallyBinding: false },
      provenance: { ...provenance, sourceKind: 'commission', reference: 'COM(2023) 568' },
    },
  },
  { family: 'instruments', body: { type: 'InstrumentAgreed', occurredOn: '2018-02-05', data: { instrumentId: 'ET-EU-ADM-2018' }, provenance } },
  {
    family: 'instruments',
    body: { type: 'InstrumentProvisionsApplicable', occurredOn: '2018-02-05', data: { instrumentId: 'ET-EU-ADM-2018', provisions: ['all'] }, provenance },
  },
  {
    family: 'visa-measures',
    body: {
      type: 'VisaMeasureProposed',
      occurredOn: '2023-09-27',
      data: { measureId: 'ET-25A-2023', legalBasis: '25a(5)(a)', provisions: ['14(6)', '16(5)(b)', '23(1)', '24(2)', '24(2c)'], scope: 'all-nationals', proposalRef: 'COM(2023) 568' },
      provenance: { ...provenance, sourceKind: 'commission', reference: 'COM(2023) 568' },
    },
  },
  {
    family: 'visa-measures',
    body: { type: 'VisaMeasureAdopted', occurredOn: '2024-04-29', data: { measureId: 'ET-25A-2023', councilActRef: 'Implementing Decision (EU) 2024/1341' }, provenance },
  },
  {
    family: 'visa-measures',
    body: { type: 'VisaMeasureApplicable', occurredOn: '2024-06-01', data: { measureId: 'ET-25A-2023', applicableFrom: '2024-06-01' }, provenance },
  },
  {
    family: 'requests',
    body: {
      type: 'ReadmissionRequestSubmitted',
      occurredOn: '2024-02-01',
      data: { requestId: 'NL-RR-0001', caseRef: '9f86d081884c7d659a2feaa0c55ad015', requestingState: 'NL', procedure: 'normal', personCategory: 'own-national' },
      provenance,
    },
  },
  {
    family: 'requests',
    body: { type: 'ReadmissionRequestAnswered', occurredOn: '2024-02-20', data: { requestId: 'NL-RR-0001', outcome: 'accepted' }, provenance },
  },
  {
    family: 'return-operations',
    body: {
      type: 'ReturnOperationPlanned',
      occurredOn: '2024-03-01',
      data: { operationId: 'OP-2024-07', mode: 'scheduled-escorted', plannedDate: '2024-04-10', plannedReturnees: 2, organiser: 'DT&V' },
      provenance,
    },
  },
  {
    family: 'return-operations',
    body: { type: 'ReturnOperationExecuted', occurredOn: '2024-04-10', data: { operationId: 'OP-2024-07', returnees: 2, forced: 2, voluntary: 0 }, provenance },
  },
  {
    family: 'statistics',
    body: {
      type: 'ReturnDecisionsReported',
      occurredOn: '2020-07-22',
      data: { period: '2019', reportingScope: 'EU27_2020', count: 1395, dataset: 'migr_eiord' },
      provenance: { sourceKind: 'eurostat', reference: 'migr_eiord', evidenceStatus: 'secondary' },
    },
  },
] as const;
