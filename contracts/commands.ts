import { z } from 'zod';
import { FactDate, NewProvenance, type Provenance } from './common.js';
import { allEventDefinitions, COUNTRY_FAMILIES, eventsOfFamily, type CountryFamily, type EventDefinition } from './events/index.js';
import { factExamplesMeta } from './examples/facts.js';

const Trace = z.string().min(1).max(128).regex(/^[A-Za-z0-9._:-]+$/, 'Expected an id without spaces');

function commandFor(def: EventDefinition) {
  return z
    .object({
      type: z.literal(def.type),
      occurredOn: FactDate,
      data: def.data,
      provenance: NewProvenance,
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

/**
 * What to tell a desk whose `type` is not one of the family it posted to, when it is a fact of
 * another family (posted to the wrong route) or one written in another case; undefined otherwise
 * (the schema's list of the family's types says enough).
 */
export function misplacedTypeHint(family: CountryFamily, type: unknown, country: string): string | undefined {
  if (typeof type !== 'string') return undefined;
  const def = allEventDefinitions.find((d) => d.type.toLowerCase() === type.toLowerCase());
  if (!def || !(COUNTRY_FAMILIES as readonly string[]).includes(def.family)) return undefined;
  const route = `/v1/countries/${country}/${def.family}`;
  if (def.type !== type) return `Event types are case-sensitive: did you mean ${def.type}?${def.family === family ? '' : ` It belongs to ${def.family}: post it to ${route}`}`;
  return def.family === family ? undefined : `${type} belongs to ${def.family}, not ${family}: post it to ${route}`;
}
