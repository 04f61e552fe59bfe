import fc from 'fast-check';
import t from 'tap';
import { dateOf, settledCutoff, type CutoffLookups } from '../../../src/as-of/parse-as-of.js';

const DAY = 86_400_000;
const START = Date.parse('2026-03-01T00:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A log by its events' recordedAt (position = index + 1). The cutoff of an instant is the highest
 * position whose running maximum of recordedAt is at or before it, as the stores compute it (the
 * same as the raw times when they never go back).
 */
function logOf(times: number[]): CutoffLookups & { at(ms: number): number } {
  const runningMax: number[] = [];
  for (const t of times) runningMax.push(Math.max(t, runningMax[runningMax.length - 1] ?? -Infinity));
  const at = (ms: number) => {
    let p = 0;
    while (p < runningMax.length && runningMax[p]! <= ms) p++;
    return p;
  };
  return {
    at,
    positionAt: async (instant) => at(Date.parse(instant)),
    recordedAtOf: async (position) => iso(times[position - 1]!),
  };
}

/** Offsets from START over a few days, a few landing in the same millisecond. */
const offsets = fc.array(fc.oneof(fc.integer({ min: 0, max: 4 * DAY }), fc.constantFrom(0, DAY, DAY + 1, 2 * DAY - 1)), { maxLength: 40 });

t.test('the settled cutoff of "now" has the same position and day, is not later, and is the same for every instant from it to now', async (t) => {
  await fc.assert(
    fc.asyncProperty(offsets, fc.boolean(), fc.integer({ min: 0, max: 5 * DAY }), fc.double({ min: 0, max: 1, noNaN: true }), async (raw, ordered, nowOffset, between) => {
      // Ordered: one store's clock never goes back. Unordered: instances whose clocks disagree.
      const times = (ordered ? [...raw].sort((a, b) => a - b) : raw).map((o) => START + o);
      const log = logOf(times);
      const now = START + nowOffset;
      const position = log.at(now);
      const cutoff = await settledCutoff(iso(now), position, log);
      const c = Date.parse(cutoff);
      t.equal(log.at(c), position, 'same events');
      t.equal(dateOf(cutoff), dateOf(iso(now)), 'same day');
      t.ok(c <= now, 'not after now');
      if (ordered) {
        // Any later "now" of the same answer (nothing recorded in between, same day) settles on the same instant.
        const later = c + Math.floor((now - c) * between);
        t.equal(await settledCutoff(iso(later), log.at(later), log), cutoff, 'stable');
        const dayStart = Date.parse(`${dateOf(cutoff)}T00:00:00.000Z`);
        t.equal(c, Math.max(dayStart, position === 0 ? dayStart : times[position - 1]!), 'the later of the day\'s start and the last fact');
      }
    }),
    { numRuns: 300 },
  );
});

t.test('examples', async (t) => {
  const log = logOf([Date.parse('2026-03-01T10:00:00.000Z'), Date.parse('2026-03-02T09:30:00.000Z')]);
  const settle = (now: string) => settledCutoff(now, log.at(Date.parse(now)), log);
  t.equal(await settle('2026-03-01T09:00:00.000Z'), '2026-03-01T00:00:00.000Z', 'an empty log: the day\'s start');
  t.equal(await settle('2026-03-01T18:00:00.000Z'), '2026-03-01T10:00:00.000Z', 'a fact recorded today: its time');
  t.equal(await settle('2026-03-02T08:00:00.000Z'), '2026-03-02T00:00:00.000Z', 'nothing recorded today: the day\'s start');
  t.equal(await settle('2026-03-02T09:30:00.000Z'), '2026-03-02T09:30:00.000Z');
  const skewed = logOf([Date.parse('2026-03-02T10:00:00.000Z'), Date.parse('2026-03-02T09:00:00.000Z')]);
  t.equal(await settledCutoff('2026-03-02T11:00:00.000Z', 2, skewed), '2026-03-02T11:00:00.000Z', 'the last fact is stamped before an earlier one: now itself');
});
