import { z } from 'zod';
import { AppError } from '../errors/catalogue.js';

/** Path parameter `country`: case-insensitive in the URL, upper case inside. */
export const CountryParam = z.string().min(1).max(8).transform((s) => s.toUpperCase());

export function requireConfiguredCountry(countries: readonly string[], country: string): string {
  if (!countries.includes(country)) {
    throw new AppError('COUNTRY_NOT_CONFIGURED', `Country ${country} is not configured; configured: ${countries.join(', ')}`);
  }
  return country;
}
