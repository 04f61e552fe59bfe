import { z } from 'zod';
import { Problem } from '../../../contracts/index.js';
import { AppError } from '../../errors/catalogue.js';
import { checkReadiness } from '../../ops/readiness.js';
import type { RoutePlugin } from '../app.js';
import { toProblem } from '../problem.js';
import { responseHeaders } from '../openapi-headers.js';
import { PROBLEM_JSON } from '../problem-responses.js';
import { neverShed, overloadOf } from '../protection.js';

/** A projection may trail the log head by this many events and still count as caught up. */
export const READY_MAX_PROJECTION_LAG = 1000;

const Check = z.object({ ok: z.boolean(), detail: z.string() });
const Checks = z.object({ eventStore: Check, authStore: Check, projections: Check, load: Check });
const noStore = { 'Cache-Control': { description: 'no-store', schema: { type: 'string' } } };

export const operationsRoutes: RoutePlugin = (app, ctx) => {
  app.get(
    '/ready',
    {
      config: neverShed,
      schema: {
        operationId: 'ready',
        tags: ['operations'],
        ...responseHeaders({ 200: noStore, 503: noStore }),
        summary: 'Readiness: stores open, projections caught up, requests not shed (503 otherwise)',
        security: [],
        response: {
          200: z.object({ status: z.literal('ready'), checks: Checks }).describe('Ready'),
          503: { description: 'Not ready (NOT_READY); `checks` says why', content: { [PROBLEM_JSON]: { schema: Problem.extend({ checks: Checks }) } } },
        },
      },
    },
    async (req, reply) => {
      const readiness = await checkReadiness({
        store: ctx.store,
        tokens: ctx.tokens,
        projections: ctx.readSide.runner,
        maxProjectionLag: READY_MAX_PROJECTION_LAG,
        overload: () => overloadOf(app, ctx.config),
      });
      reply.header('cache-control', 'no-store');
      if (readiness.ready) return reply.code(200).send({ status: 'ready' as const, checks: readiness.checks });
      const failing = Object.entries(readiness.checks)
        .filter(([, c]) => !c.ok)
        .map(([name, c]) => `${name}: ${c.detail}`)
        .join('; ');
      req.log.warn({ checks: readiness.checks }, 'not ready');
      const problem = toProblem(new AppError('NOT_READY', failing), '/ready');
      return reply.code(503).type('application/problem+json').send({ ...problem, checks: readiness.checks });
    },
  );
};
