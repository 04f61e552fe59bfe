import type { SwaggerTransform, SwaggerTransformObject } from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { documentedSchema } from '../../contracts/documented.js';
import { compactSchemas } from './openapi-components.js';
import { applyHeaderDocs } from './openapi-headers.js';

const OPTIONAL_BODY = 'x-rcm-optional-body';

/**
 * fastify hands a request without a body to validation as `null`, so a route whose body may be left
 * out declares `Body.nullish()`. @fastify/swagger marks every body `required`: here such a body is
 * documented as its object schema, and `requestBody.required: false` (set in transformObject below).
 */
/** Response schemas as documented (contracts/documented.ts): the event envelopes typed by `type`. */
function documentedResponses(schema: Record<string, unknown>): Record<string, unknown> {
  const response = schema['response'] as Record<string, unknown> | undefined;
  if (!response) return schema;
  const documented = Object.entries(response).map(([status, s]) => [status, s instanceof z.ZodType ? documentedSchema(s) : s]);
  return { ...schema, response: Object.fromEntries(documented) };
}

export const transform: SwaggerTransform = (original) => {
  const arg = original.schema ? { ...original, schema: documentedResponses(original.schema as Record<string, unknown>) } : original;
  const body = arg.schema?.body;
  if (!(body instanceof z.ZodType) || !body.safeParse(null).success) return jsonSchemaTransform(arg);
  let inner: z.ZodType = body;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable) inner = inner.unwrap() as z.ZodType;
  const out = jsonSchemaTransform({ ...arg, schema: { ...arg.schema, body: inner } });
  return { ...out, schema: { ...out.schema, [OPTIONAL_BODY]: true } };
};

type Media = { example?: unknown; examples?: unknown; schema?: { examples?: unknown[] } };
type Operation = { [OPTIONAL_BODY]?: boolean; requestBody?: { required?: boolean }; responses?: Record<string, { content?: Record<string, Media> }> };

/**
 * @fastify/swagger shows a response schema's `examples` as the media type's example, except under a
 * response keyed by content type (problem+json, the report's formats): there they stayed inside the
 * schema, where the UI and client generators do not look. Lifted here the same way.
 */
function liftSchemaExamples(op: Operation): void {
  for (const response of Object.values(op.responses ?? {})) {
    for (const media of Object.values(response.content ?? {})) {
      const examples = media.schema?.examples;
      if (!Array.isArray(examples) || media.example !== undefined || media.examples !== undefined) continue;
      if (examples.length === 1) media.example = examples[0];
      else media.examples = Object.fromEntries(examples.map((value, i) => [`example${i + 1}`, { value }]));
      delete media.schema!.examples;
    }
  }
}

/**
 * A schema's example is shown wherever the schema is used: the problem+json example (a 400) would
 * also stand under 401, 404, ... Responses keep only an example whose `status` is theirs.
 */
function dropExamplesOfOtherStatuses(op: Operation): void {
  for (const [status, response] of Object.entries(op.responses ?? {})) {
    for (const media of Object.values(response.content ?? {})) {
      const example = media.example as { status?: unknown } | undefined;
      if (typeof example?.status === 'number' && String(example.status) !== status) delete media.example;
    }
  }
}

export const transformObject: SwaggerTransformObject = (doc) => {
  const out = compactSchemas(jsonSchemaTransformObject(doc) as { paths?: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, unknown> } });
  for (const operations of Object.values(out.paths ?? {})) {
    for (const op of Object.values(operations)) {
      if (typeof op !== 'object' || op === null) continue;
      liftSchemaExamples(op);
      applyHeaderDocs(op);
      dropExamplesOfOtherStatuses(op);
      if (!op[OPTIONAL_BODY]) continue;
      delete op[OPTIONAL_BODY];
      if (op.requestBody) op.requestBody.required = false;
    }
  }
  return out as ReturnType<SwaggerTransformObject>;
};
