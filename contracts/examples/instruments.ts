import type { FactExample } from './define.js';
import { dtvSomalia, euTurkeyAgreement, illustrative } from './provenance.js';

const etAnswer = {
  sourceKind: 'council',
  reference: 'Council answer E-000958/2018',
  url: 'https://www.europarl.europa.eu/doceo/document/E-8-2018-000958-ASW_EN.html',
  evidenceStatus: 'confirmed',
} as const;
const turkishMinute = {
  sourceKind: 'press',
  reference: 'Turkish Minute, 22.7.2019; Statewatch, 24.7.2019',
  url: 'https://turkishminute.com/2019/07/22/readmission-agreement-with-eu-suspended-turkish-fm-says/',
  evidenceStatus: 'confirmed',
} as const;
const euTurkeyStatement = { sourceKind: 'council', reference: 'EU-Turkey Statement, 18 March 2016', evidenceStatus: 'confirmed' } as const;

/** Instruments: Ethiopia's 2018 admission procedures, the EU-Turkey agreement, Algeria, Somalia. */
export const instrumentExamples: FactExample[] = [
  {
    key: 'InstrumentNegotiationOpened',
    country: 'DZ',
    summary: 'Algeria: the Council mandates negotiations on an EC-Algeria readmission agreement',
    value: {
      type: 'InstrumentNegotiationOpened',
      occurredOn: '2002-11-25',
      data: {
        instrumentId: 'DZ-EU-RA',
        title: 'EC-Algeria readmission agreement',
        kind: 'EU-readmission-agreement',
        level: 'EU',
        legallyBinding: true,
        mandateRef: 'Council negotiating mandate of 25 November 2002',
      },
      provenance: { sourceKind: 'press', reference: 'Statewatch, May 2003', url: 'http://www.statewatch.org/news/2003/may/12falgeriamdte.html', evidenceStatus: 'confirmed' },
    },
  },
  {
    key: 'InstrumentNegotiationOpened_ET',
    country: 'ET',
    summary: 'Ethiopia: negotiation of the EU admission procedures (2017)',
    value: {
      type: 'InstrumentNegotiationOpened',
      occurredOn: '2017-01-15',
      data: {
        instrumentId: 'ET-EU-ADM-2018',
        title: 'Admission procedures for the return of Ethiopians from European Union Member States',
        kind: 'EU-readmission-arrangement',
        level: 'EU',
        legallyBinding: false,
      },
      provenance: { ...etAnswer, evidenceStatus: 'reported' },
    },
  },
  {
    key: 'InstrumentAgreed',
    country: 'ET',
    summary: 'Ethiopia: the admission procedures are concluded (February 2018)',
    value: { type: 'InstrumentAgreed', occurredOn: '2018-02-05', data: { instrumentId: 'ET-EU-ADM-2018' }, provenance: etAnswer },
  },
  {
    key: 'InstrumentProvisionsApplicable',
    country: 'ET',
    summary: 'Ethiopia: the non-binding admission procedures apply once agreed',
    value: { type: 'InstrumentProvisionsApplicable', occurredOn: '2018-02-05', data: { instrumentId: 'ET-EU-ADM-2018', provisions: ['all'] }, provenance: etAnswer },
  },
  {
    key: 'InstrumentReviewMeetingHeld',
    country: 'ET',
    summary: 'Ethiopia: the 6th EU-Ethiopia Joint Working Group meets in Addis Ababa',
    value: {
      type: 'InstrumentReviewMeetingHeld',
      occurredOn: '2026-02-18',
      data: { instrumentId: 'ET-EU-ADM-2018', body: 'JWG', conclusions: 'The EU thanked Ethiopia for the progress made on readmission.' },
      provenance: { sourceKind: 'press', reference: 'Brussels Times, 20.2.2026', url: 'https://www.brusselstimes.com/belgium/1983304/eu-praises-ethiopia-as-return-agreement-sees-progress/', evidenceStatus: 'secondary' },
    },
  },
  {
    key: 'InstrumentNegotiationOpened_TR',
    country: 'TR',
    summary: 'Turkey: negotiation of the EU readmission agreement (start date approximate)',
    value: {
      type: 'InstrumentNegotiationOpened',
      occurredOn: '2005-05-27',
      data: { instrumentId: 'TR-EU-RA-2013', title: 'EU-Turkey readmission agreement', kind: 'EU-readmission-agreement', level: 'EU', legallyBinding: true },
      provenance: { ...illustrative, reference: 'Negotiations ran from 2005; the exact opening date is approximate' },
    },
  },
  {
    key: 'InstrumentAgreed_TR',
    country: 'TR',
    summary: 'Turkey: the agreement is initialled',
    value: { type: 'InstrumentAgreed', occurredOn: '2012-06-21', data: { instrumentId: 'TR-EU-RA-2013' }, provenance: { ...euTurkeyAgreement, evidenceStatus: 'reported' } },
  },
  {
    key: 'InstrumentAdopted',
    country: 'TR',
    summary: 'Turkey: the agreement is signed (16 December 2013)',
    value: {
      type: 'InstrumentAdopted',
      occurredOn: '2013-12-16',
      data: { instrumentId: 'TR-EU-RA-2013', textRef: 'OJ L 134, 7.5.2014', publiclyAvailable: true },
      provenance: euTurkeyAgreement,
    },
  },
  {
    key: 'InstrumentProvisionsApplicable_TR',
    country: 'TR',
    summary: 'Turkey: the provisions on own nationals apply from 1 October 2014',
    value: {
      type: 'InstrumentProvisionsApplicable',
      occurredOn: '2014-10-01',
      data: { instrumentId: 'TR-EU-RA-2013', provisions: ['readmission of own nationals'] },
      provenance: euTurkeyAgreement,
    },
  },
  {
    key: 'InstrumentTermsRecorded',
    country: 'TR',
    summary: 'Turkey: travel documents within three working days, transfer within three months',
    value: {
      type: 'InstrumentTermsRecorded',
      occurredOn: '2014-10-01',
      data: {
        instrumentId: 'TR-EU-RA-2013',
        travelDocIssueDeadline: { days: 3, dayKind: 'working' },
        transferWindowDays: 90,
        acceptsEUTravelDocument: 'unknown',
        acceptsCharter: 'yes',
        silenceMeansConsent: false,
        coversTCN: true,
      },
      provenance: { ...euTurkeyAgreement, evidenceStatus: 'secondary' },
    },
  },
  {
    key: 'InstrumentSuspensionDeclared',
    country: 'TR',
    summary: "Turkey: the foreign minister declares the agreement suspended (July 2019); no change in practice",
    value: {
      type: 'InstrumentSuspensionDeclared',
      occurredOn: '2019-07-22',
      data: {
        instrumentId: 'TR-EU-RA-2013',
        declaredBy: 'partner',
        reason: 'Announced in reaction to EU measures over drilling off Cyprus and the stalled visa liberalisation; the Commission saw no change in practice.',
        effect: 'declared-only',
      },
      provenance: turkishMinute,
    },
  },
  {
    key: 'InstrumentResumed',
    country: 'TR',
    summary: 'Turkey: the declared suspension is withdrawn (illustrative)',
    value: { type: 'InstrumentResumed', occurredOn: '2020-01-15', data: { instrumentId: 'TR-EU-RA-2013' }, provenance: illustrative },
  },
  {
    key: 'InstrumentNegotiationOpened_TR-statement',
    country: 'TR',
    summary: 'Turkey: EU-Turkey leaders meet on the 1:1 mechanism (7 March 2016)',
    value: {
      type: 'InstrumentNegotiationOpened',
      occurredOn: '2016-03-07',
      data: { instrumentId: 'TR-EU-STATEMENT-2016', title: 'EU-Turkey Statement', kind: 'statement', level: 'EU', legallyBinding: false },
      provenance: { ...euTurkeyStatement, evidenceStatus: 'reported' },
    },
  },
  {
    key: 'InstrumentAgreed_TR-statement',
    country: 'TR',
    summary: 'Turkey: the EU-Turkey Statement (18 March 2016)',
    value: { type: 'InstrumentAgreed', occurredOn: '2016-03-18', data: { instrumentId: 'TR-EU-STATEMENT-2016' }, provenance: euTurkeyStatement },
  },
  {
    key: 'InstrumentProvisionsApplicable_TR-statement',
    country: 'TR',
    summary: 'Turkey: returns from the Greek islands apply to arrivals from 20 March 2016',
    value: {
      type: 'InstrumentProvisionsApplicable',
      occurredOn: '2016-03-20',
      data: { instrumentId: 'TR-EU-STATEMENT-2016', provisions: ['return of new irregular migrants from the Greek islands', '1:1 resettlement of Syrians (cap 72,000)'] },
      provenance: euTurkeyStatement,
    },
  },
  {
    key: 'InstrumentTerminated',
    country: 'TR',
    summary: 'Turkey: the Statement is ended (illustrative; no return since March 2020)',
    value: {
      type: 'InstrumentTerminated',
      occurredOn: '2024-12-31',
      data: { instrumentId: 'TR-EU-STATEMENT-2016', reason: 'No return from the Greek islands since March 2020.' },
      provenance: illustrative,
    },
  },
  {
    key: 'InstrumentNegotiationOpened_SO',
    country: 'SO',
    summary: 'Somalia: DT&V negotiates a memorandum of understanding (start date approximate)',
    value: {
      type: 'InstrumentNegotiationOpened',
      occurredOn: '2010-01-15',
      data: {
        instrumentId: 'SO-NL-MOU-2010',
        title: 'DT&V - Ministry of National Security MoU on the return of Somalis',
        kind: 'NL-MoU',
        level: 'NL',
        legallyBinding: false,
      },
      provenance: { ...dtvSomalia, evidenceStatus: 'estimate' },
    },
  },
  {
    key: 'InstrumentAgreed_SO',
    country: 'SO',
    summary: 'Somalia: the MoU of 3 May 2010 is agreed',
    value: { type: 'InstrumentAgreed', occurredOn: '2010-05-03', data: { instrumentId: 'SO-NL-MOU-2010' }, provenance: dtvSomalia },
  },
  {
    key: 'InstrumentProvisionsApplicable_SO',
    country: 'SO',
    summary: 'Somalia: the MoU applies to voluntary and forced return',
    value: {
      type: 'InstrumentProvisionsApplicable',
      occurredOn: '2010-05-03',
      data: { instrumentId: 'SO-NL-MOU-2010', provisions: ['voluntary return', 'forced return on a European travel document'] },
      provenance: dtvSomalia,
    },
  },
  {
    key: 'InstrumentNegotiationOpened_SO-arrangement',
    country: 'SO',
    summary: 'Somalia: working arrangements under the MoU are negotiated (illustrative)',
    value: {
      type: 'InstrumentNegotiationOpened',
      occurredOn: '2025-03-03',
      data: { instrumentId: 'SO-NL-WA-2025', title: 'NL-Somalia working arrangement on return', kind: 'working-arrangement', level: 'NL', legallyBinding: false },
      provenance: illustrative,
    },
  },
  {
    key: 'InstrumentSuperseded',
    country: 'SO',
    summary: 'Somalia: the 2010 MoU is replaced by the working arrangement (illustrative)',
    value: { type: 'InstrumentSuperseded', occurredOn: '2025-10-01', data: { instrumentId: 'SO-NL-MOU-2010', byInstrumentId: 'SO-NL-WA-2025' }, provenance: illustrative },
  },
];
