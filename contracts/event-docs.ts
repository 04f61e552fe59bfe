import { z } from 'zod';
import { componentRef } from './documented.js';
import { StoredEvent } from './envelope.js';
import { allEventDefinitions, COUNTRY_FAMILIES, type EventDefinition } from './events/index.js';

/**
 * The event envelopes as the OpenAPI document shows them (contracts/documented.ts): the envelope,
 * and (allOf) one variant per event type, keyed by `type`, with that type's data component
 * (`<type>Data`, registered by defineEvent). The variants are loose: the envelope lists every field
 * and refuses others. Only the document uses these schemas; answers are validated with open maps.
 *
 * What `data` can be, by read:
 * - stored form (GET /v1/audit/events): the data exactly as hashed, under the schema version it was
 *   recorded with. The catalogue keeps only the current version's schema: older versions are typed
 *   by their number alone (OlderEventData).
 * - upcast (a country's stream, the timeline): lifted to the current version. Data recorded under
 *   an older version was checked against that version only, so for a type that has older versions
 *   it is the current data or LiftedEventData; a correction's data is always the current schema.
 */

const OpenData = z.record(z.string(), z.unknown());

const OlderEventData = OpenData.meta({
  id: 'OlderEventData',
  description: "Data stored under an older schema version of its type, as recorded: that version's schema is not kept. Reads of a country's stream and the timeline show it lifted to the current version.",
});

const LiftedEventData = OpenData.meta({
  id: 'LiftedEventData',
  description:
    "Data recorded under an older schema version of its type, lifted on read to the current version's fields. It was checked against that version's schema (not kept), so it may fall outside the current one (e.g. a visa measure's provisions outside today's list).",
});

const countryDefinitions = allEventDefinitions.filter((d) => (COUNTRY_FAMILIES as readonly string[]).includes(d.family)) as EventDefinition[];

/** The data of an upcast read of `def`. */
const upcastData = (def: EventDefinition) => (def.schemaVersion === 1 ? def.data : z.union([def.data, LiftedEventData]));

interface Variant {
  type: string;
  /** Its component's name. */
  id: string;
  schema: z.ZodType;
}

/** `schema` as the component `id` (each made once: a component's id must name one schema). */
const variant = (type: string, id: string, schema: z.ZodType): Variant => ({ type, id, schema: schema.meta({ id }) });

/** The union of one component per event type, keyed by `type` (with its discriminator mapping). */
function byType(variants: readonly Variant[]) {
  const mapping = Object.fromEntries(variants.map((v) => [v.type, componentRef(v.id)]));
  const options = variants.map((v) => v.schema) as unknown as [z.ZodObject, ...z.ZodObject[]];
  return z.discriminatedUnion('type', options).meta({ discriminator: { propertyName: 'type', mapping } });
}

/** An event as read from a country's stream (upcast): `<type>Event`. */
const upcastEvent = new Map<string, Variant>(
  allEventDefinitions.map((d) => [
    d.type,
    variant(d.type, `${d.type}Event`, z.looseObject({ type: z.literal(d.type), schemaVersion: z.literal(d.schemaVersion), data: upcastData(d) })),
  ]),
);

/** The stored form of a type with older schema versions, by version. */
const storedVersions = (def: EventDefinition) =>
  z.xor([
    z.looseObject({ type: z.literal(def.type), schemaVersion: z.literal(def.schemaVersion), data: def.data }),
    z.looseObject({
      type: z.literal(def.type),
      schemaVersion: z.literal(Array.from({ length: def.schemaVersion - 1 }, (_, i) => i + 1)),
      data: OlderEventData,
    }),
  ]);

const Envelope = StoredEvent.meta({ id: 'StoredEventEnvelope' });

/** Envelopes of a country's stream, upcast (GET /v1/countries/{country}/events). */
export const UpcastEventDoc = z.intersection(Envelope, byType(countryDefinitions.map((d) => upcastEvent.get(d.type)!)));

/**
 * Envelopes in their stored form (GET /v1/audit/events): a type with one schema version has the
 * same variant as an upcast read; one with older versions, `<type>StoredEvent`.
 */
export const StoredEventDoc = z.intersection(
  Envelope,
  byType(allEventDefinitions.map((d) => (d.schemaVersion === 1 ? upcastEvent.get(d.type)! : variant(d.type, `${d.type}StoredEvent`, storedVersions(d))))),
);

/** Timeline entries (upcast data; `effective` is a correction's data, always the current schema). */
export const timelineEntries = (entry: z.ZodType) =>
  z.intersection(
    entry,
    byType(
      countryDefinitions.map((d) =>
        variant(
          d.type,
          `${d.type}TimelineEntry`,
          // effective's other field (occurredOn) is typed by the entry itself.
          z.looseObject({ type: z.literal(d.type), data: upcastData(d), effective: z.looseObject({ data: d.data }).nullable().optional() }),
        ),
      ),
    ),
  );
