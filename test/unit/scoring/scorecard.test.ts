import fc from 'fast-check';
import t, { type Test } from 'tap';
import { IndicatorCode, PublishableScoringModel, ScoringModel } from '../../../contracts/index.js';
import { Scorecard } from '../../../contracts/read-models.js';
import { countryStateProjection } from '../../../projections/country-state/index.js';
import { buildInMemory } from '../../../projections/memory-tx.js';
import { computeScorecard, moratoriumDays, normaliseReturnRate } from '../../../projections/scoring/compute-scorecard.js';
import { C, type AggregateReport, type AggregateType, type ScorecardInputs } from '../../../projections/scoring/inputs.js';
import { scoringModelV1 } from '../../../projections/scoring/model-v1.js';
import { canonicalCopy } from '../../../src/store/canonical-json.js';
import { EventLog, inputsFromMemory } from '../projections/fixtures.js';

const ind = (card: Scorecard, code: string) => card.indicators.find((i) => i.code === code)!;

t.test('model v1 is valid data for the published schema', async (t) => {
  t.ok(ScoringModel.safeParse(scoringModelV1).success);
  t.same(
    scoringModelV1.indicators.map((i) => [i.code, i.weight]),
    [['A', 0], ['B', 30], ['C', 20], ['D1', 20], ['D2', 10], ['D3', 5], ['D4', 15]],
  );
});

t.test('Ethiopia 2019 worked example (domain-research 5.6): B and D1 shown, overall insufficient data', async (t) => {
  const log = new EventLog();
  const dec = log.add('ET', 'ReturnDecisionsReported', '2020-03-01', { period: '2019', reportingScope: 'EU27_2020', count: 1395, dataset: 'migr_eiord' }, 'secondary');
  const ret = log.add('ET', 'ReturnsReported', '2020-03-01', { period: '2019', reportingScope: 'EU27_2020', count: 215, destination: 'all', returnType: 'all', dataset: 'migr_eirtn' }, 'secondary');
  const rs = log.add('ET', 'ReadmissionStatisticsReported', '2020-03-01', { period: '2019', reportingScope: 'EU27_2020', submitted: 985, travelDocsIssued: 41, source: 'COM(2021) 55 annex' }, 'secondary');
  const rm = buildInMemory(countryStateProjection, log.events);
  const card = computeScorecard(inputsFromMemory(rm, 'ET', 2019, null), scoringModelV1, { closed: false });
  t.ok(Scorecard.safeParse(card).success, 'matches the response contract');

  // B: RR = 215 / 1395 = 15.41%; EU 2019 = 142300 / 491200 = 28.97%; below the EU rate: 15.41 / 28.97 * 50 = 26.60.
  const b = ind(card, 'B');
  t.equal(b.numerator, 215);
  t.equal(b.denominator, 1395);
  t.equal(Math.round(b.rate! * 1000) / 10, 15.4);
  t.equal(b.normalised, 26.6);
  t.equal(b.source, 'aggregate');
  t.same(b.evidence.sort(), [dec.eventId, ret.eventId].sort());
  t.ok(card.warnings.some((w) => w.code === 'proxy-returns' && w.indicator === 'B'), 'all returns used as a proxy is flagged');

  // D1: issuance only, IR = 41 / 985 = 4.16% -> 4.16 (single component).
  const d1 = ind(card, 'D1');
  t.equal(d1.available, true);
  t.equal(d1.source, 'aggregate');
  t.equal(d1.numerator, 41);
  t.equal(d1.denominator, 985);
  t.equal(d1.normalised, 4.16);
  t.same(d1.evidence, [rs.eventId]);

  // A is context (1,395 >= 20); C and D2-D4 have no data.
  t.equal(ind(card, 'A').available, true);
  for (const code of ['C', 'D2', 'D3', 'D4']) t.equal(ind(card, code).available, false, `${code} unavailable`);
  t.equal(ind(card, 'C').effectiveWeight, 0);

  // Available weight 30 + 20 = 50 of 100 < 60%: no score.
  t.equal(card.availableWeight, 50);
  t.equal(card.score, null);
  t.equal(card.band, null);
  t.equal(card.reason, 'insufficient-data');
  t.match(card.reasonDetail, /50% is below 60%/);
  t.equal(card.provisional, true);
  t.equal(card.modelVersion, 1);
  t.ok(card.dataGaps.some((g) => g.startsWith('C:')));
});

/**
 * Full data, Tunisia 2021 (no EU reference for 2021: default 19%, target min(2 x 19%, 60%) = 38%):
 *   B  = 285 / 1000 = 28.5%  -> 50 + (28.5 - 19) / (38 - 19) * 50 = 75
 *   C  = 15 accepted / (15 + 4 rejected + 1 lapsed) = 75%      -> 75
 *   D1 = 0.5 * (16 of 20 answered within 30 days = 80) + 0.5 * (10 TDs / 20 requests = 50) = 65
 *   D2 = 6 / 10 EU travel documents accepted                     -> 60
 *   D3 = 9 / 10 admitted at transfer                             -> 90
 *   D4 = 3 executed / (3 + 1 partner cancellation) = 75%, times (1 - 73 moratorium days / 365) = 0.8 -> 60
 *   S  = (30*75 + 20*75 + 20*65 + 10*60 + 5*90 + 15*60) / 100 = 7000 / 100 = 70 -> adequate
 */
function fullDataLog() {
  const log = new EventLog();
  log.add('TN', 'ReturnDecisionsReported', '2022-03-01', { period: '2021', reportingScope: 'EU27_2020', count: 1000, dataset: 'migr_eiord' });
  log.add('TN', 'ReturnsReported', '2022-03-01', { period: '2021', reportingScope: 'EU27_2020', count: 285, destination: 'third-countries', returnType: 'enforced', dataset: 'migr_eirtn' });
  const outcomes = [
    ...Array.from({ length: 13 }, () => ['accepted', 10]),
    ...Array.from({ length: 2 }, () => ['accepted', 45]),
    ...Array.from({ length: 3 }, () => ['rejected', 5]),
    ['rejected', 60],
    ['lapsed', 0],
  ] as [string, number][];
  outcomes.forEach(([outcome, days], i) => {
    const requestId = `TN-RR-${i}`;
    log.add('TN', 'ReadmissionRequestSubmitted', '2021-02-01', { requestId, caseRef: 'ab'.repeat(10) + String(i).padStart(4, '0'), requestingState: 'NL', procedure: 'normal', personCategory: 'own-national' });
    if (outcome === 'lapsed') log.add('TN', 'RequestDeadlineLapsed', '2021-03-04', { requestId, deadline: '2021-03-03', deemedAccepted: false });
    else {
      const on = new Date(Date.parse('2021-02-01') + days * 86_400_000).toISOString().slice(0, 10);
      log.add('TN', 'ReadmissionRequestAnswered', on, { requestId, outcome });
    }
    if (outcome === 'accepted' && i < 10) log.add('TN', 'TravelDocumentIssued', '2021-04-01', { requestId, documentType: 'laissez-passer' });
    if (outcome === 'accepted' && i < 10) log.add('TN', 'ReadmissionTransferRecorded', '2021-05-01', { requestId, admitted: i < 9 });
  });
  for (let i = 0; i < 10; i++) log.add('TN', 'EUTravelDocumentPresented', '2021-06-01', { operationId: 'TN-OP-0', accepted: i < 6 });
  for (let i = 0; i < 4; i++) {
    log.add('TN', 'ReturnOperationPlanned', '2021-01-10', { operationId: `TN-OP-${i}`, mode: 'national-charter', plannedDate: '2021-06-01', plannedReturnees: 20, organiser: 'NL' });
    if (i < 3) log.add('TN', 'ReturnOperationExecuted', '2021-06-01', { operationId: `TN-OP-${i}`, returnees: 20, forced: 18, voluntary: 2 });
    else log.add('TN', 'ReturnOperationCancelled', '2021-06-01', { operationId: `TN-OP-${i}`, cause: 'partner-refusal' });
  }
  log.add('TN', 'PartnerMoratoriumDeclared', '2021-03-01', { moratoriumId: 'TN-MOR-1', scope: 'charter' });
  log.add('TN', 'PartnerMoratoriumLifted', '2021-05-12', { moratoriumId: 'TN-MOR-1' });
  return log;
}

t.test('full data: every indicator available, hand-computed score 70 (adequate)', async (t) => {
  const log = fullDataLog();
  const rm = buildInMemory(countryStateProjection, log.events);
  const card = computeScorecard(inputsFromMemory(rm, 'TN', 2021, null), scoringModelV1, { closed: true });
  t.ok(Scorecard.safeParse(card).success);
  t.same(
    card.indicators.map((i) => [i.code, i.available, i.normalised]),
    [['A', true, null], ['B', true, 75], ['C', true, 75], ['D1', true, 65], ['D2', true, 60], ['D3', true, 90], ['D4', true, 60]],
  );
  t.equal(card.availableWeight, 100);
  t.equal(card.score, 70);
  t.equal(card.band, 'adequate');
  t.equal(card.reason, null);
  t.equal(card.provisional, false);
  t.same(card.warnings.map((w) => [w.code, w.indicator]), [['moratorium', 'D4']], 'only the moratorium (73 days) that reduces D4');
  t.equal(ind(card, 'C').source, 'case');
  t.equal(ind(card, 'C').evidence.length, 20 + 20 + 10, 'every event of the 20 readmission requests (submitted, answer or lapse, travel document)');
  t.equal(ind(card, 'D4').components[1]!.numerator, 73, 'moratorium days');
  t.equal(ind(card, 'D2').evidence.length, 10);

  // Reported aggregate disagreeing with case data by more than 10%: case data wins, warning raised.
  log.add('TN', 'ReadmissionStatisticsReported', '2022-03-01', { period: '2021', reportingScope: 'NL', submitted: 20, accepted: 10, travelDocsIssued: 10, source: 'IND' });
  const card2 = computeScorecard(inputsFromMemory(buildInMemory(countryStateProjection, log.events), 'TN', 2021, null), scoringModelV1, { closed: true });
  t.equal(card2.score, 70, 'case data still wins');
  t.same(ind(card2, 'C').fallback, { source: 'aggregate', numerator: 10, denominator: 20, rate: 0.5 });
  t.same(card2.warnings.map((w) => [w.code, w.indicator]), [['reconciliation', 'C'], ['moratorium', 'D4']], 'issuance agrees (50% vs 50%), acceptance does not');
});

t.test('a quarter scorecard uses the quarter bucket only', async (t) => {
  const rm = buildInMemory(countryStateProjection, fullDataLog().events);
  const q1 = computeScorecard(inputsFromMemory(rm, 'TN', 2021, 1), scoringModelV1, { closed: false });
  t.equal(q1.period, '2021-Q1');
  t.equal(ind(q1, 'C').denominator, 20, 'requests submitted in Q1');
  t.equal(ind(q1, 'B').available, false, 'no quarterly statistics');
  t.equal(q1.score, null);
  const q2 = computeScorecard(inputsFromMemory(rm, 'TN', 2021, 2), scoringModelV1, { closed: false });
  t.equal(ind(q2, 'D4').denominator, 4);
});

t.test('another model version recomputes from the same inputs', async (t) => {
  const rm = buildInMemory(countryStateProjection, fullDataLog().events);
  const inputs = inputsFromMemory(rm, 'TN', 2021, null);
  // Only B and D3 count: (75 * 1 + 90 * 1) / 2 = 82.5.
  const v2 = ScoringModel.parse({
    ...scoringModelV1,
    modelVersion: 2,
    label: 'B and D3 only',
    indicators: scoringModelV1.indicators.map((i) => ({ ...i, weight: i.code === 'B' || i.code === 'D3' ? 1 : 0 })),
  });
  const card = computeScorecard(inputs, v2, { closed: false });
  t.equal(card.modelVersion, 2);
  t.equal(card.score, 82.5);
});

t.test('B normalisation is piecewise linear between 0, the EU rate and the target', async (t) => {
  const m = scoringModelV1;
  t.equal(normaliseReturnRate(0, 0.2, m), 0);
  t.equal(normaliseReturnRate(0.1, 0.2, m), 25);
  t.equal(normaliseReturnRate(0.2, 0.2, m), 50);
  t.equal(normaliseReturnRate(0.3, 0.2, m), 75);
  t.equal(normaliseReturnRate(0.4, 0.2, m), 100);
  t.equal(normaliseReturnRate(0.9, 0.2, m), 100);
  // EU 40%: target = min(80%, 60%) = 60%; 50% -> 50 + 10/20 * 50 = 75.
  t.equal(normaliseReturnRate(0.5, 0.4, m), 75);
});

t.test('moratorium days count overlapping moratoria once and clip to the period', async (t) => {
  const span = (from: string, to: string | null) => ({ moratoriumId: from, scope: 'all', from, to, eventIds: [] });
  t.equal(moratoriumDays([span('2021-01-01', '2021-01-10'), span('2021-01-05', '2021-01-20')], '2021-01-01', '2021-12-31'), 20);
  t.equal(moratoriumDays([span('2020-12-01', null)], '2021-01-01', '2021-03-31'), 90);
  t.equal(moratoriumDays([span('2022-01-01', null)], '2021-01-01', '2021-12-31'), 0);
});

t.test('bands and the required indicator', async (t) => {
  const rm = buildInMemory(countryStateProjection, fullDataLog().events);
  const inputs = inputsFromMemory(rm, 'TN', 2021, null);
  const strict = ScoringModel.parse({ ...scoringModelV1, bands: { adequate: 71, needsImprovement: 70 } });
  t.equal(computeScorecard(inputs, strict, { closed: false }).band, 'needs-improvement');
  const stricter = ScoringModel.parse({ ...scoringModelV1, bands: { adequate: 90, needsImprovement: 80 } });
  t.equal(computeScorecard(inputs, stricter, { closed: false }).band, 'insufficient');
  // Without B: null even with 70% of the weight available.
  const noB = { ...inputs, reports: inputs.reports.filter((r) => r.type !== 'ReturnsReported') };
  const card = computeScorecard(noB, scoringModelV1, { closed: false });
  t.equal(card.score, null);
  t.match(card.reasonDetail, /Required indicator\(s\) unavailable: B/);
});

/** A scorecard the API can send: the response contract (finite numbers) and canonical JSON (no NaN, no Infinity). */
function assertSendable(t: Test, card: Scorecard): void {
  const parsed = Scorecard.safeParse(card);
  t.ok(parsed.success, parsed.success ? 'matches the response contract' : parsed.error.message);
  t.doesNotThrow(() => canonicalCopy(card), 'serialises as canonical JSON');
}

// Models of this shape were accepted for publishing before PublishableScoringModel: they are in logs.
const zeroWeights = ScoringModel.parse({
  ...scoringModelV1,
  modelVersion: 2,
  indicators: scoringModelV1.indicators.map((i) => ({ ...i, weight: 0 })),
  requiredIndicators: [],
  minAvailableWeightShare: 0,
});
const zeroSamples = ScoringModel.parse({ ...scoringModelV1, modelVersion: 3, indicators: scoringModelV1.indicators.map((i) => ({ ...i, minSample: 0 })) });

t.test('a recorded model with every weight 0 gives no score, not NaN', async (t) => {
  const rm = buildInMemory(countryStateProjection, fullDataLog().events);
  const card = computeScorecard(inputsFromMemory(rm, 'TN', 2021, null), zeroWeights, { closed: false });
  assertSendable(t, card);
  t.equal(card.score, null);
  t.equal(card.band, null);
  t.equal(card.reason, 'insufficient-data');
  t.match(card.reasonDetail, /Model 2 gives every indicator weight 0/);
  t.ok(card.indicators.every((i) => i.effectiveWeight === 0));
  // Weights, but none of them available, with a share of 0 and nothing required: still no division by 0.
  const noShare = ScoringModel.parse({ ...scoringModelV1, minAvailableWeightShare: 0, requiredIndicators: [] });
  const empty = computeScorecard(inputsFromMemory(rm, 'TN', 2015, null), noShare, { closed: false });
  assertSendable(t, empty);
  t.equal(empty.score, null);
  t.match(empty.reasonDetail, /No indicator with a weight is available/);
});

t.test('a recorded model with minSample 0 treats an empty denominator as unavailable', async (t) => {
  const log = new EventLog();
  // B: 0 return decisions (and some returns); C-D3: nothing recorded at all.
  log.add('TN', 'ReturnDecisionsReported', '2022-03-01', { period: '2021', reportingScope: 'EU27_2020', count: 0, dataset: 'migr_eiord' });
  log.add('TN', 'ReturnsReported', '2022-03-01', { period: '2021', reportingScope: 'EU27_2020', count: 5, destination: 'all', returnType: 'all', dataset: 'migr_eirtn' });
  log.add('TN', 'ReadmissionStatisticsReported', '2022-03-01', { period: '2021', reportingScope: 'EU27_2020', submitted: 0, accepted: 0, travelDocsIssued: 0, source: 'COM' });
  const card = computeScorecard(inputsFromMemory(buildInMemory(countryStateProjection, log.events), 'TN', 2021, null), zeroSamples, { closed: false });
  assertSendable(t, card);
  for (const code of ['A', 'B', 'C', 'D1', 'D2', 'D3', 'D4']) t.equal(ind(card, code).available, false, `${code} unavailable`);
  t.match(ind(card, 'B').insufficientReason, /0 return decisions, below the minimum sample of 1/);
  t.equal(card.score, null);
  // The full data scores as with v1's samples (every denominator is at least 1 there).
  const full = computeScorecard(inputsFromMemory(buildInMemory(countryStateProjection, fullDataLog().events), 'TN', 2021, null), zeroSamples, { closed: false });
  t.equal(full.score, 70);
});

t.test('publishing requires a model that can give a finite score', async (t) => {
  t.ok(PublishableScoringModel.safeParse(scoringModelV1).success, 'model v1 can be published');
  const issues = (m: unknown) => {
    const r = PublishableScoringModel.safeParse(m);
    return r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.message]);
  };
  t.match(issues(zeroWeights), [['indicators', /At least one indicator needs a weight above 0/]]);
  t.match(issues(zeroSamples), scoringModelV1.indicators.map((_, n) => [`indicators.${n}.minSample`, /must be at least 1/]));
  t.match(issues({ ...scoringModelV1, minAvailableWeightShare: 0, requiredIndicators: ['A'] }), [['minAvailableWeightShare', /must be above 0 unless a required indicator/]]);
  t.same(issues({ ...scoringModelV1, minAvailableWeightShare: 0 }), [], 'a share of 0 is fine when a weighted indicator (B) is required');
  t.match(issues({ ...scoringModelV1, defaultEuReturnRate: 0, euReturnRate: { '2019': 0 } }), [['defaultEuReturnRate', /above 0/], ['euReturnRate.2019', /above 0/]]);
  // The recorded shape still reads them: events are immutable.
  t.ok(ScoringModel.safeParse(zeroWeights).success && ScoringModel.safeParse(zeroSamples).success);
});

const CODES = IndicatorCode.options;
const fraction = fc.oneof(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true }));
const arbModel = fc
  .record({
    indicators: fc.tuple(
      ...CODES.map((code) =>
        fc.record({
          code: fc.constant(code),
          weight: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 100, noNaN: true })),
          minSample: fc.integer({ min: 0, max: 25 }),
        }),
      ),
    ),
    euReturnRate: fc.dictionary(fc.constantFrom('2019', '2020', '2021'), fraction),
    defaultEuReturnRate: fraction,
    returnRateTargetMultiple: fc.double({ min: 1, max: 10, noNaN: true }),
    returnRateTargetCap: fraction,
    defaultReplyDeadlineDays: fc.integer({ min: 1, max: 365 }),
    minAvailableWeightShare: fraction,
    requiredIndicators: fc.subarray([...CODES]),
    reconciliationTolerance: fraction,
    qualitativeScale: fc.option(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 5, maxLength: 5 }), { nil: undefined }),
    bands: fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })).map(([a, b]) => ({ adequate: Math.max(a, b), needsImprovement: Math.min(a, b) })),
  })
  .map((m) => ({ modelVersion: 2, label: 'generated', ...m, indicators: [...m.indicators] }))
  // Any model the recorded shape accepts: also those published before the publishing rules.
  .filter((m) => ScoringModel.safeParse(m).success) as fc.Arbitrary<ScoringModel>;

const YEAR = 2020;
const scopes = ['EU27_2020', 'NL', 'BE'];
const arbReportData: Record<AggregateType, fc.Arbitrary<Record<string, unknown>>> = {
  ReturnDecisionsReported: fc.record({ reportingScope: fc.constantFrom(...scopes), count: fc.nat(60) }),
  ReturnsReported: fc.record({ reportingScope: fc.constantFrom(...scopes), count: fc.nat(60), returnType: fc.constantFrom('enforced', 'all'), destination: fc.constantFrom('third-countries', 'all') }),
  ReadmissionStatisticsReported: fc.record(
    { reportingScope: fc.constantFrom(...scopes), submitted: fc.nat(60), accepted: fc.nat(60), travelDocsIssued: fc.nat(60) },
    { requiredKeys: ['reportingScope', 'submitted'] },
  ),
  QualitativeAssessmentRecorded: fc.record({ indicator: fc.constantFrom('d-i', 'd-ii', 'd-iii', 'd-iv'), rating: fc.integer({ min: 0, max: 4 }), assessor: fc.constant('desk') }),
};
const arbReport = fc.constantFrom(...(Object.keys(arbReportData) as AggregateType[])).chain((type) =>
  fc.record({
    type: fc.constant(type),
    period: fc.constantFrom(String(YEAR), `${YEAR}-Q1`, `${YEAR}-Q2`, `${YEAR}-Q3`, `${YEAR}-Q4`),
    evidenceStatus: fc.constantFrom('confirmed', 'estimate'),
    data: arbReportData[type],
  }),
);
const counterNames: string[] = [
  ...Object.values(C).flatMap((v) => (typeof v === 'string' ? [v] : [])),
  ...[0, 1, 15, 30, 45, 366].map((d) => C.reqAnsweredAfter(d)),
  ...(['cal', 'wd'] as const).flatMap((k) => [0, 3, 10, 400].flatMap((d) => [C.reqAnsweredIn(k, 'normal', d, 'i0'), C.reqAnsweredIn(k, 'accelerated', d, 'i.1')])),
];
const arbDeadline = fc.option(fc.record({ days: fc.integer({ min: 0, max: 3650 }), dayKind: fc.constantFrom('calendar', 'working') as fc.Arbitrary<'calendar' | 'working'> }), { nil: null });
const day = fc.integer({ min: Date.UTC(YEAR - 1, 0, 1), max: Date.UTC(YEAR + 1, 11, 31) }).map((ms) => new Date(ms).toISOString().slice(0, 10));
const arbInputs: fc.Arbitrary<ScorecardInputs> = fc
  .record({
    quarter: fc.constantFrom(null, 1, 2, 3, 4),
    counters: fc.dictionary(fc.constantFrom(...counterNames), fc.nat(40)),
    reports: fc.array(arbReport, { maxLength: 12 }),
    moratoria: fc.array(fc.tuple(day, fc.option(day)), { maxLength: 3 }),
    flags: fc.array(fc.constantFrom('yes', 'case-by-case', 'no', 'unknown') as fc.Arbitrary<'yes' | 'case-by-case' | 'no' | 'unknown'>, { maxLength: 3 }),
    deadlines: fc.array(fc.tuple(arbDeadline, arbDeadline), { maxLength: 2 }),
  })
  .map(({ quarter, counters, reports, moratoria, flags, deadlines }) => ({
    country: 'TN',
    year: YEAR,
    quarter,
    counters,
    reports: reports.map((r, i): AggregateReport => ({ ...r, eventId: `r${i}`, position: i + 1 })),
    evidence: {},
    moratoria: moratoria.map(([a, b], i) => {
      const [from, to] = b !== null && b < a ? [b, a] : [a, b];
      return { moratoriumId: `m${i}`, scope: 'all', from, to, eventIds: [`m${i}`] };
    }),
    euTravelDocumentFlags: flags.map((value, i) => ({ instrumentId: `i${i}`, value, eventId: `f${i}` })),
    replyDeadlines: deadlines.map(([normal, accelerated], i) => ({ instrumentId: ['i0', 'i.1'][i]!, normal, accelerated, eventId: `t${i}` })),
    officialFinding: null,
  }));

t.test('property: for any recorded model and any inputs, the score is finite or explicitly absent', async (t) => {
  fc.assert(
    fc.property(arbModel, arbInputs, (model, inputs) => {
      const card = computeScorecard(inputs, model, { closed: false });
      const parsed = Scorecard.safeParse(card);
      if (!parsed.success) throw new Error(parsed.error.message);
      canonicalCopy(card);
      if (card.score === null) return card.reason === 'insufficient-data' && card.band === null && card.reasonDetail !== null;
      return Number.isFinite(card.score) && card.reason === null;
    }),
    { numRuns: 500 },
  );
  t.pass('every generated scorecard can be sent');
});
