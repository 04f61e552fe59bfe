import type { EntityRow } from '../country-state/index.js';
import type { BucketRow } from '../country-state/buckets.js';
import { emptyInputs, type EvidenceRole, type InstrumentDeadlines, type InstrumentFlag, type MoratoriumSpan, type OfficialFinding, type ScorecardInputs } from './inputs.js';

export interface Contributing {
  id: string;
  eventIds: readonly string[];
  contribution: { role?: EvidenceRole | undefined } | null;
}

/**
 * Builds the scorecard inputs of one country and period from read-model rows: the bucket, the
 * entities contributing to it (evidence), and the country's moratoria, instruments and Commission
 * assessments. Pure, so the SQLite query side and in-memory builds share it.
 */
export function assembleInputs(args: {
  country: string;
  year: number;
  quarter: number | null;
  bucket: BucketRow | undefined;
  /** The entities feeding this bucket (only their id, role and event ids are read). */
  contributing: readonly Contributing[];
  moratoria: readonly EntityRow[];
  instruments: readonly EntityRow[];
  assessments: readonly EntityRow[];
}): ScorecardInputs {
  const inputs = emptyInputs(args.country, args.year, args.quarter);
  if (args.bucket) {
    inputs.counters = { ...args.bucket.counters };
    inputs.reports = [...args.bucket.reports];
  }
  const evidence: Partial<Record<EvidenceRole, string[]>> = {};
  const sorted = [...args.contributing].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const e of sorted) {
    const role = e.contribution?.role;
    if (!role) continue;
    (evidence[role] ??= []).push(...e.eventIds);
  }
  inputs.evidence = evidence;
  inputs.moratoria = args.moratoria
    .filter((m) => m.state['from'])
    .map(
      (m): MoratoriumSpan => ({
        moratoriumId: m.id,
        scope: m.state['scope'] ?? 'all',
        from: m.state['from'],
        to: m.state['to'] ?? null,
        eventIds: m.eventIds,
        ...(m.state['estimate'] === true ? { estimate: true } : {}),
      }),
    )
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.moratoriumId < b.moratoriumId ? -1 : 1));
  const periodEnd = args.quarter === null ? `${args.year}-12-31` : `${args.year}-${String(args.quarter * 3).padStart(2, '0')}-31`;
  inputs.euTravelDocumentFlags = args.instruments
    // As the instrument stood at the period's end: one terminated or superseded later still counts.
    .filter((i) => i.state['terms'] && i.state['terms'].recordedOn <= periodEnd && !(i.state['endedOn'] && i.state['endedOn'] <= periodEnd))
    .map((i): InstrumentFlag => ({
      instrumentId: i.id,
      value: i.state['terms'].acceptsEUTravelDocument,
      eventId: i.state['terms'].eventId,
      ...(i.state['terms'].estimate === true ? { estimate: true } : {}),
    }))
    .sort((a, b) => (a.instrumentId < b.instrumentId ? -1 : 1));
  // D1: every instrument's deadlines as last recorded (the requests naming it were folded with their answer delays).
  inputs.replyDeadlines = args.instruments
    .filter((i) => i.state['terms'])
    .map((i): InstrumentDeadlines => {
      const t = i.state['terms'];
      const estimate = t.estimate === true ? { estimate: true } : {};
      return { instrumentId: i.id, normal: t.replyDeadline ?? null, accelerated: t.acceleratedReplyDeadline ?? t.replyDeadline ?? null, eventId: t.eventId, ...estimate };
    })
    .sort((a, b) => (a.instrumentId < b.instrumentId ? -1 : 1));
  inputs.officialFinding = officialFindingFor(args.assessments, String(args.year));
  return inputs;
}

/**
 * The Commission finding on a year's data (the latest adopted, if several), or null when there is
 * none: a finding on another year's data is not this year's official finding, and a scorecard or
 * report of the year must not present it beside the year's score (a 2019 report would otherwise
 * show a verdict adopted in 2024 on 2023 data). `year` null: the latest finding adopted, whatever
 * its data period (the profile and the overview).
 */
export function officialFindingFor(assessments: readonly EntityRow[], year: string | null): OfficialFinding | null {
  const all = assessments.map((a) => a.state as unknown as OfficialFinding);
  const byLatest = (x: OfficialFinding, y: OfficialFinding) => (x.adoptedOn < y.adoptedOn ? 1 : x.adoptedOn > y.adoptedOn ? -1 : x.eventId < y.eventId ? 1 : -1);
  // dataPeriod is a year (`2023`) or a quarter (`2023-Q2`) of that year.
  const candidates = year === null ? all : all.filter((a) => a.dataPeriod === year || a.dataPeriod.startsWith(`${year}-`));
  const pick = [...candidates].sort(byLatest)[0];
  if (!pick) return null;
  const { eventId, reportNo, dataPeriod, finding, documentRef, adoptedOn } = pick;
  return { eventId, reportNo, dataPeriod, finding, documentRef, adoptedOn };
}
