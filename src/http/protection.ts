import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hashToken } from '../auth/token-store.js';
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

/** Rate limits count per token (hashed, never logged), or per address for anonymous calls. */
function rateLimitKey(req: FastifyRequest): string {
  const auth = req.headers.authorization;
  return auth ? `t:${hashToken(auth).slice(0, 32)}` : `ip:${req.ip}`;
}

/** Security headers, per-token rate limits and load shedding (503 rather than collapse). */
export async function registerProtection(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(securityHeaders);
  await app.register(rateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    keyGenerator: rateLimitKey,
    allowList: (req) => req.url === '/health' || req.url === '/ready',
    errorResponseBuilder: (_req, ctx) => {
      const err = new AppError('RATE_LIMITED', `At most ${ctx.max} requests per minute per token; retry after ${ctx.after}`);
      return Object.assign(err, { statusCode: 429 });
    },
  });
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
