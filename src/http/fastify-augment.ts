import type { AccessRule, Principal } from '../auth/principal.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route; routes without it are public (health, docs). */
    access?: AccessRule;
    /** The content types the route's body may have (default application/json): a 415 names them. */
    accepts?: readonly string[];
  }
  interface FastifyRequest {
    principal?: Principal;
  }
}
