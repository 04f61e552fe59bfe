import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { eventDefinition } from '../../contracts/index.js';
import type { NewEvent } from '../../src/store/port.js';

/**
 * Arbitrary country histories for property tests: statistics, requests, operations, moratoria,
 * instrument terms, corrections and retractions, over two countries and a few ids each so that
 * lifecycles collide.
 */

export function newEvent(country: string | null, type: string, occurredOn: string, data: Record<string, unknown>): NewEvent {
  const def = eventDefinition(type)!;
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: def.schemaVersion,
    country,
    occurredOn,
    recordedBy: 'test',
    provenance: { sourceKind: 'nl-desk', reference: 'test', evidenceStatus: 'reported' },
    data: def.data.parse(data) as Record<string, unknown>,
  };
}

const country = fc.constantFrom('ET', 'TN');
const date = fc.constantFrom('2021-01-15', '2021-02-20', '2021-05-03', '2021-08-30', '2022-01-10', '2022-11-30');
const period = fc.constantFrom('2021', '2021-Q1', '2021-Q3', '2022', '2022-Q4');
const scope = fc.constantFrom('NL', 'DE', 'EU27_2020');
const reqId = fc.constantFrom('R0', 'R1', 'R2', 'R3');
const opId = fc.constantFrom('O0', 'O1', 'O2');

export type HistoryOp = { c: string; type: string; on: string; data: Record<string, unknown> } | { correct: number; count: number; on: string | null } | { retract: number };

const fact = fc.oneof(
  fc.record({ c: country, on: date, p: period, s: scope, n: fc.nat(500) }).map(({ c, on, p, s, n }) => ({ c, on, type: 'ReturnDecisionsReported', data: { period: p, reportingScope: s, count: n + 20, dataset: 'migr_eiord' } })),
  fc.record({ c: country, on: date, p: period, s: scope, n: fc.nat(200), k: fc.constantFrom('enforced', 'all') }).map(({ c, on, p, s, n, k }) => ({ c, on, type: 'ReturnsReported', data: { period: p, reportingScope: s, count: n, destination: 'third-countries', returnType: k, dataset: 'migr_eirtn' } })),
  fc.record({ c: country, on: date, p: period, s: scope, n: fc.nat(100) }).map(({ c, on, p, s, n }) => ({ c, on, type: 'ReadmissionStatisticsReported', data: { period: p, reportingScope: s, submitted: n + 10, accepted: n, travelDocsIssued: Math.floor(n / 2), source: 'x' } })),
  fc.record({ c: country, on: date, id: reqId, k: fc.boolean(), i: fc.boolean() }).map(({ c, on, id, k, i }) =>
    k
      ? { c, on, type: 'ReadmissionRequestSubmitted', data: { requestId: id, caseRef: 'ab'.repeat(8), requestingState: 'NL', procedure: 'normal', personCategory: 'own-national', ...(i ? { instrumentId: 'I0' } : {}) } }
      : { c, on, type: 'IdentificationRequestSubmitted', data: { requestId: id, caseRef: 'cd'.repeat(8), requestingState: 'NL', channel: 'RCMS', ...(i ? { instrumentId: 'I0' } : {}) } },
  ),
  fc.record({ c: country, on: date, id: reqId, o: fc.constantFrom('accepted', 'rejected', 'partially-accepted') }).map(({ c, on, id, o }) => ({ c, on, type: 'ReadmissionRequestAnswered', data: { requestId: id, outcome: o } })),
  fc.record({ c: country, on: date, id: reqId, d: fc.boolean() }).map(({ c, on, id, d }) => ({ c, on, type: 'RequestDeadlineLapsed', data: { requestId: id, deadline: '2021-01-01', deemedAccepted: d } })),
  fc.record({ c: country, on: date, id: reqId }).map(({ c, on, id }) => ({ c, on, type: 'TravelDocumentIssued', data: { requestId: id, documentType: 'passport' } })),
  fc.record({ c: country, on: date, id: opId, pd: date }).map(({ c, on, id, pd }) => ({ c, on, type: 'ReturnOperationPlanned', data: { operationId: id, mode: 'national-charter', plannedDate: pd, plannedReturnees: 10, organiser: 'NL' } })),
  fc.record({ c: country, on: date, id: opId, f: fc.nat(10) }).map(({ c, on, id, f }) => ({ c, on, type: 'ReturnOperationExecuted', data: { operationId: id, returnees: f + 1, forced: f, voluntary: 1 } })),
  fc.record({ c: country, on: date, id: opId, cause: fc.constantFrom('partner-refusal', 'member-state-logistics') }).map(({ c, on, id, cause }) => ({ c, on, type: 'ReturnOperationCancelled', data: { operationId: id, cause } })),
  fc.record({ c: country, on: date, lift: fc.boolean() }).map(({ c, on, lift }) => ({ c, on, type: lift ? 'PartnerMoratoriumLifted' : 'PartnerMoratoriumDeclared', data: lift ? { moratoriumId: 'M0' } : { moratoriumId: 'M0', scope: 'all' } })),
  fc.record({ c: country, on: date, days: fc.integer({ min: 1, max: 60 }), w: fc.boolean() }).map(({ c, on, days, w }) => ({
    c,
    on,
    type: 'InstrumentTermsRecorded',
    data: { instrumentId: 'I0', replyDeadline: { days, dayKind: w ? 'working' : 'calendar' }, acceptsEUTravelDocument: 'case-by-case', acceptsCharter: 'yes', silenceMeansConsent: false, coversTCN: false },
  })),
  fc.record({ c: country, on: date, a: fc.boolean() }).map(({ c, on, a }) => ({ c, on, type: 'EUTravelDocumentPresented', data: { requestId: 'R0', accepted: a } })),
);

/** One step of a country history: a fact, or a correction / retraction of an earlier live fact (chosen by index). */
export const historyOp: fc.Arbitrary<HistoryOp> = fc.oneof(
  { weight: 6, arbitrary: fact },
  { weight: 2, arbitrary: fc.record({ correct: fc.nat(), count: fc.nat(300), on: fc.option(date, { nil: null }) }) },
  { weight: 1, arbitrary: fc.record({ retract: fc.nat() }) },
);

/** Turns ops into valid new events: corrections only target earlier, live, non-correction events of the same country. */
export function materialise(ops: HistoryOp[]): NewEvent[] {
  const out: NewEvent[] = [];
  const retracted = new Set<string>();
  for (const o of ops) {
    if ('type' in o) {
      out.push(newEvent(o.c, o.type, o.on, o.data));
      continue;
    }
    const candidates = out.filter((e) => e.type !== 'EntryCorrected' && e.type !== 'EntryRetracted' && !retracted.has(e.eventId));
    if (candidates.length === 0) continue;
    if ('retract' in o) {
      const target = candidates[o.retract % candidates.length]!;
      retracted.add(target.eventId);
      out.push(newEvent(target.country, 'EntryRetracted', '2023-01-01', { retractedEventId: target.eventId, reason: 'recorded in error' }));
    } else {
      const target = candidates[o.correct % candidates.length]!;
      const data = { ...target.data };
      // Change a number where there is one, else keep the data and move the date.
      for (const k of ['count', 'submitted', 'forced', 'plannedReturnees']) if (typeof data[k] === 'number') data[k] = (data[k] as number) + (o.count % 7) + 1;
      if (typeof data['returnees'] === 'number') data['returnees'] = (data['forced'] as number) + (data['voluntary'] as number);
      if (target.type === 'ReadmissionRequestAnswered') data['outcome'] = data['outcome'] === 'accepted' ? 'rejected' : 'accepted';
      out.push(
        newEvent(target.country, 'EntryCorrected', '2023-01-01', {
          correctedEventId: target.eventId,
          reason: 'corrected figure',
          data,
          ...(o.on ? { occurredOn: o.on } : {}),
        }),
      );
    }
  }
  return out;
}

