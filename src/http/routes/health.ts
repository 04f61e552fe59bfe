import { z } from 'zod';
import type { RoutePlugin } from '../app.js';
import { neverShed } from '../protection.js';

export const healthRoutes: RoutePlugin = (app) => {
  app.get(
    '/health',
    {
      config: neverShed,
      schema: {
        operationId: 'health',
        tags: ['operations'],
        summary: 'Liveness: the process answers (also when overloaded)',
        security: [],
        response: { 200: z.object({ status: z.literal('ok') }).describe('Alive') },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
};
