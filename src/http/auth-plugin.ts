import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { mayAccessCountry } from '../auth/principal.js';
import type { AuthResult, TokenStore } from '../auth/token-store.js';
import { AppError } from '../errors/catalogue.js';
import { countryFromUrl, requireConfiguredCountry } from './country-param.js';

const REASONS = {
  unknown: 'The bearer token is not known',
  revoked: 'The bearer token was revoked',
  expired: 'The bearer token has expired',
} as const;

const BEARER = /^Bearer ([^\s]+)$/i;
const checked = new WeakMap<FastifyRequest, AuthResult | null>();

/**
 * The request's bearer token checked against the store, once per request (the rate limiter keys on
 * it before the authentication hook below runs). Null without a well-formed `Bearer` header.
 */
export function requestAuth(req: FastifyRequest, tokens: TokenStore): AuthResult | null {
  let auth = checked.get(req);
  if (auth === undefined) {
    const m = BEARER.exec(req.headers.authorization ?? '');
    auth = m ? tokens.authenticate(m[1]!) : null;
    checked.set(req, auth);
  }
  return auth;
}

/**
 * Bearer-token authentication and role/country authorisation, driven by each route's
 * `config.access`. Runs before the body is parsed, so unauthorised requests never reach validation.
 */
async function authPlugin(app: FastifyInstance, opts: { tokens: TokenStore; countries: string[] }) {
  app.decorateRequest('principal', undefined);
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const access = req.routeOptions.config.access;
    if (!access) return;
    // Answers behind a token (a new token's secret, a country's data, refusals) are kept by no cache;
    // a route that can be revalidated (the report) says so itself.
    reply.header('cache-control', 'no-store');
    const header = req.headers.authorization;
    if (!header) throw new AppError('UNAUTHENTICATED', 'Send Authorization: Bearer <token>');
    const auth = requestAuth(req, opts.tokens);
    if (!auth) throw new AppError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>"');
    if (!auth.ok) throw new AppError('UNAUTHENTICATED', REASONS[auth.reason]);
    const principal = auth.principal;
    req.principal = principal;
    // Logs name the principal; the token itself is never logged (the header is redacted).
    req.log = req.log.child({ principal: principal.id, role: principal.role });
    reply.log = req.log; // fastify's "request completed" line is written through reply.log
    if (!access.roles.includes(principal.role)) {
      throw new AppError('FORBIDDEN', `Role "${principal.role}" may not call ${req.method} ${req.routeOptions.url}`);
    }
    if (access.countryScoped) {
      // Normalised as the route's parameter is; anything else is refused by its validation.
      const country = countryFromUrl(String((req.params as Record<string, unknown>)['country'] ?? ''));
      if (country === undefined) return;
      // Before the body is validated: a desk posting for a country not configured learns that first,
      // not after correcting a body that could never be recorded.
      requireConfiguredCountry(opts.countries, country);
      if (!mayAccessCountry(principal, country)) {
        throw new AppError('FORBIDDEN', `Token of ${principal.id} is not scoped to country ${country}`);
      }
    }
  });
}

export default fp(authPlugin, { name: 'rcm-auth', fastify: '5.x' });
