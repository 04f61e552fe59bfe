import { z } from 'zod';
import { CountryCode, IsoDate, IsoDateTime, Period, wholeNumberParam, wholeNumberParamOr } from './common.js';
import { documentAs } from './documented.js';
import { timelineEntries } from './event-docs.js';
import { COUNTRY_FAMILIES, type CountryFamily } from './events/define.js';
import { closePeriodExamples, scoringModelExamples } from './examples/admin.js';
import { countryListExample, profileExample, scorecardExample, scoringModelListExample } from './examples/read-answers.js';
import { timelineExample } from './examples/timeline.js';
import { DialogueTrackDoc, InstrumentDoc, MoratoriumDoc, NotificationDoc, OpenCommitmentDoc, OperationDoc, RequestLapse, VisaMeasureDoc } from './profile.js';
import { IndicatorCode, PublishableScoringModel, ScoringModel } from './scoring-model.js';

/** Responses of the read side (projections). */

export const IndicatorSource = z.enum(['case', 'aggregate', 'qualitative', 'instrument-terms', 'mixed']);

export const ScorecardComponent = z.object({
  name: z.string().describe('e.g. timeliness, issuance'),
  source: IndicatorSource,
  numerator: z.number(),
  denominator: z.number(),
  rate: z.number().nullable(),
  available: z.boolean(),
});

export const ScorecardIndicator = z.object({
  code: IndicatorCode,
  article: z.string().describe('Art. 25a(2) point'),
  label: z.string(),
  weight: z.number().describe('Weight in the model'),
  effectiveWeight: z.number().describe('Share of the score in % after redistributing unavailable weight'),
  available: z.boolean(),
  insufficientReason: z.string().nullable(),
  source: IndicatorSource.nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  rate: z.number().nullable(),
  normalised: z.number().nullable().describe('0-100'),
  components: z.array(ScorecardComponent),
  evidence: z
    .array(z.string())
    .describe('Ids of the events behind the value: by default the first ones only (see evidenceTruncated); `?evidence=full` lists them all'),
  evidenceCount: z.number().int().describe('How many event ids the full evidence list holds'),
  evidenceTruncated: z.boolean().describe('True when `evidence` lists only the first of evidenceCount ids'),
  fallback: z
    .object({ source: IndicatorSource, numerator: z.number(), denominator: z.number(), rate: z.number().nullable() })
    .nullable()
    .describe('The aggregate figure that case data replaced'),
  notes: z.array(z.string()),
});

export const ScorecardWarning = z.object({
  code: z.enum(['reconciliation', 'proxy-returns', 'estimates', 'single-component', 'partial-year', 'unanswered-requests', 'moratorium', 'replaced-figures']),
  indicator: IndicatorCode.nullable(),
  message: z.string(),
});

export const OfficialFinding = z.object({
  eventId: z.string(),
  reportNo: z.number().int(),
  dataPeriod: z.string(),
  finding: z.enum(['sufficient', 'insufficient', 'not-public']),
  documentRef: z.string(),
  adoptedOn: IsoDate,
});

export const Band = z.enum(['adequate', 'needs-improvement', 'insufficient']);

/**
 * A closed period's freeze: answers about it show what was known at `frozenAt`, so facts and
 * corrections recorded later do not change what was submitted (`?frozen=false`: the live figures).
 */
export const FrozenPeriod = z
  .object({
    period: Period.describe('The closed period that freezes the answer: the year, or the quarter itself'),
    eventId: z.string().describe('The PeriodClosed event'),
    closedOn: IsoDate,
    dataCutoff: IsoDate.nullable(),
    closedAt: IsoDateTime.describe("The closure's recordedAt: an `asOf` before it answers the period as still open"),
    frozenAt: IsoDateTime.describe('The freeze point: the earlier of closedAt and the end of the dataCutoff day (UTC); only facts recorded at or before it are shown'),
  })
  .describe('The period is closed and the answer frozen at its closure');
export type FrozenPeriod = z.infer<typeof FrozenPeriod>;

/** `?frozen=false`: a closed period's live figures instead of those frozen at its closure. */
export const FrozenParam = z
  .enum(['true', 'false'])
  .default('true')
  .describe('true (default): a closed period is answered as known at its freeze point (see `frozen` in the answer); false: with every fact recorded since (live figures)');

export const Scorecard = z
  .object({
    country: CountryCode,
    year: z.number().int(),
    quarter: z.number().int().min(1).max(4).nullable(),
    period: Period,
    modelVersion: z.number().int(),
    modelLabel: z.string(),
    provisional: z.boolean().describe('True until the period is closed'),
    score: z.number().nullable(),
    band: Band.nullable(),
    reason: z.enum(['insufficient-data']).nullable(),
    reasonDetail: z.string().nullable(),
    totalWeight: z.number(),
    availableWeight: z.number(),
    indicators: z.array(ScorecardIndicator),
    dataGaps: z.array(z.string()),
    warnings: z.array(ScorecardWarning),
    containsEstimates: z.boolean(),
    officialFinding: OfficialFinding.nullable().describe("The Commission's own finding on this year's data (null when none is recorded for it): shown beside our score, never merged into it"),
    disclaimer: z.string(),
    frozen: FrozenPeriod.optional().describe('Present when the period is closed and the answer frozen at its closure (facts recorded after `frozenAt` are not shown)'),
  })
  .describe('Explained cooperation scorecard (an internal aid, not the Commission rating)');
export type Scorecard = z.infer<typeof Scorecard>;
export type ScorecardIndicator = z.infer<typeof ScorecardIndicator>;
export type ScorecardWarning = z.infer<typeof ScorecardWarning>;

export const ScorecardResponse = Scorecard.extend({
  position: z.number().int().describe('Read-model position the answer reflects'),
}).meta({ description: 'The scorecard, with the read-model position it reflects', examples: [scorecardExample] });

export const LastActivity = z.object({
  eventId: z.string(),
  type: z.string(),
  position: z.number().int(),
  recordedAt: IsoDateTime,
  occurredOn: IsoDate,
  events: z.number().int().describe('Events recorded for the country'),
});

export const CountrySummary = z.object({
  code: CountryCode,
  streamId: z.string(),
  lastActivity: LastActivity.nullable(),
  latestScore: z
    .object({
      year: z.number().int(),
      score: z.number().nullable(),
      band: Band.nullable(),
      reason: z.string().nullable(),
      reasonDetail: z.string().nullable(),
      provisional: z.boolean(),
      containsEstimates: z.boolean().describe('Some figures or case records behind the score are marked as estimates'),
      modelVersion: z.number().int(),
      frozen: FrozenPeriod.optional().describe('The year is closed: the score as known at its freeze point'),
    })
    .nullable()
    .describe('Scorecard of the latest year with data, with the latest published model (a closed year: as known at its freeze point, with the model of then)'),
});
export const CountryList = z.object({ countries: z.array(CountrySummary), position: z.number().int() }).meta({ description: 'Configured countries (a desk: its own), with the read-model position', examples: [countryListExample] });

const Json = z.record(z.string(), z.unknown());

export const RequestSummary = z.object({
  requestId: z.string(),
  requestKind: z.enum(['identification', 'readmission']).nullable(),
  submittedOn: IsoDate.nullable(),
  requestingState: z.string().nullable(),
  instrumentId: z.string().nullable(),
  deadline: IsoDate.describe('The deadline of a recorded lapse, else the instrument reply deadline, else the scoring model default'),
  overdue: z.boolean().describe('Past its deadline, or its lapse (without deemed consent) is recorded'),
  lapse: RequestLapse.nullable(),
});

export const CountryProfile = z.object({
  country: CountryCode,
  asOfDate: IsoDate.describe('Date used for "in force", "overdue" and "active"'),
  position: z.number().int(),
  instruments: z.array(InstrumentDoc),
  visaMeasures: z.object({
    inForce: z.array(VisaMeasureDoc),
    proposed: z.array(VisaMeasureDoc).describe('Proposed or adopted, not yet applicable'),
    other: z.array(VisaMeasureDoc).describe('Repealed, expired or withdrawn'),
  }),
  dialogueTracks: z.array(DialogueTrackDoc),
  openCommitments: z.array(OpenCommitmentDoc),
  notifications: z.array(NotificationDoc),
  requests: z.object({
    open: z.number().int(),
    overdue: z.number().int(),
    openRequests: z.array(RequestSummary).describe('Most recently submitted first, one page (requestsLimit, default 20)'),
    nextCursor: z.string().nullable().describe('Pass as requestsCursor for the next page of open requests; null on the last page'),
  }),
  recentOperations: z.array(OperationDoc).describe('The 20 latest by date (executed, cancelled or planned)'),
  activeMoratoria: z.array(MoratoriumDoc).describe('Declared on or before asOfDate and not lifted before it'),
  moratoria: z.array(MoratoriumDoc),
  officialFinding: OfficialFinding.nullable(),
  lastActivity: LastActivity.nullable(),
}).meta({ description: 'The country profile', examples: [profileExample] });

export const TimelineEntry = z.object({
  eventId: z.string(),
  position: z.number().int(),
  type: z.string(),
  family: z.string(),
  occurredOn: IsoDate,
  recordedAt: IsoDateTime,
  recordedBy: z.string(),
  provenance: Json,
  data: Json,
  status: z.enum(['recorded', 'corrected', 'retracted']),
  corrections: z.array(z.object({ eventId: z.string(), type: z.string(), position: z.number().int(), recordedAt: IsoDateTime, reason: z.string() })),
  effective: z.object({ occurredOn: IsoDate, data: Json }).nullable().optional(),
  target: z.object({ eventId: z.string(), type: z.string(), occurredOn: IsoDate }).nullable().optional(),
});
const timelinePage = <E extends z.ZodType>(entry: E) =>
  z.object({
    country: CountryCode,
    entries: z.array(entry),
    nextCursor: z.string().nullable(),
    position: z.number().int(),
  }).meta({ description: 'One page of the timeline; nextCursor for the next', examples: [timelineExample] });
export const TimelinePage = documentAs(timelinePage(TimelineEntry), timelinePage(timelineEntries(TimelineEntry)));

/** Read-your-writes: answer once the read models have reached this global position (see README). */
const MinPosition = wholeNumberParam('minPosition', 0, Number.MAX_SAFE_INTEGER);

/** The families a timeline can be filtered by: those of a country's stream. */
export const TimelineFamily = z.enum(COUNTRY_FAMILIES as [CountryFamily, ...CountryFamily[]], {
  error: `family must be one of ${COUNTRY_FAMILIES.join(', ')}`,
});

export const TimelineQuery = z
  .object({
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    family: TimelineFamily.optional().describe('Only the facts of this family (and corrections of them)'),
    limit: wholeNumberParamOr('limit', 1, 500, 100),
    cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
    minPosition: MinPosition.optional(),
  })
  .strict();

export const ReadQuery = z.object({ minPosition: MinPosition.optional() }).strict();

export const CountryListQuery = ReadQuery.extend({ frozen: FrozenParam }).strict();

export const ProfileQuery = z
  .object({
    requestsLimit: wholeNumberParamOr('requestsLimit', 1, 500, 20),
    requestsCursor: z.string().max(200).optional().describe('requests.nextCursor of the previous answer: the next page of open requests'),
    minPosition: MinPosition.optional(),
  })
  .strict();

/** How many evidence ids an answer lists per indicator (scorecards and the annual report). */
export const EvidenceMode = z.enum(['bounded', 'full']);
export type EvidenceMode = z.infer<typeof EvidenceMode>;

export const ScorecardQuery = z
  .object({
    quarter: wholeNumberParam('quarter', 1, 4).optional(),
    evidence: EvidenceMode.default('bounded').describe('bounded: at most 20 event ids per indicator (with counts); full: every id'),
    model: wholeNumberParam('model', 1, Number.MAX_SAFE_INTEGER).optional(),
    minPosition: MinPosition.optional(),
    frozen: FrozenParam,
  })
  .strict();

export const ProjectionStatus = z.object({
  name: z.string(),
  version: z.number().int(),
  position: z.number().int(),
  headPosition: z.number().int(),
  lag: z.number().int(),
  state: z.enum(['live', 'rebuilding', 'failed']),
  rebuild: z.object({ version: z.number().int(), position: z.number().int() }).nullable(),
  error: z.string().nullable(),
});
export const ProjectionStatusList = z.object({ projections: z.array(ProjectionStatus), headPosition: z.number().int() }).describe('Every projection version, with its position and lag');

export const PublishScoringModelBody = z
  .object({
    model: PublishableScoringModel.describe('modelVersion must be the next version (or is assigned when 0 is not allowed: send the next one)'),
    approvedBy: z.string().trim().min(1).max(200),
    note: z.string().trim().min(1).max(2000).optional(),
    effectiveFrom: IsoDate.optional(),
  })
  .strict()
  .meta(scoringModelExamples);

export const ClosePeriodBody = z
  .object({ dataCutoff: IsoDate.optional(), note: z.string().trim().min(1).max(2000).optional() })
  .strict()
  .meta(closePeriodExamples);

export const PublishedModel = z.object({
  modelVersion: z.number().int(),
  model: ScoringModel,
  eventId: z.string().nullable().describe('null for the built-in version 1'),
  approvedBy: z.string().nullable(),
  publishedAt: IsoDateTime.nullable(),
});
export const ScoringModelList = z.object({ models: z.array(PublishedModel) }).meta({ description: 'Every published scoring-model version', examples: [scoringModelListExample] });
export const ClosedPeriod = z.object({ period: Period, eventId: z.string(), closedOn: IsoDate, dataCutoff: IsoDate.nullable(), recordedAt: IsoDateTime });
export const ClosedPeriodList = z.object({ periods: z.array(ClosedPeriod) }).describe('Closed reporting periods');


export type CountrySummary = z.infer<typeof CountrySummary>;
export type CountryProfile = z.infer<typeof CountryProfile>;
export type TimelinePage = z.infer<typeof TimelinePage>;
