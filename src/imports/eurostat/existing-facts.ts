import type { StoredEvent } from '../../../contracts/index.js';
import { factKey } from './fact-key.js';

/** A statistics fact as it stands now: the original event id, with corrections applied. */
export interface EffectiveFact {
  /** The original event: the one a further correction must name. */
  eventId: string;
  type: string;
  occurredOn: string;
  data: Record<string, unknown>;
}

/** Statistics facts by factKey. */
export type FactIndex = ReadonlyMap<string, EffectiveFact>;

const IMPORTED_TYPES = new Set(['ReturnDecisionsReported', 'ReturnsReported']);

/** The only event types `EffectiveStatistics.add` looks at. */
export const FOLDED_TYPES: readonly string[] = [...IMPORTED_TYPES, 'EntryCorrected', 'EntryRetracted'];

interface Correction {
  eventId: string;
  data: Record<string, unknown>;
  occurredOn: string | undefined;
}

interface Original {
  eventId: string;
  type: string;
  occurredOn: string;
  data: Record<string, unknown>;
  corrections: Correction[];
}

/**
 * Folds a country's events (stream order) into its effective return statistics: an
 * EntryCorrected replaces the data of the fact it names (directly or through an earlier
 * correction), an EntryRetracted withdraws a fact or undoes a correction. Same rules as the
 * domain's effectiveHistory, but folded event by event so a long stream is read in pages and only
 * its statistics are kept in memory.
 */
export class EffectiveStatistics {
  private readonly originals = new Map<string, Original>();
  /** Correction event id -> the original it corrects. */
  private readonly correctionTarget = new Map<string, string>();

  add(event: Pick<StoredEvent, 'eventId' | 'type' | 'occurredOn' | 'data'>): void {
    if (IMPORTED_TYPES.has(event.type)) {
      this.originals.set(event.eventId, { eventId: event.eventId, type: event.type, occurredOn: event.occurredOn, data: event.data, corrections: [] });
    } else if (event.type === 'EntryCorrected') {
      const root = this.rootOf(String(event.data['correctedEventId']));
      const original = root ? this.originals.get(root) : undefined;
      if (!original || !root) return; // corrects something that is not an imported statistic
      const occurredOn = event.data['occurredOn'];
      original.corrections.push({
        eventId: event.eventId,
        data: event.data['data'] as Record<string, unknown>,
        occurredOn: typeof occurredOn === 'string' ? occurredOn : undefined,
      });
      this.correctionTarget.set(event.eventId, root);
    } else if (event.type === 'EntryRetracted') {
      const id = String(event.data['retractedEventId']);
      if (this.originals.delete(id)) return;
      const root = this.correctionTarget.get(id);
      const original = root ? this.originals.get(root) : undefined;
      if (original) original.corrections = original.corrections.filter((c) => c.eventId !== id);
    }
  }

  /** Effective facts by key; when two facts share a key (entered twice), the later one wins. */
  index(): FactIndex {
    const out = new Map<string, EffectiveFact>();
    for (const o of this.originals.values()) {
      const last = o.corrections[o.corrections.length - 1];
      const data = last?.data ?? o.data;
      // As the domain's effective history: the latest correction's occurredOn, if it gives one.
      const occurredOn = last?.occurredOn ?? o.occurredOn;
      out.set(factKey(o.type, data), { eventId: o.eventId, type: o.type, occurredOn, data });
    }
    return out;
  }

  private rootOf(id: string): string | undefined {
    if (this.originals.has(id)) return id;
    return this.correctionTarget.get(id);
  }
}

export function effectiveStatistics(events: Iterable<Pick<StoredEvent, 'eventId' | 'type' | 'occurredOn' | 'data'>>): FactIndex {
  const fold = new EffectiveStatistics();
  for (const e of events) fold.add(e);
  return fold.index();
}
