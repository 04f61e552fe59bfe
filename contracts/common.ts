import { z } from 'zod';

/*
 * A field left out is named as missing: zod's own words ("Invalid input: expected string, received
 * undefined") read to a desk officer as if a value had been sent. Set once, for every schema, where
 * a schema gives no message of its own.
 */
z.config({ customError: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'Required field is missing' : undefined) });

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * True when `YYYY-MM-DD` names a real day of the proleptic Gregorian calendar (rejects 2024-02-30).
 * Plain arithmetic, not Date.UTC: that maps the years 0-99 to 1900-1999.
 */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (mo === 2 && leap ? 29 : DAYS_IN_MONTH[mo - 1]!);
}

/**
 * The years the service reports on: scorecard and annual-report years, reporting periods, and the
 * `asOf` cutoffs it answers for. One range, so that every year a route accepts is one its answer
 * (whose `period` is a Period) can name.
 */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2100;
export const isReportingYear = (year: number): boolean => Number.isInteger(year) && year >= FIRST_YEAR && year <= LAST_YEAR;

/**
 * A whole-number query or path parameter (limit, minPosition, year, ...). It arrives as text, or as
 * a list when the name is repeated: every bad form gets a message naming the parameter and its range
 * (a coerced number would say "received NaN" for both, and read an empty value as 0).
 */
export function wholeNumberParam(name: string, min: number, max: number) {
  const range = `${name} must be a whole number from ${min} to ${max}`;
  return z
    .string({ error: (issue) => (Array.isArray(issue.input) ? `${name} given more than once` : range) })
    .regex(/^\d{1,16}$/, range)
    .transform(Number)
    .pipe(z.number().int().min(min, range).max(max, range))
    .describe(`Whole number from ${min} to ${max}`);
}

/** The same with a value when the parameter is absent (named in the API document: it cannot show a default of a text parameter). */
export function wholeNumberParamOr(name: string, min: number, max: number, fallback: number) {
  return wholeNumberParam(name, min, max).describe(`Whole number from ${min} to ${max}; default ${fallback}`).default(fallback);
}

/** A scorecard or annual-report year in the URL. */
export const ReportingYear = wholeNumberParam('year', FIRST_YEAR, LAST_YEAR);

// The format check aborts: a date in another format gets one message, not also "Not a real calendar date".
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Expected a date as YYYY-MM-DD', abort: true })
  .refine(isCalendarDate, 'Not a real calendar date')
  .describe('Calendar date, YYYY-MM-DD');
export type IsoDate = z.infer<typeof IsoDate>;

/**
 * A date a desk records: a fact's occurredOn and the dates inside its data. It may not fall before
 * the first reporting year, so a mistyped year (0206 for 2026) is refused instead of being kept,
 * heading the timeline, in a year no scorecard or report can show. The later end is the domain's
 * (FACT_DATED_IN_FUTURE names today); stored envelopes keep IsoDate.
 */
export const FactDate = IsoDate.refine((s) => Number(s.slice(0, 4)) >= FIRST_YEAR, `Expected a date from ${FIRST_YEAR}-01-01 on (check the year)`).describe(
  `Calendar date, YYYY-MM-DD, from ${FIRST_YEAR}`,
);

export const IsoDateTime = z.iso.datetime({ offset: true }).describe('RFC 3339 date-time');

/** ISO 3166-1 alpha-2, as in Eurostat's `citizen` dimension. Whether it is configured is checked by the service. */
export const CountryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'Expected an ISO 3166-1 alpha-2 country code such as ET')
  .describe('ISO 3166-1 alpha-2 country code');
export type CountryCode = z.infer<typeof CountryCode>;

/** A reporting Member State (alpha-2) or the EU aggregate as Eurostat names it. */
export const MemberState = z
  .string()
  .regex(/^([A-Z]{2}|EU27_2020|EU28|EU27)$/, 'Expected a Member State code (NL, DE, ...) or EU27_2020')
  .describe('Member State (ISO alpha-2) or EU aggregate');

/** A calendar year `2023` or a quarter `2023-Q2`. */
export const Period = z
  .string()
  .regex(/^\d{4}(-Q[1-4])?$/, 'Expected a period such as 2023 or 2023-Q2')
  .refine((p) => isReportingYear(Number(p.slice(0, 4))), `Expected a period from ${FIRST_YEAR} to ${LAST_YEAR}`)
  .describe(`Reporting period: a year (2023) or a quarter (2023-Q2), ${FIRST_YEAR}-${LAST_YEAR}`);
export type Period = z.infer<typeof Period>;

/** Identifiers chosen by desks for instruments, measures, tracks, requests, operations. Never personal data. */
export const EntityId = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/,
    'Expected an identifier of 1-128 letters, digits and . _ : / - (no spaces)',
  )
  .describe('Identifier chosen by the desk, e.g. ET-EU-ADM-2018');

/** An opaque case reference: a hex digest (e.g. sha-256 of the case number), never a name or document number. */
export const CaseRef = z
  .string()
  .regex(/^[a-f0-9]{16,128}$/, 'Expected an opaque case hash: 16-128 lowercase hex characters (no names or document numbers)')
  .describe('Opaque case reference: lowercase hex digest');

export const ShortText = z.string().trim().min(1).max(200);
/** Free text is bounded (design principle 5). */
export const LongText = z.string().trim().min(1).max(2000);
// The range checks come before the whole-number check: 1e308 or 2^53 + 1 is refused as too big
// (the first message is the one reported), not as "not a whole number" (zod's int() means a safe integer).
export const Count = z
  .number()
  .min(0, 'Counts cannot be negative')
  .max(100_000_000, 'A count is at most 100,000,000')
  .int('Expected a whole number');
export const Days = z.number().min(0, 'Days cannot be negative').max(3650, 'At most 3650 days').int('Expected a whole number of days');

export const Provenance = z
  .object({
    sourceKind: z.enum([
      'eurostat',
      'commission',
      'council',
      'frontex',
      'member-state',
      'nl-desk',
      'rcms',
      'partner',
      'press',
      'other',
    ]),
    reference: ShortText.describe('COM number, OJ reference, Kamerstuk, dataset and extraction date, ...'),
    url: z.url().max(2000).optional(),
    classification: z.enum(['public', 'limite', 'restricted', 'internal']).optional(),
    evidenceStatus: z.enum(['confirmed', 'secondary', 'reported', 'estimate']),
  })
  .strict()
  .describe('Where a fact comes from and how well it is evidenced');
export type Provenance = z.infer<typeof Provenance>;

/**
 * Provenance of a fact being recorded: its `url` is http or https. The reports render it as a link,
 * and a `javascript:` URL ran when the link in a saved HTML report was clicked. Stored events keep
 * `Provenance` (recorded before this rule; the HTML report links only http and https URLs).
 */
export const NewProvenance = Provenance.extend({
  url: z.url({ protocol: /^https?$/, error: 'Expected an http or https URL' }).max(2000).optional(),
}).describe('Where a fact comes from and how well it is evidenced');

export const Sha256Hex = z.string().regex(/^[a-f0-9]{64}$/);
