const PREFIX = '#/components/schemas/';
const INPUT = 'Input';

type Doc = { components?: { schemas?: Record<string, unknown> } };

/** Calls `visit` with every component reference in `node` ($ref, and a discriminator's mapping); its result replaces the reference. */
function mapRefs(node: unknown, visit: (name: string) => string): unknown {
  if (Array.isArray(node)) return node.map((n) => mapRefs(n, visit));
  if (node === null || typeof node !== 'object') return node;
  const ref = (value: unknown) => (typeof value === 'string' && value.startsWith(PREFIX) ? PREFIX + visit(value.slice(PREFIX.length)) : value);
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (key === '$ref') return [key, ref(value)];
      if (key === 'mapping' && value !== null && typeof value === 'object') return [key, Object.fromEntries(Object.entries(value).map(([k, v]) => [k, ref(v)]))];
      return [key, mapRefs(value, visit)];
    }),
  );
}

/**
 * fastify-type-provider-zod puts every registered schema in the document twice, as `<id>` (answers)
 * and `<id>Input` (requests), used or not. An `Input` copy that is the same schema is merged into
 * the answers' one, and components that nothing in the document reaches are dropped: the typed
 * event envelopes are only ever answers, and most event data reads the same both ways.
 */
export function compactSchemas<D extends Doc>(doc: D): D {
  const schemas = doc.components?.schemas;
  if (!schemas) return doc;
  const same = (name: string) =>
    name.endsWith(INPUT) && schemas[name.slice(0, -INPUT.length)] !== undefined && JSON.stringify(schemas[name]) === JSON.stringify(schemas[name.slice(0, -INPUT.length)]);
  const merged = mapRefs(doc, (name) => (same(name) ? name.slice(0, -INPUT.length) : name)) as D;
  const all = merged.components!.schemas!;

  const reached = new Set<string>();
  let todo: unknown[] = [{ ...merged, components: { ...merged.components, schemas: {} } }];
  while (todo.length > 0) {
    const found: string[] = [];
    mapRefs(todo, (name) => {
      if (!reached.has(name)) {
        reached.add(name);
        found.push(name);
      }
      return name;
    });
    todo = found.map((name) => all[name]);
  }
  const kept = Object.fromEntries(Object.entries(all).filter(([name]) => reached.has(name)));
  return { ...merged, components: { ...merged.components, schemas: kept } };
}
