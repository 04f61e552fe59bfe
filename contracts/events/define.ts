import type { z } from 'zod';

export const EVENT_FAMILIES = [
  'dialogues',
  'instruments',
  'visa-measures',
  'requests',
  'return-operations',
  'statistics',
  'corrections',
  'governance',
] as const;
export type EventFamily = (typeof EVENT_FAMILIES)[number];

/** Families a desk posts to under /v1/countries/{country}/{family}. */
export const COUNTRY_FAMILIES = EVENT_FAMILIES.filter((f) => f !== 'governance') as Exclude<EventFamily, 'governance'>[];
export type CountryFamily = Exclude<EventFamily, 'governance'>;

/** Turns the stored data of schema version `n` into version `n + 1`. */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

export interface EventDefinition<T extends string = string, S extends z.ZodType = z.ZodType> {
  type: T;
  family: EventFamily;
  /** Current schema version; stored events of older versions are upcast on read. */
  schemaVersion: number;
  data: S;
  /** upcasters[n] lifts version n to n + 1. */
  upcasters: Readonly<Record<number, Upcaster>>;
  description: string;
}

/** Name of the OpenAPI component of an event type's (current) data: `<type>Data`. */
export const eventDataId = (type: string) => `${type}Data`;

export function defineEvent<T extends string, S extends z.ZodType>(
  type: T,
  family: EventFamily,
  data: S,
  description: string,
  versioning: { schemaVersion: number; upcasters: Record<number, Upcaster> } = { schemaVersion: 1, upcasters: {} },
): EventDefinition<T, S> {
  // Registered under an id, the data is one named component of the OpenAPI document that the
  // command bodies and the typed event envelopes refer to, instead of a copy at each use.
  // meta() returns a copy that parses exactly as `data` does.
  return { type, family, data: data.meta({ id: eventDataId(type) }), description, ...versioning };
}
