import fc from 'fast-check';
import { DateTime } from 'luxon';
import t from 'tap';
import { Count, Days, FactDate, FIRST_YEAR, IsoDate, isCalendarDate, LAST_YEAR, Period, ReportingYear, wholeNumberParam } from '../../../contracts/common.js';
import { familyCommandBody } from '../../../contracts/commands.js';
import { eventDefinition } from '../../../contracts/events/index.js';
import { AsOfParam } from '../../../contracts/reports.js';
import { ScorecardQuery, TimelineQuery } from '../../../contracts/read-models.js';
import { normalisePeriod } from '../../../src/imports/eurostat/period.js';

const firstMessage = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues[0]?.message;

t.test('isCalendarDate agrees with the proleptic Gregorian calendar in every year 0000-9999 (Date.UTC maps 0-99 to 1900+)', async (t) => {
  for (const d of ['0000-02-29', '0001-01-01', '0050-06-01', '0099-12-31', '0400-02-29', '2024-02-29']) t.ok(isCalendarDate(d), d);
  for (const d of ['0001-02-29', '0100-02-29', '1900-02-29', '2023-02-29', '2024-02-30', '2024-13-01', '2024-00-10', '2024-04-31', '0000-00-00', '9999-99-99']) t.notOk(isCalendarDate(d), d);
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
      const text = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
      return isCalendarDate(text) === DateTime.fromObject({ year: y, month: m, day: d }, { zone: 'utc' }).isValid;
    }),
    { numRuns: 5000 },
  );
  t.equal(IsoDate.safeParse('0050-06-01').success, true, 'an early year is a real date, not "Not a real calendar date"');
});

t.test('a date in another format gets one message; a fact date may not fall before the first reporting year', async (t) => {
  for (const bad of ['12/03/2019', '2019-03-12T10:00:00+03:00', '2019-3-12']) {
    t.same(IsoDate.safeParse(bad).error?.issues.map((i) => i.message), ['Expected a date as YYYY-MM-DD'], bad);
  }
  for (const typo of ['0206-11-12', '0000-01-01', '1899-12-31']) {
    t.same(FactDate.safeParse(typo).error?.issues.map((i) => i.message), [`Expected a date from ${FIRST_YEAR}-01-01 on (check the year)`], typo);
  }
  for (const ok of ['1900-01-01', '2026-11-12', '9999-12-31']) t.ok(FactDate.safeParse(ok).success, `${ok} (a later date is the domain's FACT_DATED_IN_FUTURE)`);
});

t.test('a missing field is named as missing, not as a value of the wrong type', async (t) => {
  const body = familyCommandBody('dialogues');
  const issues = body.safeParse({ type: 'DialogueSessionHeld', occurredOn: '2026-11-12', data: { trackId: 'T1' } }).error?.issues ?? [];
  t.same(
    issues.map((i) => [i.path.join('.'), i.message]),
    [
      ['data.outcomeSummary', 'Required field is missing'],
      ['provenance', 'Required field is missing'],
    ],
  );
  t.equal(firstMessage(body.safeParse({ type: 'DialogueSessionHeld', occurredOn: 20261112 })), 'Invalid input: expected string, received number', 'a wrong type is still named as such');
});

t.test('bounded whole numbers in fact data name their range first, whatever the value', async (t) => {
  const assessment = eventDefinition('CommissionAssessmentReported')!.data;
  const rating = eventDefinition('QualitativeAssessmentRecorded')!.data;
  const base = { dataPeriod: '2023', finding: 'insufficient', documentRef: 'COM(2024) 1' };
  for (const reportNo of [1e20, -1, 0, 2.5, 101]) {
    t.equal(firstMessage(assessment.safeParse({ ...base, reportNo })), 'reportNo is a whole number from 1 to 100 (the number of the Commission report)', String(reportNo));
  }
  for (const value of [1e20, -1, 2.5, 5]) {
    t.match(firstMessage(rating.safeParse({ period: '2023', indicator: 'd-i', rating: value, rationale: 'x', assessor: 'y' })), /^rating is a whole number from 0 to 4/, String(value));
  }
});

t.test('one year range: every year a scorecard or report route accepts is a Period its answer can name', async (t) => {
  t.equal(FIRST_YEAR, 1900);
  t.equal(LAST_YEAR, 2100);
  for (const year of [FIRST_YEAR, 2019, LAST_YEAR]) {
    t.equal(ReportingYear.parse(String(year)), year);
    t.ok(Period.safeParse(String(year)).success, `${year}`);
    for (const q of [1, 2, 3, 4]) t.ok(Period.safeParse(`${year}-Q${q}`).success, `${year}-Q${q}`);
  }
  for (const year of [FIRST_YEAR - 1, LAST_YEAR + 1]) {
    t.equal(firstMessage(ReportingYear.safeParse(String(year))), `year must be a whole number from ${FIRST_YEAR} to ${LAST_YEAR}`);
    t.notOk(Period.safeParse(String(year)).success, `${year}`);
  }
  t.equal(normalisePeriod('2100'), '2100', 'Eurostat periods follow the same range');
  t.equal(normalisePeriod('2100q1'), '2100-Q1');
  t.equal(normalisePeriod('2101'), undefined);
});

t.test('asOf: a real date or an RFC 3339 date-time (offsets up to 23:59) in the reporting years', async (t) => {
  for (const ok of ['2024-03-01', '1900-01-01', '2100-12-31', '2024-01-01T10:00:00+23:59', '2024-01-01T10:00-05:00', '2024-01-01T10:00:00.123456789Z']) {
    t.ok(AsOfParam.safeParse(ok).success, ok);
  }
  const refused: Record<string, RegExp> = {
    '0001-01-01': /from 1900 to 2100/,
    '0099-06-01': /from 1900 to 2100/,
    '0000-01-01T00:00:00Z': /from 1900 to 2100/,
    '2101-01-01': /from 1900 to 2100/,
    '2024-02-30': /Not a real calendar date/,
    '2024-01-01T10:00:00+25:00': /at most 23:59/,
    '2024-01-01T10:00:00+12:60': /at most 23:59/,
    '2024-01-01T24:00:00Z': /RFC 3339/,
    '2024-01-01T10:60:00Z': /RFC 3339/,
    '2024-01-01T10:00:60Z': /RFC 3339/,
    '2024-01-01T10:00:00 01:00': /^The offset arrived with a space for its \+: in a URL write \+ as %2B/,
  };
  for (const [value, message] of Object.entries(refused)) t.match(firstMessage(AsOfParam.safeParse(value)), message, value);
});

t.test('whole-number parameters say what is wrong: given twice, empty, not a number, out of range', async (t) => {
  const limit = wholeNumberParam('limit', 1, 500);
  t.equal(limit.parse('42'), 42);
  t.equal(firstMessage(limit.safeParse(['1', '2'])), 'limit given more than once');
  for (const bad of ['', 'abc', '0', '501', '-1', '1.5', '1e3', '0x10', ' 5', '99999999999999999999']) {
    t.equal(firstMessage(limit.safeParse(bad)), 'limit must be a whole number from 1 to 500', JSON.stringify(bad));
  }
  t.same(TimelineQuery.parse({}), { limit: 100 }, 'the default still applies');
  t.equal(firstMessage(TimelineQuery.safeParse({ limit: ['1', '2'] })), 'limit given more than once');
  t.equal(firstMessage(TimelineQuery.safeParse({ minPosition: '' })), 'minPosition must be a whole number from 0 to 9007199254740991', 'an empty minPosition is not 0');
  t.equal(firstMessage(ScorecardQuery.safeParse({ quarter: '5' })), 'quarter must be a whole number from 1 to 4');
  t.match(firstMessage(TimelineQuery.safeParse({ family: 'foo' })), /^family must be one of dialogues, instruments, visa-measures, requests, return-operations, statistics, corrections$/);
  t.equal(TimelineQuery.parse({ family: 'visa-measures' }).family, 'visa-measures');
});

t.test('a count too large for the model is refused as too large, with the maximum, not as "not a whole number"', async (t) => {
  for (const big of [1e308, 9007199254740993, 100_000_001]) t.equal(firstMessage(Count.safeParse(big)), 'A count is at most 100,000,000', String(big));
  t.equal(firstMessage(Count.safeParse(1.5)), 'Expected a whole number');
  t.equal(firstMessage(Count.safeParse(-1)), 'Counts cannot be negative');
  t.equal(Count.parse(100_000_000), 100_000_000);
  t.equal(firstMessage(Days.safeParse(1e308)), 'At most 3650 days');
});
