import { z } from 'zod';
import { FIRST_YEAR, isCalendarDate, isReportingYear, IsoDateTime, LAST_YEAR, Sha256Hex, wholeNumberParam, wholeNumberParamOr } from './common.js';
import { documentAs } from './documented.js';
import { StoredEvent } from './envelope.js';
import { StoredEventDoc } from './event-docs.js';
import { EvidenceMode, FrozenParam, FrozenPeriod, TimelineQuery } from './read-models.js';

/** Responses of the auditor endpoints and the annual report. */

export const AuditEventsQuery = z
  .object({
    fromPosition: wholeNumberParamOr('fromPosition', 1, Number.MAX_SAFE_INTEGER, 1),
    limit: wholeNumberParamOr('limit', 1, 1000, 100),
  })
  .strict();

const auditEventPage = <E extends z.ZodType>(event: E) =>
  z
    .object({
      events: z.array(event).describe('Stored form (not upcast), exactly as hashed'),
      nextPosition: z.number().int().nullable().describe('fromPosition for the next page, null at the end'),
      headPosition: z.number().int(),
    })
    .describe('The global event feed, raw');
export const AuditEventPage = documentAs(auditEventPage(StoredEvent), auditEventPage(StoredEventDoc));

export const BrokenLink = z.object({
  streamId: z.string(),
  streamRevision: z.number().int(),
  eventId: z.string(),
  position: z.number().int(),
  reason: z.string(),
  expected: z.string(),
  actual: z.string(),
});

export const StreamVerification = z.object({
  streamId: z.string(),
  eventsChecked: z.number().int(),
  lastRevision: z.number().int(),
  headHash: Sha256Hex,
  ok: z.boolean(),
  broken: BrokenLink.nullable().describe('The first broken link of the stream'),
});

export const ChainReport = z
  .object({
    ok: z.boolean(),
    eventsRead: z.number().int(),
    eventsChecked: z.number().int(),
    throughPosition: z.number().int(),
    streams: z.array(StreamVerification),
  })
  .describe('Hash-chain verification of every stream');

export const ReportFormat = z.enum(['json', 'csv', 'md', 'html']);
export type ReportFormat = z.infer<typeof ReportFormat>;

/**
 * `asOf`: an ISO date (end of that day, UTC) or an RFC 3339 date-time, in the years the service
 * reports on. Hours, minutes and offsets are checked here (an offset is at most 23:59), the day by
 * the calendar: whatever passes converts to a UTC instant with a four-digit year, which every answer
 * can name (`asOfDate`, the report manifest).
 */
export const AsOfParam = z
  .string()
  .max(40)
  // A query string decodes an unescaped + to a space: say so, not that an offset is missing.
  .refine((s) => !/^\d{4}-\d{2}-\d{2}T[\d:.]+ \d{2}:\d{2}$/.test(s), {
    error: 'The offset arrived with a space for its +: in a URL write + as %2B (2024-03-01T10:00:00%2B01:00)',
    abort: true,
  })
  .regex(
    /^\d{4}-\d{2}-\d{2}(T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d))?$/,
    'Expected YYYY-MM-DD (end of that day, UTC) or an RFC 3339 date-time with a zone (Z or +hh:mm, at most 23:59)',
  )
  .refine((s) => isCalendarDate(s.slice(0, 10)), 'Not a real calendar date')
  .refine((s) => isReportingYear(Number(s.slice(0, 4))), `Expected a date from ${FIRST_YEAR} to ${LAST_YEAR}`)
  .describe('Recorded-time cutoff: only facts recorded at or before it. A date means the end of that day (23:59:59.999 UTC).');

/**
 * The timeline's query, live or as known at `asOf`. A range whose end comes before its start is
 * refused: answered, it would be an empty page that reads as "nothing recorded".
 */
export const TimelineReadQuery = TimelineQuery.extend({ asOf: AsOfParam.optional() }).refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
  path: ['to'],
  message: 'to must not be before from (both are occurredOn dates, inclusive)',
});

export const AnnualReportQuery = z
  .object({
    format: ReportFormat.default('json').describe('json (application/json), csv (text/csv), md (text/markdown) or html (text/html)'),
    asOf: AsOfParam.optional(),
    model: wholeNumberParam('model', 1, Number.MAX_SAFE_INTEGER).optional(),
    evidence: EvidenceMode.default('bounded').describe(
      'bounded: each indicator cites at most 20 evidence events (with the full count) and the evidence section lists those; full: every evidence event (at 1,000,000 events, megabytes per country)',
    ),
    frozen: FrozenParam,
  })
  .strict();

export const ReportManifest = z
  .object({
    kind: z.literal('annual-report'),
    year: z.number().int(),
    countries: z.array(z.string()),
    asOf: IsoDateTime.describe('The recorded-time cutoff the report reflects (a closed year asked for without asOf: the closure\'s recordedAt, the earliest instant with this answer)'),
    position: z.number().int().describe('Global position of the last event the report could see'),
    frozen: FrozenPeriod.optional().describe('The year was closed by the cutoff: the report shows what was known at its freeze point (position is that of frozenAt)'),
    modelVersion: z.number().int(),
    evidence: EvidenceMode.describe('Whether indicators cite every evidence event (full) or the first ones with counts (bounded)'),
    projectionVersions: z.record(z.string(), z.number().int()),
    reportFormatVersion: z.number().int(),
    contentHash: Sha256Hex.describe('sha256 of the canonical JSON of the report body (the manifest without contentHash, and the countries)'),
  })
  .describe('What the report was built from; the same manifest gives the same bytes');
export type ReportManifest = z.infer<typeof ReportManifest>;
