const INPUT = 'Input';
/** A component reference as a JSON string: a `$ref`, or a discriminator's mapping value. */
const REF = /"#\/components\/schemas\/([^"]+)"/g;

type Doc = { components?: { schemas?: Record<string, unknown> } };

const refsIn = (json: string) => [...json.matchAll(REF)].map((m) => m[1]!);

/**
 * fastify-type-provider-zod puts every registered schema in the document twice, as `<id>` (answers)
 * and `<id>Input` (requests), used or not. An `Input` copy that is the same schema is merged into
 * the answers' one, and components that nothing in the document reaches are dropped: the typed
 * event envelopes are only ever answers, and most event data reads the same both ways. Worked on
 * the JSON text: a walk of the ~0.5 MB document object took ~10 times as long.
 */
export function compactSchemas<D extends Doc>(doc: D): D {
  const schemas = doc.components?.schemas;
  if (!schemas) return doc;
  const renamed = new Map<string, string>();
  for (const name of Object.keys(schemas)) {
    const output = name.slice(0, -INPUT.length);
    if (name.endsWith(INPUT) && schemas[output] !== undefined && JSON.stringify(schemas[name]) === JSON.stringify(schemas[output])) renamed.set(name, output);
  }
  const merged = JSON.parse(JSON.stringify(doc).replace(REF, (ref, name: string) => (renamed.has(name) ? `"#/components/schemas/${renamed.get(name)}"` : ref))) as D;
  const all = merged.components!.schemas!;

  const reached = new Set<string>();
  for (let todo = refsIn(JSON.stringify({ ...merged, components: { ...merged.components, schemas: {} } })); todo.length > 0; ) {
    const found = todo.filter((name) => !reached.has(name));
    for (const name of found) reached.add(name);
    todo = found.flatMap((name) => refsIn(JSON.stringify(all[name])));
  }
  const kept = Object.fromEntries(Object.entries(all).filter(([name]) => reached.has(name)));
  return { ...merged, components: { ...merged.components, schemas: kept } };
}
