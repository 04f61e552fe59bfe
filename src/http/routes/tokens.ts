import { z } from 'zod';
import { CreatedToken, CreateTokenBody, TokenInfo } from '../../../contracts/index.js';
import { AppError } from '../../errors/catalogue.js';
import type { RoutePlugin } from '../app.js';
import { ACCESS_PROBLEMS, problemResponses, STORING_PROBLEMS } from '../problem-responses.js';

const admin = { access: { roles: ['admin'] as const } };

export const tokenRoutes: RoutePlugin = (app, ctx) => {
  app.post(
    '/v1/tokens',
    {
      config: admin,
      schema: {
        operationId: 'createToken',
        tags: ['tokens'],
        summary: 'Create a bearer token (shown once)',
        body: CreateTokenBody,
        response: { 201: CreatedToken, ...problemResponses(400, 413, 415, ...STORING_PROBLEMS) },
      },
    },
    async (req, reply) => {
      const unknown = (req.body.countries ?? []).filter((c) => !ctx.config.countries.includes(c));
      if (unknown.length > 0) {
        throw new AppError('VALIDATION_FAILED', `Countries not configured: ${unknown.join(', ')}`, [
          { path: 'body.countries', message: `not configured: ${unknown.join(', ')}` },
        ]);
      }
      const { token, info } = ctx.tokens.create(req.body);
      return reply.code(201).send({ ...info, token });
    },
  );

  app.get(
    '/v1/tokens',
    {
      config: admin,
      schema: { operationId: 'listTokens', tags: ['tokens'], summary: 'List tokens (never the secrets)', response: { 200: z.array(TokenInfo).describe('Every token, revoked and expired ones too'), ...problemResponses(...ACCESS_PROBLEMS) } },
    },
    async () => ctx.tokens.list(),
  );

  app.delete(
    '/v1/tokens/:tokenId',
    {
      config: admin,
      schema: {
        operationId: 'revokeToken',
        tags: ['tokens'],
        summary: 'Revoke a token',
        params: z.object({ tokenId: z.string().max(64).describe('tokenId from POST or GET /v1/tokens') }),
        response: { 204: z.null().describe('Revoked'), ...problemResponses(400, 404, ...STORING_PROBLEMS) },
      },
    },
    async (req, reply) => {
      if (!ctx.tokens.revoke(req.params.tokenId)) {
        throw new AppError('NOT_FOUND', `No active token ${req.params.tokenId}`);
      }
      return reply.code(204).send(null);
    },
  );
};
