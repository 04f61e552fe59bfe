import type { z } from 'zod';
import { correctionEvents } from './corrections.js';
import type { CountryFamily, EventDefinition, EventFamily } from './define.js';
import { dialogueEvents } from './dialogues.js';
import { governanceEvents } from './governance.js';
import { instrumentEvents } from './instruments.js';
import { requestEvents } from './requests.js';
import { returnOperationEvents } from './return-operations.js';
import { statisticsEvents } from './statistics.js';
import { visaMeasureEvents } from './visa-measures.js';

export * from './define.js';
export * from './dialogues.js';
export * from './instruments.js';
export * from './visa-measures.js';
export * from './requests.js';
export * from './return-operations.js';
export * from './statistics.js';
export * from './corrections.js';
export * from './governance.js';

export const allEventDefinitions = [
  ...dialogueEvents,
  ...instrumentEvents,
  ...visaMeasureEvents,
  ...requestEvents,
  ...returnOperationEvents,
  ...statisticsEvents,
  ...correctionEvents,
  ...governanceEvents,
] as const;

type AnyDefinition = (typeof allEventDefinitions)[number];
export type EventType = AnyDefinition['type'];
/** The current (upcast) data shape of each event type. */
export type EventDataMap = { [D in AnyDefinition as D['type']]: z.output<D['data']> };
export type EventData<T extends EventType> = EventDataMap[T];

const byType = new Map<string, EventDefinition>(allEventDefinitions.map((d) => [d.type, d as EventDefinition]));

export function eventDefinition(type: string): EventDefinition | undefined {
  return byType.get(type);
}

export function isEventType(type: string): type is EventType {
  return byType.has(type);
}

export function eventsOfFamily(family: EventFamily): readonly EventDefinition[] {
  return allEventDefinitions.filter((d) => d.family === family) as EventDefinition[];
}

export function familyOf(type: string): EventFamily | undefined {
  return byType.get(type)?.family;
}

export type { CountryFamily };

/**
 * Lifts stored data of `fromVersion` to the current schema version of `type`.
 * Unknown types and current versions are returned unchanged.
 */
export function upcastData(type: string, fromVersion: number, data: Record<string, unknown>): Record<string, unknown> {
  const def = byType.get(type);
  if (!def) return data;
  let out = data;
  for (let v = fromVersion; v < def.schemaVersion; v++) {
    const up = def.upcasters[v];
    if (!up) throw new Error(`No upcaster for ${type} from schema version ${v}`);
    out = up(out);
  }
  return out;
}
