import t from 'tap';
import { freezeOf, freezePoint, frozenScorecard, type Closure } from '../../../projections/governance/freeze.js';
import { parseAsOf } from '../../../src/as-of/parse-as-of.js';
import type { Scorecard } from '../../../contracts/read-models.js';

const closure = (period: string, recordedAt: string, dataCutoff: string | null = null, eventId = `e-${period}`): Closure => ({
  period,
  eventId,
  closedOn: recordedAt.slice(0, 10),
  dataCutoff,
  recordedAt,
});

t.test('the freeze point is the earlier of the closure and the end of its data-cutoff day (UTC, as asOf reads a date)', async (t) => {
  t.equal(freezePoint(closure('2024', '2025-03-31T10:00:00.000Z')), '2025-03-31T10:00:00.000Z', 'no cutoff: the closure');
  t.equal(freezePoint(closure('2024', '2025-03-31T10:00:00.000Z', '2025-03-15')), parseAsOf('2025-03-15'), 'an earlier cutoff: the end of its day');
  t.equal(freezePoint(closure('2024', '2025-03-31T10:00:00.000Z', '2025-03-31')), '2025-03-31T10:00:00.000Z', 'the cutoff day still running: the closure');
  t.equal(freezePoint(closure('2024', '2025-03-31T10:00:00.000Z', '2025-04-01')), '2025-03-31T10:00:00.000Z', 'a cutoff of tomorrow (time zones ahead): the closure');
});

t.test('which closure freezes a year or a quarter, as known at asOf', async (t) => {
  const year = closure('2024', '2025-03-31T10:00:00.000Z', '2025-03-15');
  const q2 = closure('2024-Q2', '2024-07-20T08:00:00.000Z');
  const other = closure('2023', '2024-03-31T10:00:00.000Z');
  const all = [other, year, q2];
  t.same(freezeOf(all, 2024, null), {
    period: '2024',
    eventId: 'e-2024',
    closedOn: '2025-03-31',
    dataCutoff: '2025-03-15',
    closedAt: '2025-03-31T10:00:00.000Z',
    frozenAt: '2025-03-15T23:59:59.999Z',
  });
  t.equal(freezeOf(all, 2025, null), null, 'a year not closed');
  t.equal(freezeOf(all, 2024, 2)?.period, '2024-Q2', 'a closed quarter: its own, earlier, freeze point');
  t.equal(freezeOf(all, 2024, 3)?.period, '2024', 'a quarter of a closed year: the year');
  t.equal(freezeOf([q2], 2024, null), null, 'a closed quarter does not freeze its year');
  t.equal(freezeOf([q2, closure('2024', '2024-07-01T00:00:00.000Z')], 2024, 2)?.period, '2024', 'the earliest applicable freeze point wins');

  t.equal(freezeOf(all, 2024, null, '2025-03-31T09:59:59.999Z'), null, 'asOf before the closure was recorded: open, as asked');
  t.equal(freezeOf(all, 2024, null, '2025-03-31T10:00:00.000Z')?.frozenAt, '2025-03-15T23:59:59.999Z', 'asOf at the closure: frozen');
  t.equal(freezeOf(all, 2024, null, '2026-01-01T00:00:00.000Z')?.frozenAt, '2025-03-15T23:59:59.999Z', 'asOf later: the freeze point, never after asOf');
  t.equal(freezeOf(all, 2024, 3, '2025-01-01T00:00:00.000Z'), null, 'a quarter whose year was not yet closed at asOf');
  t.equal(freezeOf(all, 2024, 2, '2025-01-01T00:00:00.000Z')?.period, '2024-Q2', 'its own closure was');
});

t.test('a frozen scorecard is not provisional and names its freeze', async (t) => {
  const freeze = freezeOf([closure('2024', '2025-03-31T10:00:00.000Z', '2025-03-15')], 2024, null)!;
  const card = { provisional: true, score: 50 } as unknown as Scorecard;
  t.same(frozenScorecard(card, freeze), { provisional: false, score: 50, frozen: freeze });
  t.equal(card.provisional, true, 'the given scorecard is left as it was (it may be shared)');
});
