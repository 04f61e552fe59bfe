import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { mayAccessCountry } from '../auth/principal.js';
import type { TokenStore } from '../auth/token-store.js';
import { AppError } from '../errors/catalogue.js';
import { countryFromUrl } from './country-param.js';

const REASONS = {
  unknown: 'The bearer token is not known',
  revoked: 'The bearer token was revoked',
  expired: 'The bearer token has expired',
} as const;

/**
 * Bearer-token authentication and role/country authorisation, driven by each route's
 * `config.access`. Runs before the body is parsed, so unauthorised requests never reach validation.
 */
async function authPlugin(app: FastifyInstance, opts: { tokens: TokenStore; countries: string[] }) {
  app.decorateRequest('principal', undefined);
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const access = req.routeOptions.config.access;
    if (!access) return;
    const header = req.headers.authorization;
    if (!header) throw new AppError('UNAUTHENTICATED', 'Send Authorization: Bearer <token>');
    const m = /^Bearer ([^\s]+)$/i.exec(header);
    if (!m) throw new AppError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>"');
    const auth = opts.tokens.authenticate(m[1]!);
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
      if (country !== undefined && opts.countries.includes(country) && !mayAccessCountry(principal, country)) {
        throw new AppError('FORBIDDEN', `Token of ${principal.id} is not scoped to country ${country}`);
      }
    }
  });
}

export default fp(authPlugin, { name: 'rcm-auth', fastify: '5.x' });
