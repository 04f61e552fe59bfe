/**
 * How the returns datasets' extra breakdowns map onto ReturnsReported's fields. Only breakdowns
 * whose codes are known are mapped; a value not listed here is skipped as filtered out (and named
 * in the summary), never guessed.
 *
 * - `c_dest` (country of destination): `TOTAL` = all destinations, `THRD` = third countries
 *   (returns to another Member State excluded, which the return-rate indicator prefers).
 *
 * No type-of-return breakdown (enforced / voluntary) is mapped: returnType is 'all'.
 */
export const DESTINATION_DIMENSION = 'c_dest';
const DESTINATIONS: Readonly<Record<string, 'all' | 'third-countries'>> = { TOTAL: 'all', THRD: 'third-countries' };

export interface ReturnBreakdown {
  destination: 'all' | 'third-countries';
  returnType: 'enforced' | 'voluntary' | 'all';
}

/** The breakdown of one observation, or the reason it cannot be mapped. */
export function returnBreakdown(dims: Readonly<Record<string, string>>): ReturnBreakdown | { unmapped: string } {
  const dest = dims[DESTINATION_DIMENSION];
  if (dest === undefined) return { destination: 'all', returnType: 'all' };
  const destination = Object.hasOwn(DESTINATIONS, dest) ? DESTINATIONS[dest] : undefined;
  if (!destination) return { unmapped: `${DESTINATION_DIMENSION}=${dest}` };
  return { destination, returnType: 'all' };
}

/** Dimensions the importer maps into event fields (so they are not ambiguity, see the planner). */
export const MAPPED_DIMENSIONS: ReadonlySet<string> = new Set([DESTINATION_DIMENSION]);
