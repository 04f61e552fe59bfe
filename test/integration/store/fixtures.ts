import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../../../src/store/port.js';

/** A current-version event as a command handler would hand it to the store. */
export function trackOpened(country: string, n: number, overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'DialogueTrackOpened',
    schemaVersion: 1,
    country,
    occurredOn: '2024-03-01',
    recordedBy: `desk-${country.toLowerCase()}`,
    provenance: { sourceKind: 'nl-desk', reference: `memo ${n}`, evidenceStatus: 'confirmed' },
    correlationId: `corr-${n}`,
    data: {
      trackId: `${country}-TRACK-${n}`,
      title: `Track ${n}`,
      level: 'technical',
      format: 'NL-bilateral',
      parties: ['NL', country],
    },
    ...overrides,
  };
}

/** A DialogueSessionHeld in its old schema version 1 (participants and topics as comma strings). */
export function sessionHeldV1(country: string): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'DialogueSessionHeld',
    schemaVersion: 1,
    country,
    occurredOn: '2019-05-14',
    recordedBy: 'importer',
    provenance: { sourceKind: 'nl-desk', reference: 'legacy register', evidenceStatus: 'secondary' },
    data: { trackId: `${country}-TRACK-1`, participants: 'NL MFA, NL DTenV , partner MFA', topics: 'SOP,charters', outcomeSummary: 'Agreed to meet again.' },
  };
}

export const streamOf = (country: string) => `country-${country}`;
