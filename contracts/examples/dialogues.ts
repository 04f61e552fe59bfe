import type { FactExample } from './define.js';
import { illustrative, integralMigrationAgenda } from './provenance.js';

/** Dialogues: the bilateral NL-Algeria migration dialogue. */
export const dialogueExamples: FactExample[] = [
  {
    key: 'DialogueTrackOpened',
    country: 'DZ',
    summary: 'Algeria: the bilateral NL migration dialogue is opened',
    value: {
      type: 'DialogueTrackOpened',
      occurredOn: '2021-01-11',
      data: { trackId: 'DZ-NL-1', title: 'NL-Algeria migration dialogue', level: 'senior-officials', format: 'NL-bilateral', parties: ['NL', 'DZ'] },
      provenance: integralMigrationAgenda,
    },
  },
  {
    key: 'DialogueSessionHeld',
    country: 'DZ',
    summary: 'Algeria: a session in Algiers on laissez-passers (illustrative)',
    value: {
      type: 'DialogueSessionHeld',
      occurredOn: '2023-11-14',
      data: {
        trackId: 'DZ-NL-1',
        location: 'Algiers',
        participants: ['NL Ministry of Foreign Affairs', 'DT&V', 'DZ Ministry of Foreign Affairs'],
        topics: ['laissez-passer', 'identification'],
        outcomeSummary: 'Discussed the 141 laissez-passer requests of 2023; Algeria agreed to process confirmed identities through its consulates.',
      },
      provenance: illustrative,
    },
  },
  {
    key: 'DialogueCommitmentRecorded',
    country: 'DZ',
    summary: 'Algeria: the partner commits to issuing laissez-passers (illustrative)',
    value: {
      type: 'DialogueCommitmentRecorded',
      occurredOn: '2023-11-14',
      data: {
        commitmentId: 'DZ-NL-1-C1',
        trackId: 'DZ-NL-1',
        owner: 'partner',
        description: 'Issue laissez-passers for nationals whose identity the consulate has confirmed.',
        dueDate: '2024-06-30',
        indicatorLink: 'D1',
      },
      provenance: illustrative,
    },
  },
  {
    key: 'DialogueCommitmentRecorded_NL',
    country: 'DZ',
    summary: 'Algeria: the Netherlands commits to sending biometric data ahead of presentations (illustrative)',
    value: {
      type: 'DialogueCommitmentRecorded',
      occurredOn: '2023-11-14',
      data: {
        commitmentId: 'DZ-NL-1-C2',
        trackId: 'DZ-NL-1',
        owner: 'NL',
        description: 'Send fingerprints and photos to the consulate before each consular presentation.',
        dueDate: '2024-03-31',
      },
      provenance: illustrative,
    },
  },
  {
    key: 'DialogueCommitmentFulfilled',
    country: 'DZ',
    summary: "Algeria: the partner's commitment is assessed as fulfilled",
    value: {
      type: 'DialogueCommitmentFulfilled',
      occurredOn: '2024-05-15',
      data: { commitmentId: 'DZ-NL-1-C1', note: 'Laissez-passers issued again; the Council of State found prospects of removal to Algeria in 2024.' },
      provenance: { sourceKind: 'press', reference: 'NH Nieuws, May 2024', url: 'https://www.nhnieuws.nl/nieuws/n149267/uitzettingen-naar-algerije-hervat-nederland-mag-vreemdelingen-vastzetten', evidenceStatus: 'secondary' },
    },
  },
  {
    key: 'DialogueCommitmentLapsed',
    country: 'DZ',
    summary: "Algeria: the Netherlands' commitment lapsed (illustrative)",
    value: {
      type: 'DialogueCommitmentLapsed',
      occurredOn: '2024-04-02',
      data: { commitmentId: 'DZ-NL-1-C2', note: 'Biometric data reached the consulate for fewer than half of the presentations.' },
      provenance: illustrative,
    },
  },
];
