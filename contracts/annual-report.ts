import { z } from 'zod';
import { CountryCode, IsoDate, IsoDateTime } from './common.js';
import { Scorecard } from './read-models.js';
import { annualReportExample } from './examples/annual-report.js';
import { ReportManifest } from './reports.js';

/**
 * The JSON form of the annual report (GET /v1/reports/annual/{year}?format=json): the one
 * definition of its shape. src/reports builds it; the CSV, Markdown and HTML forms render it.
 */

/** One dated step of an instrument's or measure's life, with the event behind it. */
const Step = z.object({ on: IsoDate, type: z.string(), eventId: z.string() });

export const ReportInstrument = z
  .object({
    instrumentId: z.string(),
    title: z.string().nullable(),
    kind: z.string().nullable(),
    level: z.string().nullable(),
    legallyBinding: z.boolean().nullable(),
    statusAtYearEnd: z.string(),
    inForceAtYearEnd: z.boolean(),
    suspension: z
      .object({ declaredBy: z.string(), declaredOn: IsoDate, effect: z.string(), reason: z.string().nullable() })
      .nullable()
      .describe('A declared suspension known by the year end; `effect` says whether it was only declared'),
    steps: z.array(Step),
  })
  .describe('One instrument (agreement, arrangement, SOP, MoU, ...) as it stood at the end of the report year');

export const ReportVisaMeasure = z.object({
  measureId: z.string(),
  legalBasis: z.string().nullable(),
  provisions: z.array(z.string()),
  proposalRef: z.string().nullable(),
  councilActRef: z.string().nullable(),
  statusAtYearEnd: z.string(),
  inForceAtYearEnd: z.boolean(),
  steps: z.array(Step),
});

export const ReportDialogueSession = z.object({
  eventId: z.string(),
  trackId: z.string(),
  trackTitle: z.string().nullable(),
  on: IsoDate,
  location: z.string().nullable(),
  topics: z.array(z.string()),
  outcomeSummary: z.string().nullable(),
});

export const ReportOperation = z.object({
  operationId: z.string(),
  mode: z.string().nullable(),
  status: z.string(),
  plannedDate: IsoDate.nullable(),
  plannedReturnees: z.number().int().nullable(),
  executedOn: IsoDate.nullable(),
  returnees: z.number().int().nullable(),
  cancelledOn: IsoDate.nullable(),
  cancelCause: z.string().nullable(),
  partnerAttributable: z.boolean().nullable(),
  eventIds: z.array(z.string()),
});

export const ReportMoratorium = z.object({
  moratoriumId: z.string(),
  scope: z.string().nullable(),
  from: IsoDate,
  to: IsoDate.nullable(),
  eventIds: z.array(z.string()),
});

export const ReportEvidence = z.object({
  eventId: z.string(),
  type: z.string(),
  occurredOn: IsoDate,
  recordedAt: IsoDateTime,
  position: z.number().int(),
  sourceKind: z.string(),
  reference: z.string(),
  url: z.string().nullable(),
  evidenceStatus: z.string(),
  status: z.string().describe('recorded, corrected or retracted, as known at the cutoff'),
  correctedBy: z.array(z.string()),
});

export const CountryReport = z.object({
  country: CountryCode,
  scorecard: Scorecard,
  instruments: z.array(ReportInstrument),
  visaMeasures: z.array(ReportVisaMeasure),
  dialogueSessions: z.array(ReportDialogueSession),
  returnOperations: z.array(ReportOperation),
  partnerMoratoria: z.array(ReportMoratorium),
  dataGaps: z.array(z.string()),
  evidence: z.array(ReportEvidence),
});

export const AnnualReportBody = z.object({
  title: z.string(),
  year: z.number().int(),
  referenceDate: IsoDate.describe('The day "in force at year end" is judged on: 31 December, or the cutoff day if earlier'),
  disclaimer: z.string(),
  countries: z.array(CountryReport),
});

export const AnnualReport = z
  .object({ manifest: ReportManifest, report: AnnualReportBody })
  .describe('The annual report as JSON (canonical key order, indented)')
  .meta({ examples: [annualReportExample] });
