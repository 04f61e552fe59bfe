import type { Role } from '../../contracts/index.js';

/** Who is calling: resolved from the bearer token. */
export interface Principal {
  id: string;
  tokenId: string;
  role: Role;
  /** Country scope of a desk; empty for other roles (they are not country-scoped). */
  countries: string[];
}

/** Declared per route: which roles may call it and whether a desk must hold the `:country` in its scope. */
export interface AccessRule {
  roles: readonly Role[];
  countryScoped?: boolean;
}

export function mayAccessCountry(p: Principal, country: string): boolean {
  return p.role !== 'desk' || p.countries.includes(country);
}
