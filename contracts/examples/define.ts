import type { z } from 'zod';
import type { CountryCode, Provenance } from '../common.js';
import type { allEventDefinitions } from '../events/index.js';

/**
 * Request and response examples shown in the OpenAPI document (/docs). They are values only: the
 * schemas they illustrate are the contracts themselves, and test/integration/http/openapi-examples.test.ts
 * parses every example of the document with its schema and posts every request example to a fresh app.
 */

type Definition = (typeof allEventDefinitions)[number];

/** The body of POST /v1/countries/{country}/{family} for one event type, as a desk sends it. */
export type FactBody = {
  [D in Definition as D['type']]: {
    type: D['type'];
    occurredOn: string;
    data: z.input<D['data']>;
    provenance: Provenance;
    correlationId?: string;
    causationId?: string;
  };
}[Definition['type']];

/** One entry of an OpenAPI media-type `examples` map. */
export interface OpenApiExample<T = unknown> {
  summary: string;
  description?: string;
  value: T;
}

export interface FactExample extends OpenApiExample<FactBody> {
  /** Key in the route's `examples` map: the event type, with a suffix when a type has several. */
  key: string;
  /** The country whose route it is posted to. */
  country: CountryCode;
  /**
   * For a correction or retraction: the key of the example it corrects. Its `correctedEventId` /
   * `retractedEventId` stands for the eventId answered when that example was recorded.
   */
  target?: string;
}

/** The OpenAPI `examples` map of some named examples (the key and our own metadata left out). */
export function examplesMap(list: readonly FactExample[]): Record<string, OpenApiExample> {
  return Object.fromEntries(
    list.map(({ key, summary, description, value }) => [key, description === undefined ? { summary, value } : { summary, description, value }]),
  );
}

/** Metadata that @fastify/swagger turns into the media type's `examples` map of a request body. */
export const namedExamples = (examples: Record<string, OpenApiExample>) => ({ 'x-examples': examples });
