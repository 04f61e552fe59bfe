import { z } from 'zod';

/** True when `YYYY-MM-DD` names a real calendar day (rejects 2024-02-30). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Expected a date as YYYY-MM-DD')
  .refine(isCalendarDate, 'Not a real calendar date')
  .describe('Calendar date, YYYY-MM-DD');
export type IsoDate = z.infer<typeof IsoDate>;

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
  .regex(/^(19|20)\d{2}(-Q[1-4])?$/, 'Expected a period such as 2023 or 2023-Q2')
  .describe('Reporting period: a year (2023) or a quarter (2023-Q2)');
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
export const Count = z.number().int('Expected a whole number').min(0, 'Counts cannot be negative').max(100_000_000);
export const Days = z.number().int().min(0).max(3650);

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

export const Sha256Hex = z.string().regex(/^[a-f0-9]{64}$/);
