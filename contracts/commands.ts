import { z } from 'zod';
import { FactDate, Provenance } from './common.js';
import { eventsOfFamily, type CountryFamily, type EventDefinition } from './events/index.js';
import { factExamplesMeta } from './examples/facts.js';

const Trace = z.string().min(1).max(128).regex(/^[A-Za-z0-9._:-]+$/, 'Expected an id without spaces');

function commandFor(def: EventDefinition) {
  return z
    .object({
      type: z.literal(def.type),
      occurredOn: FactDate,
      data: def.data,
      provenance: Provenance,
      correlationId: Trace.optional(),
      causationId: Trace.optional(),
    })
    .strict()
    .describe(def.description);
}

/**
 * Body of POST /v1/countries/{country}/{family}: a discriminated union of that family's event types,
 * documented with a named example of each (contracts/examples).
 */
export function familyCommandBody(family: CountryFamily) {
  const options = eventsOfFamily(family).map(commandFor);
  return z.discriminatedUnion('type', options as [ReturnType<typeof commandFor>, ...ReturnType<typeof commandFor>[]]).meta(factExamplesMeta(family));
}

/** What every family body has in common, as the handler sees it after validation. */
export interface CountryCommand {
  type: string;
  occurredOn: string;
  data: Record<string, unknown>;
  provenance: Provenance;
  correlationId?: string | undefined;
  causationId?: string | undefined;
}
