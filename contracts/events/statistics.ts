import { z } from 'zod';
import { Count, FactDate, LongText, MemberState, Period, ShortText } from '../common.js';
import { defineEvent } from './define.js';

const RATING = 'rating is a whole number from 0 to 4 (Art. 25a(2)(d) scale)';
const Dataset = z.enum(['migr_eiord', 'migr_eiord1', 'migr_eirtn', 'migr_eirtn1', 'national', 'frontex', 'other']);

/** Eurostat observation status flags as published (p provisional, e estimated, u low reliability, b break, ...). */
const ObservationFlags = z
  .string()
  .regex(/^[a-z]{1,8}$/, 'Expected Eurostat status flags such as p, e or bp')
  .describe('Eurostat status flags of the observation; absent when it has none');

export const ReturnDecisionsReported = defineEvent(
  'ReturnDecisionsReported',
  'statistics',
  z
    .object({
      period: Period,
      reportingScope: MemberState,
      count: Count,
      dataset: Dataset,
      extractedOn: FactDate.optional(),
      flags: ObservationFlags.optional(),
    })
    .strict(),
  'Return decisions (third-country nationals ordered to leave) reported for a period: indicator (a).',
);

export const ReturnsReported = defineEvent(
  'ReturnsReported',
  'statistics',
  z
    .object({
      period: Period,
      reportingScope: MemberState,
      count: Count,
      destination: z.enum(['third-countries', 'all']),
      returnType: z.enum(['enforced', 'voluntary', 'all']),
      dataset: Dataset,
      extractedOn: FactDate.optional(),
      flags: ObservationFlags.optional(),
    })
    .strict(),
  'Returns following an order to leave reported for a period: numerator of indicator (b).',
);

export const ReadmissionStatisticsReported = defineEvent(
  'ReadmissionStatisticsReported',
  'statistics',
  z
    .object({
      period: Period,
      reportingScope: MemberState,
      submitted: Count,
      accepted: Count.optional().describe('Requests accepted; omit when the source does not publish it (Ethiopia 2019 gives only travel documents)'),
      travelDocsIssued: Count,
      source: ShortText,
    })
    .strict()
    .refine((d) => d.accepted === undefined || d.accepted <= d.submitted, { message: 'accepted cannot exceed submitted', path: ['accepted'] }),
  'Aggregate readmission figures for a period: indicator (c) and the issuance rate when no case data exists.',
);

export const QualitativeAssessmentRecorded = defineEvent(
  'QualitativeAssessmentRecorded',
  'statistics',
  z
    .object({
      period: Period,
      indicator: z.enum(['d-i', 'd-ii', 'd-iii', 'd-iv']),
      rating: z.number().min(0, RATING).max(4, RATING).int(RATING),
      rationale: LongText,
      assessor: ShortText,
    })
    .strict(),
  'A 0-4 rating of an Art. 25a(2)(d) item, used when no case-level data exists.',
);

export const statisticsEvents = [
  ReturnDecisionsReported,
  ReturnsReported,
  ReadmissionStatisticsReported,
  QualitativeAssessmentRecorded,
] as const;
