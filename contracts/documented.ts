import type { z } from 'zod';

/**
 * A response schema may be documented by a stricter reading of the same answers than the one that
 * validates them on the way out: the event envelopes are checked as open `data` maps (a stored
 * payload of an older schema version must never turn into a 500, and the answers keep their bytes)
 * and documented with each event type's data (contracts/event-docs.ts). The OpenAPI transform
 * (src/http/openapi-body.ts) swaps in the documented schema; openapi-conformance.test.ts checks that
 * the answers satisfy it.
 */
const documented = new WeakMap<z.ZodType, z.ZodType>();

export function documentAs<T extends z.ZodType>(runtime: T, documentation: z.ZodType): T {
  documented.set(runtime, documentation);
  return runtime;
}

/** The schema the OpenAPI document shows for `schema`: its documentation if it has one, else itself. */
export function documentedSchema(schema: z.ZodType): z.ZodType {
  return documented.get(schema) ?? schema;
}

/** Where fastify-type-provider-zod puts the component of a schema registered under `id`. */
export const componentRef = (id: string) => `#/components/schemas/${id}`;
