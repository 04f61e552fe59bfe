import { z } from 'zod';
import { CountryCode } from '../../contracts/index.js';
import { AppError } from '../errors/catalogue.js';

const URL_COUNTRY = /^[A-Za-z]{2}$/;

/**
 * Upper case of a country as written in a URL, or undefined unless it is two ASCII letters. The
 * letters are checked before the case is changed: toUpperCase maps some other letters to ASCII ones
 * (U+017F long s to S, so `ſo` would read SO; `ß` to SS).
 */
export function countryFromUrl(raw: string): string | undefined {
  return URL_COUNTRY.test(raw) ? raw.toUpperCase() : undefined;
}

/** Path parameter `country`: case-insensitive in the URL, upper case inside. */
export const CountryParam = z
  .string()
  .regex(URL_COUNTRY, 'Expected an ISO 3166-1 alpha-2 country code such as ET')
  .transform((s) => s.toUpperCase())
  .pipe(CountryCode)
  .describe('ISO 3166-1 alpha-2 code of a configured country, e.g. ET (either case); 404 COUNTRY_NOT_CONFIGURED otherwise');

export function requireConfiguredCountry(countries: readonly string[], country: string): string {
  if (!countries.includes(country)) {
    throw new AppError('COUNTRY_NOT_CONFIGURED', `Country ${country} is not configured; configured: ${countries.join(', ')}`);
  }
  return country;
}
