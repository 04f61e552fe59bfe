import type { StoredEvent } from '../../contracts/index.js';

/** A correction in the shape `applyCorrections` reads (stored events, or a decided but unstored fact). */
export interface CorrectionLike {
  type: string;
  data: Record<string, unknown>;
}

export function isCorrectionType(type: string): boolean {
  return type === 'EntryCorrected' || type === 'EntryRetracted';
}

/**
 * The history as it is now understood: correction events removed, a corrected event's data (and
 * occurredOn, when the correction gives one) replaced by its latest correction, a retracted event
 * removed. Order and envelopes are otherwise kept (eventId, revision, recordedAt of the original).
 * Works on one stream or on events of many streams (event ids are global).
 */
export function effectiveHistory(events: readonly StoredEvent[]): StoredEvent[] {
  return applyCorrections(events, []);
}

/** `effectiveHistory` with extra, not yet stored corrections applied after those in `events`. */
export function applyCorrections(events: readonly StoredEvent[], pending: readonly CorrectionLike[]): StoredEvent[] {
  const corrections = new Map<string, { data: Record<string, unknown>; occurredOn: string | undefined }>();
  const retracted = new Set<string>();
  const note = (c: CorrectionLike) => {
    if (c.type === 'EntryRetracted') {
      retracted.add(String(c.data['retractedEventId']));
    } else if (c.type === 'EntryCorrected') {
      const occurredOn = c.data['occurredOn'];
      corrections.set(String(c.data['correctedEventId']), {
        data: c.data['data'] as Record<string, unknown>,
        occurredOn: typeof occurredOn === 'string' ? occurredOn : undefined,
      });
    }
  };
  for (const e of events) if (isCorrectionType(e.type)) note(e);
  for (const c of pending) note(c);
  if (corrections.size === 0 && retracted.size === 0) return events.filter((e) => !isCorrectionType(e.type));

  const out: StoredEvent[] = [];
  for (const e of events) {
    if (isCorrectionType(e.type) || retracted.has(e.eventId)) continue;
    const c = corrections.get(e.eventId);
    out.push(c ? { ...e, data: c.data, occurredOn: c.occurredOn ?? e.occurredOn } : e);
  }
  return out;
}
