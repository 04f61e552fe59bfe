import type { FactExample } from './define.js';
import { illustrative } from './provenance.js';

/** Return operations and moratoria. Operations are invented; the Greece-Turkey stop of March 2020 is reported. */
export const returnOperationExamples: FactExample[] = [
  {
    key: 'ReturnOperationPlanned',
    country: 'SO',
    summary: 'Somalia: an escorted return on a scheduled flight (illustrative)',
    value: {
      type: 'ReturnOperationPlanned',
      occurredOn: '2024-04-30',
      data: { operationId: 'NL-SO-2024-03', mode: 'scheduled-escorted', plannedDate: '2024-05-21', plannedReturnees: 1, organiser: 'DT&V' },
      provenance: illustrative,
    },
  },
  {
    key: 'ReturnOperationPlanned_ET',
    country: 'ET',
    summary: 'Ethiopia: a Frontex joint charter (illustrative)',
    value: {
      type: 'ReturnOperationPlanned',
      occurredOn: '2024-08-12',
      data: { operationId: 'FX-ET-2024-01', mode: 'joint-charter-Frontex', plannedDate: '2024-10-08', plannedReturnees: 14, organiser: 'Frontex, with NL and DE' },
      provenance: illustrative,
    },
  },
  {
    key: 'LandingPermitRequested',
    country: 'ET',
    summary: 'Ethiopia: a landing permit is requested for the charter (illustrative)',
    value: { type: 'LandingPermitRequested', occurredOn: '2024-08-20', data: { operationId: 'FX-ET-2024-01' }, provenance: illustrative },
  },
  {
    key: 'LandingPermitRefused',
    country: 'ET',
    summary: 'Ethiopia: the landing permit is refused (illustrative)',
    value: {
      type: 'LandingPermitRefused',
      occurredOn: '2024-09-16',
      data: { operationId: 'FX-ET-2024-01', reason: 'Charter flights not accepted; scheduled flights only.' },
      provenance: illustrative,
    },
  },
  {
    key: 'ReturnOperationPlanned_TR',
    country: 'TR',
    summary: 'Turkey: a national charter (illustrative)',
    value: {
      type: 'ReturnOperationPlanned',
      occurredOn: '2024-05-02',
      data: { operationId: 'NL-TR-2024-02', mode: 'national-charter', plannedDate: '2024-06-11', plannedReturnees: 25, organiser: 'DT&V' },
      provenance: illustrative,
    },
  },
  {
    key: 'LandingPermitRequested_TR',
    country: 'TR',
    summary: 'Turkey: a landing permit is requested (illustrative)',
    value: { type: 'LandingPermitRequested', occurredOn: '2024-05-06', data: { operationId: 'NL-TR-2024-02' }, provenance: illustrative },
  },
  {
    key: 'LandingPermitGranted',
    country: 'TR',
    summary: 'Turkey: the landing permit is granted (illustrative)',
    value: { type: 'LandingPermitGranted', occurredOn: '2024-05-17', data: { operationId: 'NL-TR-2024-02' }, provenance: illustrative },
  },
  {
    key: 'ReturnOperationExecuted',
    country: 'TR',
    summary: 'Turkey: 23 of 25 planned returnees returned (illustrative)',
    value: { type: 'ReturnOperationExecuted', occurredOn: '2024-06-11', data: { operationId: 'NL-TR-2024-02', returnees: 23, forced: 21, voluntary: 2 }, provenance: illustrative },
  },
  {
    key: 'ReturnOperationPlanned_DZ',
    country: 'DZ',
    summary: 'Algeria: an escorted return on a scheduled flight (illustrative)',
    value: {
      type: 'ReturnOperationPlanned',
      occurredOn: '2022-02-01',
      data: { operationId: 'NL-DZ-2022-01', mode: 'scheduled-escorted', plannedDate: '2022-03-15', plannedReturnees: 1, organiser: 'DT&V' },
      provenance: illustrative,
    },
  },
  {
    key: 'ReturnOperationCancelled',
    country: 'DZ',
    summary: 'Algeria: cancelled, no laissez-passer issued (illustrative)',
    value: {
      type: 'ReturnOperationCancelled',
      occurredOn: '2022-03-10',
      data: { operationId: 'NL-DZ-2022-01', cause: 'partner-refusal', note: 'The consulate did not issue the laissez-passer.' },
      provenance: illustrative,
    },
  },
  {
    key: 'PartnerMoratoriumDeclared',
    country: 'TR',
    summary: 'Turkey: returns from the Greek islands stop (March 2020)',
    value: {
      type: 'PartnerMoratoriumDeclared',
      occurredOn: '2020-03-16',
      data: { moratoriumId: 'TR-MOR-2020-03', scope: 'all', reason: 'No returns from Greece under the EU-Turkey Statement since March 2020.' },
      provenance: { sourceKind: 'member-state', reference: 'Dutch government letter (returns Greece-Turkey)', evidenceStatus: 'reported' },
    },
  },
  {
    key: 'PartnerMoratoriumLifted',
    country: 'TR',
    summary: 'Turkey: the moratorium is lifted (illustrative)',
    value: { type: 'PartnerMoratoriumLifted', occurredOn: '2022-06-01', data: { moratoriumId: 'TR-MOR-2020-03' }, provenance: illustrative },
  },
];
