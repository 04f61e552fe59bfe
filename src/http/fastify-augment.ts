import type { AccessRule, Principal } from '../auth/principal.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route; routes without it are public (health, docs). */
    access?: AccessRule;
  }
  interface FastifyRequest {
    principal?: Principal;
  }
}
