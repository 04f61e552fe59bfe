import assert from 'node:assert/strict';
import fc from 'fast-check';
import t from 'tap';
import type { EventType, StoredEvent } from '../../../contracts/index.js';
import {
  decideCorrection,
  decideFact,
  effectiveHistory,
  evolveCountry,
  evolveCountryInPlace,
  findInvalidFacts,
  initialCountryState,
  replayCountry,
  type CountryState,
} from '../../../src/domain/index.js';
import { isAppError } from '../../../src/errors/catalogue.js';
import { command, eventUuid, fact as f, storedEvent, storedStream, TODAY } from './spec.js';

t.test('evolveCountry leaves the previous state untouched and shares untouched maps', async (t) => {
  const s0 = replayCountry('ET', storedStream([f('DialogueTrackOpened', '2023-01-01'), f('ReadmissionRequestSubmitted', '2024-01-10')]));
  const e = storedEvent(f('ReadmissionRequestAnswered', '2024-02-01'), 2);
  const s1 = evolveCountry(s0, e);
  t.not(s1, s0);
  t.equal(s0.requests.get('R1')?.status, 'open', 'previous state unchanged');
  t.equal(s1.requests.get('R1')?.status, 'answered');
  t.not(s1.requests, s0.requests, 'the touched map is copied');
  t.equal(s1.tracks, s0.tracks, 'untouched maps are shared');
  const stats = storedEvent(f('ReturnsReported', '2024-02-01'), 3);
  t.equal(evolveCountry(s1, stats), s1, 'facts without decision state return the same state');
});

t.test('evolveCountryInPlace mutates and returns the same state', async (t) => {
  const s = initialCountryState('ET');
  const out = evolveCountryInPlace(s, storedEvent(f('DialogueTrackOpened', '2023-01-01'), 0));
  t.equal(out, s);
  t.equal(s.tracks.size, 1);
});

t.test('evolve is total: a fact about an unknown entity changes nothing', async (t) => {
  const s0 = initialCountryState('ET');
  const s1 = evolveCountry(s0, storedEvent(f('InstrumentAgreed', '2023-01-01'), 0));
  assert.deepStrictEqual(s1, s0);
  t.pass();
});

// ---------------------------------------------------------------------------------------------
// Property: random command sequences, decided one by one; accepted facts become the stream.

const IDS = ['A', 'B', 'C'];
const TYPES: EventType[] = [
  'DialogueTrackOpened', 'DialogueSessionHeld', 'DialogueCommitmentRecorded', 'DialogueCommitmentFulfilled', 'DialogueCommitmentLapsed',
  'InstrumentNegotiationOpened', 'InstrumentAgreed', 'InstrumentAdopted', 'InstrumentTermsRecorded', 'InstrumentProvisionsApplicable',
  'InstrumentReviewMeetingHeld', 'InstrumentSuspensionDeclared', 'InstrumentResumed', 'InstrumentTerminated', 'InstrumentSuperseded',
  'MemberStateNotificationSubmitted', 'NotificationExaminationConcluded', 'CommissionAssessmentReported',
  'VisaMeasureProposed', 'VisaMeasureAdopted', 'VisaMeasureApplicable', 'VisaMeasureProgressReported', 'VisaMeasureAmended',
  'VisaMeasureRenewed', 'VisaMeasureRepealed', 'VisaMeasureExpired', 'VisaMeasureProposalWithdrawn',
  'IdentificationRequestSubmitted', 'ConsularPresentationHeld', 'IdentificationRequestAnswered', 'ReadmissionRequestSubmitted',
  'ReadmissionRequestAnswered', 'RequestDeadlineLapsed', 'TravelDocumentIssued', 'EUTravelDocumentPresented', 'ReadmissionTransferRecorded',
  'ReturnOperationPlanned', 'LandingPermitRequested', 'LandingPermitGranted', 'LandingPermitRefused', 'ReturnOperationExecuted',
  'ReturnOperationCancelled', 'PartnerMoratoriumDeclared', 'PartnerMoratoriumLifted',
  'ReturnDecisionsReported', 'ReturnsReported', 'ReadmissionStatisticsReported', 'QualitativeAssessmentRecorded',
];

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

interface Step {
  type: number;
  id: number;
  other: number;
  variant: number;
  day: number;
  /** 0..9: below 2 the step is a correction of an earlier event instead. */
  correction: number;
  shift: number;
}

/** Valid data for `type`, with ids from a small pool so that rules are hit both ways. */
function overridesFor(type: EventType, s: Step, occurredOn: string): Record<string, unknown> {
  const id = IDS[s.id % IDS.length];
  const other = IDS[s.other % IDS.length];
  const v = s.variant;
  const ids = { trackId: id, commitmentId: id, instrumentId: id, measureId: id, notificationId: id, requestId: id, operationId: id, moratoriumId: id };
  switch (type) {
    case 'DialogueCommitmentRecorded':
      return { commitmentId: id, trackId: other };
    case 'InstrumentNegotiationOpened':
      return { instrumentId: id, legallyBinding: v % 2 === 0 };
    case 'InstrumentSuspensionDeclared':
      return { instrumentId: id, effect: v % 2 === 0 ? 'declared-only' : 'observed-in-practice' };
    case 'InstrumentSuperseded':
      return { instrumentId: id, byInstrumentId: other };
    case 'VisaMeasureProposed':
      return [
        { measureId: id, legalBasis: '25a(5)(a)' },
        { measureId: id, legalBasis: '25a(5)(b)', provisions: ['16(2a)-higher'], fee: { amount: 135, currency: 'EUR' } },
        { measureId: id, legalBasis: '25a(8)', provisions: ['23(1)'] },
      ][v % 3] as Record<string, unknown>;
    case 'VisaMeasureApplicable':
      return { measureId: id, applicableFrom: occurredOn, plannedEnd: v % 2 === 0 ? undefined : addDays(occurredOn, 30 + v * 40) };
    case 'VisaMeasureRenewed':
      return { measureId: id, newEnd: addDays(occurredOn, 30 + v * 60) };
    case 'CommissionAssessmentReported':
      return { reportNo: 1 + (s.id % 3), dataPeriod: String(2022 + (v % 3)) };
    case 'IdentificationRequestSubmitted':
    case 'ReadmissionRequestSubmitted':
      return { requestId: id, instrumentId: v % 3 === 0 ? other : undefined };
    case 'IdentificationRequestAnswered':
      return { requestId: id, outcome: ['identified-national', 'not-national', 'inconclusive'][v % 3] };
    case 'ReadmissionRequestAnswered':
      return { requestId: id, outcome: ['accepted', 'rejected', 'partially-accepted'][v % 3] };
    case 'RequestDeadlineLapsed':
      return { requestId: id, deadline: addDays(occurredOn, -(v % 3) * 10), deemedAccepted: v % 2 === 0 };
    case 'EUTravelDocumentPresented':
      return v % 2 === 0 ? { requestId: id, accepted: v % 3 === 0 } : { requestId: undefined, operationId: id, accepted: true };
    case 'ReturnOperationCancelled':
      return { operationId: id, cause: ['partner-refusal', 'member-state-logistics', 'partner-moratorium'][v % 3] };
    case 'ReturnDecisionsReported':
    case 'ReturnsReported':
    case 'ReadmissionStatisticsReported':
    case 'QualitativeAssessmentRecorded':
      return { period: ['2023', '2024-Q1', '2025'][v % 3] };
    default: {
      // Every other type is keyed by the one id field its default data has.
      const keys = Object.keys(ids) as (keyof typeof ids)[];
      return Object.fromEntries(keys.filter((k) => k in DEFAULT_KEYS(type)).map((k) => [k, ids[k]]));
    }
  }
}

function DEFAULT_KEYS(type: EventType): Record<string, unknown> {
  return f(type, '2024-01-01').data;
}

const stepArb: fc.Arbitrary<Step> = fc.record({
  type: fc.nat(TYPES.length - 1),
  id: fc.nat(2),
  other: fc.nat(2),
  variant: fc.nat(5),
  day: fc.nat(900),
  correction: fc.nat(9),
  shift: fc.integer({ min: -40, max: 40 }),
});

/** Decides the steps one by one against the stream so far; refused steps append nothing. */
function runSteps(steps: readonly Step[], withCorrections: boolean): { events: StoredEvent[]; accepted: number; refused: number } {
  const events: StoredEvent[] = [];
  let refused = 0;
  let next = 1;
  for (const s of steps) {
    const occurredOn = addDays('2023-01-01', s.day);
    const facts = events.filter((e) => e.type !== 'EntryCorrected' && e.type !== 'EntryRetracted');
    try {
      let decided;
      if (withCorrections && s.correction < 2 && facts.length > 0) {
        const target = facts[(s.id * 7 + s.other * 3 + s.variant) % facts.length] as StoredEvent;
        const cmd =
          s.correction === 0
            ? command('EntryRetracted', occurredOn, { retractedEventId: target.eventId, reason: 'Recorded in error.' })
            : command('EntryCorrected', occurredOn, {
                correctedEventId: target.eventId,
                reason: 'Wrong date.',
                data: target.data,
                occurredOn: addDays(target.occurredOn, s.shift),
              });
        decided = decideCorrection('ET', events, cmd, TODAY);
      } else {
        const type = TYPES[s.type] as EventType;
        decided = decideFact(replayCountry('ET', events), command(type, occurredOn, overridesFor(type, s, occurredOn)), TODAY);
      }
      events.push(storedEvent({ ...decided, eventId: eventUuid(next++) }, events.length));
    } catch (err) {
      if (!isAppError(err)) throw err;
      refused++;
    }
  }
  return { events, accepted: events.length, refused };
}

t.test('property: folding evolveCountry event by event equals replayCountry', async (t) => {
  let accepted = 0;
  let refused = 0;
  fc.assert(
    fc.property(fc.array(stepArb, { minLength: 20, maxLength: 80 }), (steps) => {
      const run = runSteps(steps, false);
      accepted += run.accepted;
      refused += run.refused;
      let folded: CountryState = initialCountryState('ET');
      for (const e of run.events) folded = evolveCountry(folded, e);
      const inPlace = initialCountryState('ET');
      for (const e of run.events) evolveCountryInPlace(inPlace, e);
      const replayed = replayCountry('ET', run.events);
      assert.deepStrictEqual(folded, replayed);
      assert.deepStrictEqual(inPlace, replayed);
    }),
    { numRuns: 150, seed: 20240601 },
  );
  // The generator must exercise both sides of the rules, or the property says little.
  t.ok(accepted > 1000, `accepted facts: ${accepted}`);
  t.ok(refused > 1000, `refused commands: ${refused}`);
});

t.test('property: accepted corrections keep the effective history valid, and replay = fold over it', async (t) => {
  let corrections = 0;
  fc.assert(
    fc.property(fc.array(stepArb, { minLength: 20, maxLength: 60 }), (steps) => {
      const { events } = runSteps(steps, true);
      corrections += events.filter((e) => e.type === 'EntryCorrected' || e.type === 'EntryRetracted').length;
      const effective = effectiveHistory(events);
      assert.deepStrictEqual([...findInvalidFacts('ET', effective).entries()], []);
      let folded: CountryState = initialCountryState('ET');
      for (const e of effective) folded = evolveCountry(folded, e);
      assert.deepStrictEqual(replayCountry('ET', events), folded);
    }),
    { numRuns: 100, seed: 20240602 },
  );
  t.ok(corrections > 100, `accepted corrections: ${corrections}`);
});
