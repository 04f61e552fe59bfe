import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import t from 'tap';
import type { CountryCommand, StoredEvent } from '../../../contracts/index.js';
import {
  checkFact,
  decideCorrectionInSteps,
  effectiveHistory,
  encodeCountryState,
  evolveCountryInPlace,
  findInvalidFacts,
  initialCountryState,
  isCountryFactType,
  replayCountry,
  runToEnd,
  type CountryState,
  type NewFact,
} from '../../../src/domain/index.js';
import { isAppError } from '../../../src/errors/catalogue.js';
import { historyOp, materialise, type HistoryOp } from '../../helpers/country-histories.js';
import { storedStream, TODAY, type FactInput } from './spec.js';

const stream = (events: readonly { eventId: string; type: string; occurredOn: string; data: Record<string, unknown> }[]) => storedStream(events as FactInput[], 'ET');

/**
 * The rule as first written, as the oracle: fold the whole history before and after the correction
 * from the start; refused when a fact that was valid before is invalid after.
 */
function breaksHistory(before: readonly StoredEvent[], after: readonly StoredEvent[]): boolean {
  const invalid = findInvalidFacts('ET', effectiveHistory(before));
  const state = initialCountryState('ET');
  for (const e of effectiveHistory(after)) {
    if (isCountryFactType(e.type) && !invalid.has(e.eventId)) {
      try {
        checkFact(state, e as NewFact);
      } catch (err) {
        if (isAppError(err)) return true;
        throw err;
      }
    }
    evolveCountryInPlace(state, e);
  }
  return false;
}

// Requests submitted first, so that later answers, documents and transfers are valid and a
// correction or retraction of one of them can break what follows; the last step is a correction.
const submissions: HistoryOp[] = [
  ...['R0', 'R1', 'R2', 'R3'].map((requestId, i) => ({
    c: 'ET',
    on: '2021-01-10',
    type: i % 2 ? 'IdentificationRequestSubmitted' : 'ReadmissionRequestSubmitted',
    data: i % 2 ? { requestId, caseRef: 'cd'.repeat(8), requestingState: 'NL', channel: 'RCMS' } : { requestId, caseRef: 'ab'.repeat(8), requestingState: 'NL', procedure: 'normal', personCategory: 'own-national' },
  })),
  { c: 'ET', on: '2021-01-12', type: 'ReadmissionRequestAnswered', data: { requestId: 'R0', outcome: 'accepted' } },
  { c: 'ET', on: '2021-01-13', type: 'TravelDocumentIssued', data: { requestId: 'R0', documentType: 'passport' } },
];
const lastStep: fc.Arbitrary<HistoryOp> = fc.oneof(
  fc.record({ retract: fc.nat() }),
  fc.record({ retract: fc.integer({ min: 0, max: 5 }) }), // one of the first facts, mostly
  fc.record({ correct: fc.integer({ min: 0, max: 5 }), count: fc.nat(300), on: fc.constant(null) }),
  fc.record({ correct: fc.nat(), count: fc.nat(300), on: fc.constant(null) }),
);

const plain = (s: ReturnType<typeof replayCountry>) => JSON.parse(JSON.stringify(encodeCountryState(s))) as unknown;

t.test('property: the correction decision folds the shared prefix once and decides as two whole folds do; its state is the replay with the correction', async (t) => {
  const outcomes = { accepted: 0, broke: 0 };
  fc.assert(
    fc.property(fc.array(historyOp, { maxLength: 40 }), lastStep, fc.integer({ min: 1, max: 50 }), (ops, step, eventsPerStep) => {
      const events = stream(materialise([...submissions, ...ops, step]).filter((e) => e.country === 'ET'));
      const last = events.at(-1);
      if (!last || (last.type !== 'EntryCorrected' && last.type !== 'EntryRetracted')) return true;
      const history = events.slice(0, -1);
      const command = { type: last.type, occurredOn: last.occurredOn, data: last.data, provenance: last.provenance } as CountryCommand;
      let decided: { fact: NewFact; state: CountryState } | undefined;
      try {
        decided = runToEnd(decideCorrectionInSteps('ET', history, command, eventsPerStep, TODAY));
      } catch (e) {
        if (!isAppError(e)) throw e;
        if (e.code !== 'CORRECTION_BREAKS_HISTORY') return true; // refused before the history check (e.g. an identity field)
        outcomes.broke++;
        return breaksHistory(history, events);
      }
      outcomes.accepted++;
      if (breaksHistory(history, events)) return false;
      const stored = stream([...history, { ...last, data: decided.fact.data }]);
      return isDeepStrictEqual(plain(decided.state), plain(replayCountry('ET', stored)));
    }),
    { numRuns: 400 },
  );
  t.ok(outcomes.accepted > 20 && outcomes.broke > 5, `both outcomes exercised (${outcomes.accepted} accepted, ${outcomes.broke} refused as breaking the history)`);
});
