import { z } from 'zod';
import { AppendResponse, COUNTRY_FAMILIES, familyCommandBody, misplacedTypeHint, type CountryCommand } from '../../../contracts/index.js';
import { requestHash } from '../../commands/request-hash.js';
import { AppError, isAppError } from '../../errors/catalogue.js';
import type { RoutePlugin } from '../app.js';
import { CountryParam, countryFromUrl, requireConfiguredCountry } from '../country-param.js';
import { responseHeaders } from '../openapi-headers.js';
import { problemResponses, STORING_PROBLEMS } from '../problem-responses.js';

const CommandHeaders = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{1,200}$/, 'Idempotency-Key must be 1-200 visible ASCII characters')
    .optional()
    .describe('Retrying with the same key and body returns the original response and records nothing'),
  'if-match': z
    .string()
    .regex(/^(W\/)?"?(-1|\d{1,12})"?$/, 'If-Match must be the stream revision, e.g. "4", or "-1" for a stream with no events yet')
    .optional()
    .describe('Last stream revision you have seen ("-1": the stream has no events yet); 412 if the stream is not at it'),
});

const problems = problemResponses(400, 404, 409, 412, 413, 415, 422, ...STORING_PROBLEMS);

const recordedHeaders = responseHeaders({
  201: {
    ETag: { description: 'The stream revision after this fact, quoted ("4"): send it as If-Match with the next fact', schema: { type: 'string' } },
    Location: { description: 'The recorded event in the stream (GET /v1/countries/{country}/events)', schema: { type: 'string' } },
    'Idempotent-Replayed': { description: '"true" when this is the answer kept for the Idempotency-Key (nothing new recorded)', schema: { type: 'string', enum: ['true'] } },
  },
});

/** operationId of a family's route: recordDialogues, recordVisaMeasures, ... */
const operationId = (family: string) => `record${family.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase())}`;

/**
 * The domain names fields from the command (a correction's data: `data.data.count`); here the command
 * is the body, so the paths start with `body.` like the schema's own errors.
 */
function inBody(e: unknown): unknown {
  if (!isAppError(e) || !e.errors) return e;
  return new AppError(e.code, e.message, e.errors.map((f) => ({ ...f, path: `body.${f.path}` })));
}

/** POST /v1/countries/{country}/{family}: one route per family, each validating that family's event types. */
export const commandRoutes: RoutePlugin = (app, ctx) => {
  for (const family of COUNTRY_FAMILIES) {
    app.post(
      `/v1/countries/:country/${family}`,
      {
        config: { access: { roles: ['desk'], countryScoped: true } },
        schema: {
          operationId: operationId(family),
          tags: ['facts'],
          summary: `Record a ${family} fact`,
          ...recordedHeaders,
          params: z.object({ country: CountryParam }),
          headers: CommandHeaders,
          body: familyCommandBody(family),
          response: { 201: AppendResponse, ...problems },
        },
        // Before the schema: a fact posted to the wrong family's route would only hear this family's types.
        preValidation: async (req) => {
          const body = req.body as { type?: unknown } | null;
          const hint = misplacedTypeHint(family, body?.type, countryFromUrl(String((req.params as { country?: unknown }).country)) ?? '{country}');
          if (hint) throw new AppError('VALIDATION_FAILED', `body.type: ${hint}`, [{ path: 'body.type', message: hint }]);
        },
      },
      async (req, reply) => {
        const country = requireConfiguredCountry(ctx.config.countries, req.params.country);
        const key = req.headers['idempotency-key'];
        const ifMatch = req.headers['if-match'];
        const outcome = await ctx.commands
          .record({
            country,
            command: req.body as CountryCommand,
            principalId: req.principal!.id,
            ifMatch: ifMatch === undefined ? undefined : Number(/-?\d+/.exec(ifMatch)![0]),
            idempotency: key ? { key, requestHash: requestHash('POST', `/v1/countries/${country}/${family}`, req.body) } : undefined,
          })
          .catch((e: unknown) => {
            throw inBody(e);
          });
        if (outcome.replayed) reply.header('idempotent-replayed', 'true');
        return reply
          .code(201)
          .header('etag', `"${outcome.response.streamRevision}"`)
          .header('location', `/v1/countries/${country}/events?fromRevision=${outcome.response.streamRevision}&limit=1`)
          .send(outcome.response);
      },
    );
  }
};
