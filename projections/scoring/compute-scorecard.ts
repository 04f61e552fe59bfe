import type { IndicatorCode, ScoringModel } from '../../contracts/index.js';
import type { Scorecard, ScorecardIndicator, ScorecardWarning } from '../../contracts/read-models.js';
import { periodBounds } from '../country-state/dates.js';
import { pickReports, sumField, type Picked } from './aggregates.js';
import { pickSameScope } from './same-scope.js';
import { timelyAnswers } from './timeliness.js';
import { C, ESTIMATE_COUNTER, type AggregateReport, type InstrumentFlag, type MoratoriumSpan, type ScorecardInputs } from './inputs.js';

export interface ScoreOptions {
  /** The period (or its year) is closed: the scorecard is not provisional. */
  closed: boolean;
}

type Source = NonNullable<ScorecardIndicator['source']>;
type Draft = Omit<ScorecardIndicator, 'weight' | 'effectiveWeight' | 'article' | 'label' | 'code' | 'evidenceCount' | 'evidenceTruncated'>;

const META: Record<IndicatorCode, { article: string; label: string }> = {
  A: { article: '(a)', label: 'Return decisions issued (volume; context and sample size, not scored)' },
  B: { article: '(b)', label: 'Return rate: returns / return decisions, same period' },
  C: { article: '(c)', label: 'Readmission requests accepted / (accepted + rejected + lapsed without consent)' },
  D1: { article: '(d)(i)', label: 'Requests answered within the deadline; travel documents issued / requests' },
  D2: { article: '(d)(ii)', label: 'EU travel documents accepted / presented' },
  D3: { article: '(d)(iii)', label: 'Accepted persons admitted at transfer' },
  D4: { article: '(d)(iv)', label: 'Operations executed / (executed + partner-attributable cancellations), less moratorium days' },
};

export const SCORE_DISCLAIMER =
  "Internal, explainable aid for preparing input to the Commission's Article 25a assessment; not the Commission's rating. The official finding, when shown, prevails.";

const round2 = (x: number) => Math.round(x * 100) / 100;
const rateOf = (n: number, d: number) => (d > 0 ? n / d : null);

function unavailable(reason: string, extra: Partial<Draft> = {}): Draft {
  return {
    available: false,
    insufficientReason: reason,
    source: null,
    numerator: null,
    denominator: null,
    rate: null,
    normalised: null,
    components: [],
    evidence: [],
    fallback: null,
    notes: [],
    ...extra,
  };
}

const EUROSTAT_FLAGS: Record<string, string> = { p: 'provisional', e: 'estimated', b: 'break in series', c: 'confidential', u: 'low reliability', d: 'definition differs' };

/** Eurostat's status flags on the figures used (`1500 p`), spelled out: a provisional figure is not a final one. */
function flagNote(what: string, p: Picked | null): string[] {
  const flagged = (p?.reports ?? []).filter((r) => typeof r.data['flags'] === 'string' && r.data['flags'] !== '');
  if (flagged.length === 0) return [];
  const parts = flagged.map((r) => {
    const flags = String(r.data['flags']);
    return `${String(r.data['count'])} (${r.period}, ${String(r.data['reportingScope'])}) flagged ${flags}: ${[...flags].map((f) => EUROSTAT_FLAGS[f] ?? f).join(', ')}`;
  });
  return [`Eurostat flags on ${what}: ${parts.join('; ')}`];
}

function idsOf(p: Picked | null): string[] {
  return p ? p.reports.map((r) => r.eventId) : [];
}

/** The EU-anchored piecewise-linear normalisation of the return rate (0 -> 0, EU -> 50, target -> 100). */
export function normaliseReturnRate(rate: number, euRate: number, model: ScoringModel): number {
  const target = Math.min(model.returnRateTargetMultiple * euRate, model.returnRateTargetCap);
  if (rate <= euRate) return euRate > 0 ? (rate / euRate) * 50 : 100;
  if (target <= euRate || rate >= target) return 100;
  return 50 + ((rate - euRate) / (target - euRate)) * 50;
}

/** Days of the period covered by at least one moratorium (overlapping moratoria count once). */
export function moratoriumDays(spans: MoratoriumSpan[], start: string, end: string): number {
  const clipped = spans
    .map((s) => ({ from: s.from > start ? s.from : start, to: s.to === null || s.to > end ? end : s.to }))
    .filter((s) => s.from <= s.to)
    .sort((a, b) => (a.from < b.from ? -1 : 1));
  let days = 0;
  let curFrom: string | null = null;
  let curTo: string | null = null;
  const span = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000) + 1;
  for (const s of clipped) {
    if (curTo !== null && s.from <= curTo) {
      if (s.to > curTo) curTo = s.to;
      continue;
    }
    if (curFrom !== null && curTo !== null) days += span(curFrom, curTo);
    curFrom = s.from;
    curTo = s.to;
  }
  if (curFrom !== null && curTo !== null) days += span(curFrom, curTo);
  return days;
}

/**
 * Computes the explained scorecard of one country and period from its stored inputs with a given
 * model. Pure: the same inputs and model give the same scorecard.
 */
export function computeScorecard(inputs: ScorecardInputs, model: ScoringModel, options: ScoreOptions): Scorecard {
  const { year, quarter } = inputs;
  const period = quarter === null ? String(year) : `${year}-Q${quarter}`;
  const cnt = (k: string) => inputs.counters[k] ?? 0;
  const settings = new Map(model.indicators.map((i) => [i.code, i]));
  // At least 1: every indicator is a rate (A: the sample behind B) and needs a non-empty denominator.
  // Publishing requires minSample >= 1, but a model recorded before that rule may say 0.
  const minOf = (code: IndicatorCode) => Math.max(1, settings.get(code)?.minSample ?? 0);
  const scale = model.qualitativeScale ?? [0, 25, 50, 75, 100];
  const tol = model.reconciliationTolerance;
  const warnings: ScorecardWarning[] = [];
  const dataGaps: string[] = [];
  const usedReports: AggregateReport[] = [];
  const use = <P extends Picked>(p: P | null, indicator: IndicatorCode, what: string): P | null => {
    if (!p) return p;
    usedReports.push(...p.reports);
    if (p.replaced.length > 0) {
      const ids = (rs: AggregateReport[]) => rs.map((r) => `${r.period} ${r.eventId}`).join(', ');
      warnings.push({
        code: 'replaced-figures',
        indicator,
        message: `${what} (${p.scope}): the last recorded report of a period replaces earlier ones; used ${ids(p.reports)}, replaced ${ids(p.replaced)}`,
      });
    }
    return p;
  };

  const reconcile = (code: IndicatorCode, what: string, caseRate: number | null, aggRate: number | null) => {
    if (caseRate === null || aggRate === null) return;
    const diff = aggRate === 0 ? (caseRate === 0 ? 0 : Infinity) : Math.abs(caseRate - aggRate) / aggRate;
    // Exactly the tolerance is within it: 0.55 vs 0.5 gives 0.10000000000000009 in floating point.
    if (diff - tol > 1e-9)
      warnings.push({
        code: 'reconciliation',
        indicator: code,
        message: `${what}: case data ${(caseRate * 100).toFixed(1)}% vs reported aggregate ${(aggRate * 100).toFixed(1)}% differ by more than ${Math.round(tol * 100)}%; case data is used`,
      });
  };

  const qualitative = (item: 'd-i' | 'd-ii' | 'd-iii' | 'd-iv'): Draft | null => {
    const r = inputs.reports
      .filter((x) => x.type === 'QualitativeAssessmentRecorded' && x.period === period && x.data['indicator'] === item)
      .sort((a, b) => b.position - a.position)[0];
    if (!r) return null;
    usedReports.push(r);
    const rating = Number(r.data['rating']);
    return {
      ...unavailable(''),
      available: true,
      insufficientReason: null,
      source: 'qualitative',
      numerator: rating,
      denominator: 4,
      rate: rating / 4,
      normalised: scale[rating] ?? null,
      evidence: [r.eventId],
      notes: [`Qualitative rating ${rating}/4 by ${String(r.data['assessor'])}: no case data for the period`],
    };
  };

  const drafts = new Map<IndicatorCode, Draft>();

  // A: return decisions.
  const decisions = use(pickReports(inputs.reports, 'ReturnDecisionsReported', year, quarter), 'A', 'Return decisions');
  const D = decisions ? sumField(decisions, 'count') : null;
  if (D === null) drafts.set('A', unavailable('No return decisions reported for the period'));
  else
    drafts.set('A', {
      ...unavailable(D < minOf('A') ? `${D} return decisions, below the minimum sample of ${minOf('A')}` : ''),
      available: D >= minOf('A'),
      insufficientReason: D < minOf('A') ? `${D} return decisions, below the minimum sample of ${minOf('A')}` : null,
      source: 'aggregate',
      numerator: D,
      evidence: idsOf(decisions),
      notes: [`Scope: ${decisions!.scope}${decisions!.fromQuarters ? ' (sum of four quarters)' : ''}`, ...flagNote('return decisions', decisions)],
    });

  // B: return rate, aggregates (forced returns to third countries preferred; other kinds are flagged proxies).
  const classes: { type: string; dest: string; proxy: string | null }[] = [
    { type: 'enforced', dest: 'third-countries', proxy: null },
    { type: 'enforced', dest: 'all', proxy: 'enforced returns to any destination (includes other EU Member States)' },
    { type: 'all', dest: 'third-countries', proxy: 'all returns (forced and voluntary) used as a proxy for forced returns' },
    { type: 'all', dest: 'all', proxy: 'all returns to any destination used as a proxy for forced returns to third countries' },
  ];
  // Returns and decisions of one reporting scope (an EU-wide scope both report, else the Member States reporting both).
  let matched: ReturnType<typeof pickSameScope> = null;
  let proxy: string | null = null;
  for (const k of classes) {
    const filter = (r: AggregateReport) => r.data['returnType'] === k.type && r.data['destination'] === k.dest;
    matched = pickSameScope(inputs.reports, year, quarter, { type: 'ReturnDecisionsReported' }, { type: 'ReturnsReported', filter });
    if (matched) {
      proxy = k.proxy;
      break;
    }
  }
  const returns = matched?.b ?? null;
  const bDecisions = matched?.a ?? null;
  const R = returns ? sumField(returns, 'count') : null;
  const Db = bDecisions ? sumField(bDecisions, 'count') : null;
  const anyReturns = inputs.reports.some((r) => r.type === 'ReturnsReported' && (r.period === period || (quarter === null && r.period.startsWith(`${year}-Q`))));
  if (D === null) drafts.set('B', unavailable('No return decisions reported (denominator)'));
  else if (Db === null && D < minOf('B')) drafts.set('B', unavailable(`${D} return decisions, below the minimum sample of ${minOf('B')}`, { denominator: D }));
  else if (Db === null || R === null)
    drafts.set(
      'B',
      anyReturns
        ? unavailable(`Returns and return decisions are not reported for the same reporting scope (decisions: ${decisions!.scope})`)
        : unavailable('No returns reported (numerator)', { denominator: D }),
    );
  else if (Db < minOf('B')) drafts.set('B', unavailable(`${Db} return decisions, below the minimum sample of ${minOf('B')}`, { denominator: Db }));
  else {
    use(returns, 'B', 'Returns');
    // A's decisions are counted once; B's differ only when a narrower scope reports the returns.
    const sameAsA = idsOf(bDecisions).join() === idsOf(decisions).join();
    if (!sameAsA) use(bDecisions, 'B', 'Return decisions');
    const rate = R / Db;
    const eu = model.euReturnRate[String(year)] ?? model.defaultEuReturnRate;
    const notes = [
      `EU reference return rate ${year}: ${(eu * 100).toFixed(2)}%${model.euReturnRate[String(year)] === undefined ? ' (model default)' : ''}; 50 at the EU rate, 100 at ${(Math.min(model.returnRateTargetMultiple * eu, model.returnRateTargetCap) * 100).toFixed(2)}%`,
      `Scope: ${returns!.scope}${sameAsA ? '' : ` (the scope reporting both returns and decisions; A shows ${decisions!.scope})`}`,
      'Period ratio (returns in the period / decisions in the period), not a cohort rate',
      ...flagNote('return decisions', bDecisions),
      ...flagNote('returns', returns),
    ];
    if (proxy) {
      notes.push(`Numerator: ${proxy}`);
      warnings.push({ code: 'proxy-returns', indicator: 'B', message: `Return rate uses ${proxy}` });
    }
    if (cnt(C.opsForced) > 0) notes.push(`Case data: ${cnt(C.opsForced)} forced returnees on recorded operations (context; Eurostat scope differs)`);
    drafts.set('B', {
      ...unavailable(''),
      available: true,
      insufficientReason: null,
      source: 'aggregate',
      numerator: R,
      denominator: Db,
      rate,
      normalised: normaliseReturnRate(rate, eu, model),
      evidence: [...idsOf(bDecisions), ...idsOf(returns)],
      notes,
    });
  }

  // C: readmission acceptance.
  const acc = cnt(C.rrAccepted);
  const decidedRr = acc + cnt(C.rrRejected) + cnt(C.rrLapsed);
  const aggC = pickReports(inputs.reports, 'ReadmissionStatisticsReported', year, quarter, (r) => typeof r.data['accepted'] === 'number');
  const aggCSub = aggC ? sumField(aggC, 'submitted') ?? 0 : 0;
  const aggCAcc = aggC ? sumField(aggC, 'accepted') ?? 0 : 0;
  const caseCEvidence = inputs.evidence.C ?? [];
  if (decidedRr >= minOf('C')) {
    const rate = acc / decidedRr;
    const fallback = aggC ? { source: 'aggregate' as Source, numerator: aggCAcc, denominator: aggCSub, rate: rateOf(aggCAcc, aggCSub) } : null;
    reconcile('C', 'Readmission acceptance rate', rate, fallback?.rate ?? null);
    drafts.set('C', {
      ...unavailable(''),
      available: true,
      insufficientReason: null,
      source: 'case',
      numerator: acc,
      denominator: decidedRr,
      rate,
      normalised: rate * 100,
      evidence: caseCEvidence,
      fallback,
      notes: [`${cnt(C.rrSubmitted)} readmission requests submitted in the period; outcome as recorded (deemed acceptance counts as accepted)`],
    });
  } else if (aggC && aggCSub >= minOf('C')) {
    use(aggC, 'C', 'Readmission statistics');
    const rate = aggCAcc / aggCSub;
    drafts.set('C', {
      ...unavailable(''),
      available: true,
      insufficientReason: null,
      source: 'aggregate',
      numerator: aggCAcc,
      denominator: aggCSub,
      rate,
      normalised: rate * 100,
      evidence: idsOf(aggC),
      notes: [
        `Reported aggregate (${aggC.scope}): accepted / submitted`,
        ...(decidedRr > 0 ? [`Case data (${decidedRr} decided requests) below the minimum sample of ${minOf('C')}`] : []),
      ],
    });
  } else
    drafts.set('C', unavailable(decidedRr > 0 ? `${decidedRr} readmission requests with an outcome, below the minimum sample of ${minOf('C')}` : 'No readmission outcomes recorded or reported', { evidence: caseCEvidence }));

  // D1: timeliness (case) and issuance (case, else aggregate), 50/50; a single available component stands alone.
  const defaultDays = model.defaultReplyDeadlineDays;
  const timely = timelyAnswers(inputs.counters, inputs.replyDeadlines, Math.min(defaultDays, 365));
  const inTime = timely.inTime;
  const decidedReq = cnt(C.reqDecided);
  const submittedReq = cnt(C.reqSubmitted);
  const withTd = cnt(C.reqWithTravelDoc);
  const aggIr = pickReports(inputs.reports, 'ReadmissionStatisticsReported', year, quarter);
  const aggIrSub = aggIr ? sumField(aggIr, 'submitted') ?? 0 : 0;
  const aggIrTd = aggIr ? sumField(aggIr, 'travelDocsIssued') ?? 0 : 0;
  const requestEvidence = [...(inputs.evidence.D1 ?? []), ...(inputs.evidence.C ?? [])];
  // The terms that set a deadline applied feed D1 too.
  const termsEvidence = [...new Set(timely.deadlinesUsed.map((u) => u.eventId))];
  const tAvail = decidedReq >= minOf('D1');
  const irCaseAvail = submittedReq >= minOf('D1');
  const irAggAvail = aggIrSub >= minOf('D1');
  const components: ScorecardIndicator['components'] = [
    { name: 'timeliness', source: 'case', numerator: inTime, denominator: decidedReq, rate: rateOf(inTime, decidedReq), available: tAvail },
  ];
  let irFallback: Draft['fallback'] = null;
  if (irCaseAvail) {
    components.push({ name: 'issuance', source: 'case', numerator: withTd, denominator: submittedReq, rate: rateOf(withTd, submittedReq), available: true });
    if (aggIr) {
      irFallback = { source: 'aggregate', numerator: aggIrTd, denominator: aggIrSub, rate: rateOf(aggIrTd, aggIrSub) };
      reconcile('D1', 'Travel document issuance rate', rateOf(withTd, submittedReq), irFallback.rate);
    }
  } else if (irAggAvail) {
    use(aggIr, 'D1', 'Readmission statistics');
    components.push({ name: 'issuance', source: 'aggregate', numerator: aggIrTd, denominator: aggIrSub, rate: rateOf(aggIrTd, aggIrSub), available: true });
  } else components.push({ name: 'issuance', source: 'case', numerator: withTd, denominator: submittedReq, rate: rateOf(withTd, submittedReq), available: false });
  const availComps = components.filter((c) => c.available);
  if (availComps.length > 0) {
    const value = availComps.reduce((s, c) => s + (c.rate ?? 0) * 100, 0) / availComps.length;
    const sources = new Set(availComps.map((c) => c.source));
    const single = availComps.length === 1 ? availComps[0]! : null;
    if (single) {
      const missing = components.find((c) => !c.available)!;
      dataGaps.push(`D1: ${missing.name} component missing (${missing.denominator} < ${minOf('D1')}); D1 is its ${single.name} component alone`);
      warnings.push({ code: 'single-component', indicator: 'D1', message: `D1 uses the ${single.name} component only` });
    }
    drafts.set('D1', {
      ...unavailable(''),
      available: true,
      insufficientReason: null,
      source: sources.size === 1 ? [...sources][0]! : 'mixed',
      numerator: single ? single.numerator : null,
      denominator: single ? single.denominator : null,
      rate: single ? single.rate : null,
      normalised: value,
      components,
      evidence: [
        ...(availComps.some((c) => c.source === 'case') ? requestEvidence : []),
        ...(tAvail ? termsEvidence : []),
        ...(availComps.some((c) => c.source === 'aggregate') ? idsOf(aggIr) : []),
      ],
      fallback: irFallback,
      notes: [
        `Deadline: the instrument's reply deadline as last recorded, else ${defaultDays} calendar days`,
        ...(tAvail ? timely.deadlinesUsed.map((u) => `Reply deadline of ${u.instrumentId}${u.procedure === 'accelerated' ? ' (accelerated procedure)' : ''}: ${u.deadline.days} ${u.deadline.dayKind} days`) : []),
      ],
    });
  } else drafts.set('D1', qualitative('d-i') ?? unavailable(`Fewer than ${minOf('D1')} requests decided or submitted, no reported aggregate, no qualitative rating`, { components, evidence: requestEvidence }));

  // Requests of the period without an outcome (no answer, no recorded lapse) are in neither
  // denominator: C counts outcomes, D1's timeliness counts decided requests. An unanswered request
  // is the partner's silence, the very problem Art. 25a(2)(c) and (d)(i) look at, so the count is
  // stated (a desk records RequestDeadlineLapsed for those past their deadline to count them).
  const unansweredRr = cnt(C.rrSubmitted) - decidedRr;
  const unansweredReq = submittedReq - decidedReq;
  if (unansweredRr > 0) {
    const message = `${unansweredRr} of ${cnt(C.rrSubmitted)} readmission requests submitted in the period have no recorded outcome (no answer, no recorded lapse) and are not in C's denominator`;
    dataGaps.push(`C: ${message}`);
    warnings.push({ code: 'unanswered-requests', indicator: 'C', message });
  }
  if (unansweredReq > 0) {
    const message = `${unansweredReq} of ${submittedReq} requests submitted in the period have no answer or recorded lapse and are not in the timeliness denominator`;
    dataGaps.push(`D1: ${message}`);
    warnings.push({ code: 'unanswered-requests', indicator: 'D1', message });
  }

  // D2: EU travel documents, else a qualitative rating, else the instrument terms.
  let d2Flag: InstrumentFlag | undefined;
  const presented = cnt(C.eutdPresented);
  if (presented >= minOf('D2')) {
    const rate = cnt(C.eutdAccepted) / presented;
    drafts.set('D2', { ...unavailable(''), available: true, insufficientReason: null, source: 'case', numerator: cnt(C.eutdAccepted), denominator: presented, rate, normalised: rate * 100, evidence: inputs.evidence.D2 ?? [] });
  } else {
    const q = qualitative('d-ii');
    const flagScore = { yes: 100, 'case-by-case': 50, no: 0 } as const;
    const flag = (d2Flag = inputs.euTravelDocumentFlags
      .filter((f) => f.value !== 'unknown')
      .sort((a, b) => flagScore[b.value as keyof typeof flagScore] - flagScore[a.value as keyof typeof flagScore])[0]);
    if (q) drafts.set('D2', q);
    else if (flag)
      drafts.set('D2', {
        ...unavailable(''),
        available: true,
        insufficientReason: null,
        source: 'instrument-terms',
        normalised: flagScore[flag.value as keyof typeof flagScore],
        evidence: [flag.eventId],
        notes: [`Instrument ${flag.instrumentId} accepts the EU travel document: ${flag.value} (terms on paper, no case data)`],
      });
    else drafts.set('D2', unavailable(`${presented} EU travel documents presented, below the minimum sample of ${minOf('D2')}; no rating or instrument terms`, { evidence: inputs.evidence.D2 ?? [] }));
  }

  // D3: admitted at transfer.
  const transfers = cnt(C.transfers);
  if (transfers >= minOf('D3')) {
    const rate = cnt(C.transfersAdmitted) / transfers;
    drafts.set('D3', { ...unavailable(''), available: true, insufficientReason: null, source: 'case', numerator: cnt(C.transfersAdmitted), denominator: transfers, rate, normalised: rate * 100, evidence: inputs.evidence.D3 ?? [] });
  } else drafts.set('D3', qualitative('d-iii') ?? unavailable(`${transfers} transfers recorded, below the minimum sample of ${minOf('D3')}`, { evidence: inputs.evidence.D3 ?? [] }));

  // D4: operations, reduced by moratorium days.
  const planned = cnt(C.opsPlanned);
  const executed = cnt(C.opsExecuted);
  const decidedOps = executed + cnt(C.opsCancelledPartner);
  const bounds = periodBounds(year, quarter);
  const mDays = moratoriumDays(inputs.moratoria, bounds.start, bounds.end);
  const periodMoratoria = inputs.moratoria.filter((m) => m.from <= bounds.end && (m.to === null || m.to >= bounds.start));
  const moratoriumEvidence = periodMoratoria.flatMap((m) => m.eventIds);
  if (planned >= minOf('D4') && decidedOps > 0) {
    const ops = executed / decidedOps;
    const factor = 1 - mDays / bounds.days;
    drafts.set('D4', {
      ...unavailable(''),
      available: true,
      insufficientReason: null,
      source: 'case',
      numerator: executed,
      denominator: decidedOps,
      rate: ops,
      normalised: ops * factor * 100,
      components: [
        { name: 'operations', source: 'case', numerator: executed, denominator: decidedOps, rate: ops, available: true },
        { name: 'moratorium-days', source: 'case', numerator: mDays, denominator: bounds.days, rate: mDays / bounds.days, available: true },
      ],
      evidence: [...(inputs.evidence.D4 ?? []), ...moratoriumEvidence],
      notes: [
        `${planned} operations in the period; ${cnt(C.opsCancelledOther)} cancelled for causes not attributable to the partner (not counted)`,
        ...(mDays > 0 ? [`Partner moratorium on ${mDays} of ${bounds.days} days: operations rate ${round2(ops * 100)}% × ${round2(factor * 100)}%`] : []),
      ],
    });
    if (mDays > 0)
      warnings.push({
        code: 'moratorium',
        indicator: 'D4',
        message: `A partner moratorium covered ${mDays} of ${bounds.days} days of the period: D4 is the operations rate ${round2(ops * 100)}% reduced to ${round2(ops * factor * 100)}`,
      });
  } else
    drafts.set(
      'D4',
      qualitative('d-iv') ??
        unavailable(
          planned < minOf('D4') ? `${planned} operations, below the minimum sample of ${minOf('D4')}` : 'No operation executed or cancelled by the partner yet',
          { evidence: inputs.evidence.D4 ?? [] },
        ),
    );

  // Overall score with redistributed weights.
  const codes: IndicatorCode[] = ['A', 'B', 'C', 'D1', 'D2', 'D3', 'D4'];
  // A has no normalised value (context and B's sample): publishing refuses a weight on it, and the
  // weight a model recorded before that rule gives it is not counted (it would count as a 0).
  const weightOf = (c: IndicatorCode) => (c === 'A' ? 0 : settings.get(c)?.weight ?? 0);
  const aWeight = settings.get('A')?.weight ?? 0;
  if (aWeight > 0) drafts.get('A')!.notes.push(`Model ${model.modelVersion} gives A weight ${aWeight}; A is not scored, so the weight ${aWeight} is not counted`);
  const totalWeight = codes.reduce((s, c) => s + weightOf(c), 0);
  const availableWeight = codes.reduce((s, c) => s + (drafts.get(c)!.available ? weightOf(c) : 0), 0);
  for (const c of codes) {
    const d = drafts.get(c)!;
    if (!d.available && weightOf(c) > 0) dataGaps.push(`${c}: ${d.insufficientReason}`);
  }
  const missingRequired = model.requiredIndicators.filter((c) => !drafts.get(c)!.available);
  let score: number | null = null;
  let reasonDetail: string | null = null;
  const share = totalWeight > 0 ? availableWeight / totalWeight : 0;
  if (missingRequired.length > 0) reasonDetail = `Required indicator(s) unavailable: ${missingRequired.join(', ')}`;
  if (share < model.minAvailableWeightShare)
    reasonDetail = `${reasonDetail ? `${reasonDetail}; a` : 'A'}vailable weight ${round2(share * 100)}% is below ${round2(model.minAvailableWeightShare * 100)}%`;
  // A score is a weighted mean: it needs some weight to divide by. Publishing refuses models that
  // allow this case, but one recorded before that rule may (all weights 0, or a share of 0).
  if (reasonDetail === null && !(availableWeight > 0))
    reasonDetail = totalWeight > 0 ? 'No indicator with a weight is available' : `Model ${model.modelVersion} gives every indicator weight 0`;
  if (reasonDetail === null) {
    let sum = 0;
    for (const c of codes) {
      const d = drafts.get(c)!;
      const w = weightOf(c);
      // The normalised values as shown (two decimals): a reader recomputes the score from the scorecard.
      if (d.available && w > 0) sum += w * round2(d.normalised ?? 0);
    }
    score = round2(sum / availableWeight);
  }
  const band = score === null ? null : score >= model.bands.adequate ? 'adequate' : score >= model.bands.needsImprovement ? 'needs-improvement' : 'insufficient';
  const reportsEstimated = usedReports.some((r) => r.evidenceStatus === 'estimate');
  if (reportsEstimated) warnings.push({ code: 'estimates', indicator: null, message: 'Some figures are estimates (evidenceStatus "estimate")' });
  // Case-level facts marked as estimates, counted per indicator in the period's buckets. D1 counts every
  // request (readmission requests contribute as C's evidence, identification requests as D1's).
  let casesEstimated = false;
  for (const code of ['C', 'D1', 'D2', 'D3', 'D4'] as const) {
    const d = drafts.get(code);
    const n = code === 'D1' ? cnt(ESTIMATE_COUNTER.C) + cnt(ESTIMATE_COUNTER.D1) : cnt(ESTIMATE_COUNTER[code]);
    if (!d?.available || n === 0 || !(d.source === 'case' || d.source === 'mixed')) continue;
    casesEstimated = true;
    warnings.push({ code: 'estimates', indicator: code, message: `${n} of the case records behind ${code} rest on facts marked as estimates (evidenceStatus "estimate")` });
  }
  // Facts that are no case record but change a score: moratorium days (D4), instrument terms (D1's
  // deadline when timeliness counts, D2's flag when it stands in for case data).
  const contextEstimates: [IndicatorCode, boolean, string][] = [
    ['D1', drafts.get('D1')!.components.some((c) => c.name === 'timeliness' && c.available) && timely.deadlinesUsed.some((u) => u.estimate), 'The reply deadline of an instrument behind D1 rests on terms marked as estimates'],
    ['D2', drafts.get('D2')!.source === 'instrument-terms' && d2Flag?.estimate === true, 'The instrument terms behind D2 are marked as estimates'],
    ['D4', drafts.get('D4')!.source === 'case' && mDays > 0 && periodMoratoria.some((m) => m.estimate === true), 'The moratorium days reducing D4 rest on facts marked as estimates'],
  ];
  let contextEstimated = false;
  for (const [indicator, estimated, message] of contextEstimates) {
    if (!estimated) continue;
    contextEstimated = true;
    warnings.push({ code: 'estimates', indicator, message: `${message} (evidenceStatus "estimate")` });
  }
  const containsEstimates = reportsEstimated || casesEstimated || contextEstimated;

  const indicators: ScorecardIndicator[] = codes.map((code) => {
    const d = drafts.get(code)!;
    const w = settings.get(code)?.weight ?? 0;
    return {
      code,
      ...META[code],
      weight: w,
      effectiveWeight: d.available && availableWeight > 0 ? round2((weightOf(code) / availableWeight) * 100) : 0,
      ...d,
      normalised: d.normalised === null ? null : round2(d.normalised),
      // The full list; the query side bounds it (and sets the count) for the default answer.
      evidenceCount: d.evidence.length,
      evidenceTruncated: false,
    };
  });

  return {
    country: inputs.country,
    year,
    quarter,
    period,
    modelVersion: model.modelVersion,
    modelLabel: model.label,
    provisional: !options.closed,
    score,
    band,
    reason: score === null ? 'insufficient-data' : null,
    reasonDetail,
    totalWeight,
    availableWeight,
    indicators,
    dataGaps,
    warnings,
    containsEstimates,
    officialFinding: inputs.officialFinding,
    disclaimer: SCORE_DISCLAIMER,
  };
}
