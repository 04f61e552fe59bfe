import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import t from 'tap';
import { demoCountries, demoFacts } from '../../../scripts/demo-data/facts.js';
import {
  DECISION_STATE_VERSION,
  decodeEntity,
  effectiveHistory,
  encodeCountryState,
  isCorrectionType,
  replayCountry,
  replayCountryFrom,
  replayCountryInSteps,
  initialCountryState,
  type CountryState,
  type EncodedCountryState,
} from '../../../src/domain/index.js';
import { historyOp, materialise } from '../../helpers/country-histories.js';
import { storedStream, type FactInput } from './spec.js';

const stream = (country: string, facts: readonly { eventId: string; type: string; occurredOn: string; data: Record<string, unknown> }[]) => storedStream(facts as FactInput[], country);

/** What a decision can see of a state: a missing key and an undefined one read alike, and key order does not count (compare with t.same or isDeepStrictEqual). */
const plain = (s: CountryState | undefined) => (s === undefined ? undefined : (JSON.parse(JSON.stringify(encodeCountryState(s))) as unknown));
/** Through JSON and back, one entity at a time, as the kept snapshot files are read. */
const roundTrip = (s: CountryState) => {
  const { maps } = JSON.parse(JSON.stringify(encodeCountryState(s))) as EncodedCountryState;
  const back = initialCountryState(s.country);
  for (const [map, entries] of Object.entries(maps)) for (const [key, record] of entries) if (!decodeEntity(back, map, key, record)) throw new Error(`${map} ${key} refused`);
  return back;
};

const demoStreams = demoCountries.map((c) =>
  stream(
    c,
    demoFacts.filter((f) => f.country === c).map((f, i) => ({ eventId: `demo-${c}-${i}`, type: f.body.type, occurredOn: f.body.occurredOn, data: f.body.data })),
  ),
);

t.test('a decoded snapshot advanced by the rest of the stream equals a replay of the whole stream', async (t) => {
  for (const events of demoStreams) {
    const country = events[0]!.country!;
    const whole = replayCountry(country, events);
    for (const cut of [0, 1, Math.floor(events.length / 2), events.length - 1, events.length]) {
      const advanced = replayCountryFrom(roundTrip(replayCountry(country, events.slice(0, cut))), events.slice(cut));
      t.same(plain(advanced), plain(whole), `${country}, snapshot after ${cut} of ${events.length} events`);
    }
  }
});

t.test('property: for any history and any cut, the snapshot path equals the replay, or declines when a later correction reaches back', async (t) => {
  let declined = 0;
  let advanced = 0;
  fc.assert(
    fc.property(fc.array(historyOp, { minLength: 1, maxLength: 40 }), fc.nat(), (ops, at) => {
      const events = stream('ET', materialise(ops).filter((e) => e.country === 'ET'));
      const cut = at % (events.length + 1);
      const before = events.slice(0, cut);
      const after = events.slice(cut);
      const reachesBack = after.some((e) => isCorrectionType(e.type) && before.some((b) => b.eventId === (e.data['correctedEventId'] ?? e.data['retractedEventId'])));
      const result = replayCountryFrom(roundTrip(replayCountry('ET', before)), after);
      if (reachesBack) {
        declined++;
        return result === undefined;
      }
      advanced++;
      return isDeepStrictEqual(plain(result), plain(replayCountry('ET', events)));
    }),
    { numRuns: 300 },
  );
  t.ok(declined > 10 && advanced > 10, `both paths exercised (${advanced} advanced, ${declined} declined)`);
});

t.test('replayCountryInSteps pauses after every n events of the fold and ends with the fold of the whole stream', async (t) => {
  for (const events of demoStreams) {
    const country = events[0]!.country!;
    const folded = effectiveHistory(events).length;
    for (const n of [1, 7, folded, folded + 1]) {
      const steps = replayCountryInSteps(country, events, n);
      let pauses = 0;
      let step = steps.next();
      for (; !step.done; step = steps.next()) pauses++;
      t.equal(pauses, Math.floor(folded / n), `${country}: ${folded} events, a pause every ${n}`);
      t.same(plain(step.value), plain(replayCountry(country, events)));
    }
  }
});

t.test('decodeEntity refuses what is not an entity of a state, and adds nothing then', async (t) => {
  const state = initialCountryState('ET');
  for (const [map, key] of [['country', 'x'], ['__proto__', 'x'], ['toString', 'x'], ['nope', 'x'], [1, 'x'], ['requests', 1], ['requests', null]] as const) {
    t.equal(decodeEntity(state, map, key, {}), false, `${String(map)} / ${String(key)}`);
  }
  t.same(plain(state), plain(initialCountryState('ET')), 'nothing added');
  t.equal(decodeEntity(state, 'requests', 'R1', { requestId: 'R1' }), true);
  t.same(state.requests.get('R1'), { requestId: 'R1' });
});

// Kept snapshots are trusted only while the fold that made them is unchanged. If this fails:
// you changed how a stream folds (evolve/, state.ts, effective-history.ts): bump
// DECISION_STATE_VERSION and record the new fingerprint. If only the demo data changed, record it.
const FINGERPRINT = { version: 1, sha256: '4bc6d85baaf4457b0041e942240d2d78c0c399bc0f519dbcb48a8b7d3998c5aa' };

t.test('the fold of the demo history is the one DECISION_STATE_VERSION names', async (t) => {
  const hash = createHash('sha256');
  for (const events of demoStreams) hash.update(JSON.stringify(encodeCountryState(replayCountry(events[0]!.country!, events))));
  t.same({ version: DECISION_STATE_VERSION, sha256: hash.digest('hex') }, FINGERPRINT);
});
