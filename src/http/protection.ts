import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TokenStore } from '../auth/token-store.js';
import { requestAuth } from './auth-plugin.js';
import type { Config } from '../config/config.js';
import { AppError } from '../errors/catalogue.js';
import { securityHeaders } from './security-headers.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Route-level override of under-pressure's handler (returning nothing lets the request through). */
    pressureHandler?: (req: FastifyRequest, reply: FastifyReply, type: string, value: number | undefined) => void;
  }
}

/**
 * Route config of /health and /ready: never shed. Liveness must answer while the process lives (an
 * orchestrator would otherwise restart a server that is only busy, e.g. catching up), and readiness
 * says "overloaded" in its own checks.
 */
export const neverShed = { pressureHandler: () => undefined };

/** Why requests are shed now, or null (what /ready reports). */
export function overloadOf(app: FastifyInstance, config: Config): string | null {
  return app.isUnderPressure() ? `overloaded: event-loop delay ${app.memoryUsage().eventLoopDelay.toFixed(0)} ms (limit ${config.maxEventLoopDelayMs} ms)` : null;
}

/**
 * Rate limits count per valid token (by its id), otherwise per address: every guessed or revoked
 * token shares its address's quota, so guessing tokens is throttled like any anonymous call.
 */
function rateLimitKey(tokens: TokenStore) {
  return (req: FastifyRequest): string => {
    const auth = requestAuth(req, tokens);
    return auth?.ok ? `t:${auth.principal.tokenId}` : `ip:${req.ip}`;
  };
}

/** Security headers, per-token rate limits and load shedding (503 rather than collapse). */
export async function registerProtection(app: FastifyInstance, config: Config, tokens: TokenStore): Promise<void> {
  await app.register(securityHeaders);
  await app.register(rateLimit, {
    // Not per route: route hooks run after the authentication hook, whose 401 would skip the count.
    global: false,
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    keyGenerator: rateLimitKey(tokens),
    allowList: (req) => req.url === '/health' || req.url === '/ready',
    errorResponseBuilder: (_req, ctx) => {
      const err = new AppError('RATE_LIMITED', `At most ${ctx.max} requests per minute per token; retry after ${ctx.after}`);
      return Object.assign(err, { statusCode: 429 });
    },
  });
  // Every request, before authentication (registered first) and whether or not a route matches.
  app.addHook('onRequest', app.rateLimit());
  await app.register(underPressure, {
    maxEventLoopDelay: config.maxEventLoopDelayMs,
    retryAfter: 5,
    exposeStatusRoute: false,
    pressureHandler: (_req, reply, type, value) => {
      reply.header('retry-after', '5');
      throw new AppError('OVERLOADED', `The service is overloaded (${type}${value ? `: ${value}` : ''}); retry in a few seconds`);
    },
  });
}
