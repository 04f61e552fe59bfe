/** Provenance presets for the demo facts (domain-research.md section 7 source list). */
type Status = 'confirmed' | 'secondary' | 'reported' | 'estimate';
type Kind = 'eurostat' | 'commission' | 'council' | 'frontex' | 'member-state' | 'nl-desk' | 'rcms' | 'partner' | 'press' | 'other';

export interface DemoProvenance {
  sourceKind: Kind;
  reference: string;
  url?: string;
  evidenceStatus: Status;
}

export const src = (sourceKind: Kind, reference: string, evidenceStatus: Status, url?: string): DemoProvenance =>
  url ? { sourceKind, reference, url, evidenceStatus } : { sourceKind, reference, evidenceStatus };

/** Facts from the project's source letter that were not independently verified. */
export const letter = (what: string) => src('nl-desk', `Source letter: ${what} (not independently verified)`, 'reported');
/** The demo dataset's own estimates (domain-research 4.7). */
export const estimate = (what: string) => src('other', `Demo estimate, domain-research 4.7: ${what}`, 'estimate');
/** Case-level records invented for the demo (opaque references, no personal data). */
export const demoCase = (what: string) => src('nl-desk', `Demo case record: ${what}`, 'estimate');
