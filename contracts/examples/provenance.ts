import type { Provenance } from '../common.js';

/**
 * Sources of the example facts (/work/shared/reference/domain-research.md). Where an example shows a
 * lifecycle step that no public source records, it says so: `illustrative`, evidenceStatus estimate.
 */
export const illustrative: Provenance = {
  sourceKind: 'nl-desk',
  reference: 'Illustrative example, not a recorded fact',
  classification: 'internal',
  evidenceStatus: 'estimate',
};

export const etProposal: Provenance = {
  sourceKind: 'commission',
  reference: 'COM(2023) 568, 27.9.2023',
  url: 'https://eur-lex.europa.eu/legal-content/MT/ALL/?uri=CELEX%3A52023PC0568',
  evidenceStatus: 'confirmed',
};

export const etDecision: Provenance = {
  sourceKind: 'council',
  reference: 'Council Implementing Decision (EU) 2024/1341 of 29 April 2024',
  evidenceStatus: 'confirmed',
};

export const soProposal: Provenance = {
  sourceKind: 'commission',
  reference: 'COM(2024) 324 final/2, 23.7.2024',
  url: 'https://eur-lex.europa.eu/legal-content/EN/AUTO/?uri=CELEX%3A52024PC0324',
  evidenceStatus: 'confirmed',
};

export const issEthiopia2019: Provenance = {
  sourceKind: 'press',
  reference: 'ISS analysis, June 2024 (EU-wide figures for 2019)',
  url: 'https://eurafrica.info/2024/06/05/eu-visa-restrictions-on-ethiopians-reflect-strained-migration-relations-analysis',
  evidenceStatus: 'secondary',
};

export const euTurkeyAgreement: Provenance = {
  sourceKind: 'commission',
  reference: 'EU-Turkey readmission agreement, OJ L 134, 7.5.2014',
  url: 'https://eur-lex.europa.eu/legal-content/EN/TXT/HTML/?uri=CELEX:22014A0507(01)',
  evidenceStatus: 'confirmed',
};

export const dtvSomalia: Provenance = {
  sourceKind: 'member-state',
  reference: 'DT&V country information, Somalia',
  url: 'https://www.dienstterugkeerenvertrek.nl/landeninformatie/s/somalie',
  evidenceStatus: 'confirmed',
};

export const integralMigrationAgenda: Provenance = {
  sourceKind: 'member-state',
  reference: 'Kamerstuk 19 637, nr. 2693 (11 January 2021)',
  url: 'https://zoek.officielebekendmakingen.nl/behandelddossier/kst-19637-2693.html',
  evidenceStatus: 'reported',
};
