import { z } from 'zod';
import { countryStreamId, EventPage, wholeNumberParamOr } from '../../../contracts/index.js';
import type { RoutePlugin } from '../app.js';
import { CountryParam, requireConfiguredCountry } from '../country-param.js';
import { ACCESS_PROBLEMS, problemResponses } from '../problem-responses.js';

export const countryRoutes: RoutePlugin = (app, ctx) => {
  app.get(
    '/v1/countries/:country/events',
    {
      config: { access: { roles: ['desk', 'auditor', 'admin'], countryScoped: true } },
      schema: {
        operationId: 'listCountryEvents',
        tags: ['countries'],
        summary: "Stored events of a country's stream, data upcast to the current schema version, paged by revision",
        params: z.object({ country: CountryParam }),
        querystring: z.object({
          fromRevision: wholeNumberParamOr('fromRevision', 0, Number.MAX_SAFE_INTEGER, 0),
          limit: wholeNumberParamOr('limit', 1, 1000, 100),
        }),
        response: { 200: EventPage, ...problemResponses(400, 404, ...ACCESS_PROBLEMS) },
      },
    },
    async (req) => {
      const country = requireConfiguredCountry(ctx.config.countries, req.params.country);
      const { fromRevision, limit } = req.query;
      const events = await ctx.store.readStream(countryStreamId(country), { fromRevision, limit: limit + 1 });
      const page = events.slice(0, limit);
      return { events: page, nextRevision: events.length > limit ? page[page.length - 1]!.streamRevision + 1 : null };
    },
  );
};
