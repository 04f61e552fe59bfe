import type { FactExample } from './define.js';
import { illustrative } from './provenance.js';

/** Requests: invented cases (case-level data is never public), on the real instruments and procedures. */
export const requestExamples: FactExample[] = [
  {
    key: 'IdentificationRequestSubmitted',
    country: 'ET',
    summary: 'Ethiopia: a laissez-passer request through the embassy in Brussels (illustrative case)',
    value: {
      type: 'IdentificationRequestSubmitted',
      occurredOn: '2024-03-04',
      data: { requestId: 'NL-ID-2024-0107', caseRef: '5d41402abc4b2a76b9719d911017c592', requestingState: 'NL', channel: 'embassy', instrumentId: 'ET-EU-ADM-2018' },
      provenance: illustrative,
    },
  },
  {
    key: 'ConsularPresentationHeld',
    country: 'ET',
    summary: 'Ethiopia: the person is presented to the consulate (illustrative case)',
    value: { type: 'ConsularPresentationHeld', occurredOn: '2024-03-21', data: { requestId: 'NL-ID-2024-0107' }, provenance: illustrative },
  },
  {
    key: 'IdentificationRequestAnswered',
    country: 'ET',
    summary: 'Ethiopia: nationality confirmed (illustrative case)',
    value: { type: 'IdentificationRequestAnswered', occurredOn: '2024-04-02', data: { requestId: 'NL-ID-2024-0107', outcome: 'identified-national' }, provenance: illustrative },
  },
  {
    key: 'TravelDocumentIssued',
    country: 'ET',
    summary: 'Ethiopia: a laissez-passer approved by Addis Ababa (illustrative case)',
    value: {
      type: 'TravelDocumentIssued',
      occurredOn: '2024-05-13',
      data: { requestId: 'NL-ID-2024-0107', documentType: 'laissez-passer', validityDays: 30 },
      provenance: illustrative,
    },
  },
  {
    key: 'IdentificationRequestSubmitted_DZ',
    country: 'DZ',
    summary: 'Algeria: a laissez-passer request after a consular presentation (illustrative case)',
    value: {
      type: 'IdentificationRequestSubmitted',
      occurredOn: '2023-02-06',
      data: { requestId: 'NL-LP-2023-0141', caseRef: '7d793037a0760186574b0282f2f435e7', requestingState: 'NL', channel: 'consular-presentation' },
      provenance: illustrative,
    },
  },
  {
    key: 'RequestDeadlineLapsed',
    country: 'DZ',
    summary: 'Algeria: no answer within the default 30 days (illustrative case)',
    value: { type: 'RequestDeadlineLapsed', occurredOn: '2023-03-09', data: { requestId: 'NL-LP-2023-0141', deadline: '2023-03-08', deemedAccepted: false }, provenance: illustrative },
  },
  {
    key: 'ReadmissionRequestSubmitted',
    country: 'TR',
    summary: 'Turkey: a return and takeover request under the EU agreement (illustrative case)',
    value: {
      type: 'ReadmissionRequestSubmitted',
      occurredOn: '2024-02-05',
      data: {
        requestId: 'NL-TO-2024-0031',
        caseRef: '9f86d081884c7d659a2feaa0c55ad015',
        requestingState: 'NL',
        procedure: 'normal',
        personCategory: 'own-national',
        instrumentId: 'TR-EU-RA-2013',
      },
      provenance: illustrative,
    },
  },
  {
    key: 'ReadmissionRequestAnswered',
    country: 'TR',
    summary: 'Turkey: the request is accepted (illustrative case)',
    value: { type: 'ReadmissionRequestAnswered', occurredOn: '2024-02-27', data: { requestId: 'NL-TO-2024-0031', outcome: 'accepted' }, provenance: illustrative },
  },
  {
    key: 'ReadmissionTransferRecorded',
    country: 'TR',
    summary: 'Turkey: the person is admitted at transfer (illustrative case)',
    value: { type: 'ReadmissionTransferRecorded', occurredOn: '2024-03-14', data: { requestId: 'NL-TO-2024-0031', admitted: true }, provenance: illustrative },
  },
  {
    key: 'EUTravelDocumentPresented',
    country: 'SO',
    summary: 'Somalia: a forced return on a European travel document (illustrative case)',
    value: { type: 'EUTravelDocumentPresented', occurredOn: '2024-05-21', data: { operationId: 'NL-SO-2024-03', accepted: true }, provenance: illustrative },
  },
];
