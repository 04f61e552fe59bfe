import t from 'tap';
import { addDeadline } from '../../../projections/country-state/dates.js';
import { EVIDENCE_LIMIT, ReadSide } from '../../../src/projection-runtime/read-side.js';
import { appendTo, projectedStore } from './helpers.js';

/**
 * The bounded reads (scorecard evidence, profile requests) say the same as reading everything:
 * a bounded scorecard lists the first EVIDENCE_LIMIT ids of the full list with its exact length,
 * and the profile's open/overdue counts and pages match the open requests one by one.
 */

const TODAY = '2023-06-30';

async function setup(t: { teardown: (fn: () => unknown) => void }) {
  const { store, db, runner } = projectedStore(t, 'bounded');
  const readSide = new ReadSide(db, runner, { countries: ['ET'], today: () => TODAY });
  return { store, runner, readSide };
}

const day = (i: number) => addDeadline('2023-01-01', i * 5, 'calendar');

t.test('bounded scorecard evidence and paged open requests agree with the full reads', async (t) => {
  const { store, runner, readSide } = await setup(t);
  await appendTo(store, 'ET', 'InstrumentTermsRecorded', '2022-12-01', {
    instrumentId: 'I0',
    replyDeadline: { days: 30, dayKind: 'calendar' },
    acceptsEUTravelDocument: 'case-by-case',
    acceptsCharter: 'yes',
    silenceMeansConsent: false,
    coversTCN: false,
  });
  const answers: string[] = [];
  for (let i = 0; i < 34; i++) {
    const id = `R${String(i).padStart(2, '0')}`;
    // Three requests a day: pages of four split the days, so the cursor must order requests of one date.
    const on = day(i - (i % 3));
    await appendTo(store, 'ET', 'ReadmissionRequestSubmitted', on, {
      requestId: id,
      caseRef: 'ab'.repeat(8),
      requestingState: 'NL',
      procedure: 'normal',
      personCategory: 'own-national',
      ...(i % 2 === 0 ? { instrumentId: 'I0' } : {}),
    });
    if (i % 3 === 0) {
      const r = await appendTo(store, 'ET', 'ReadmissionRequestAnswered', on, { requestId: id, outcome: i % 2 ? 'accepted' : 'rejected' });
      answers.push(r.events[0]!.eventId);
    }
  }
  for (let i = 0; i < 25; i++) await appendTo(store, 'ET', 'EUTravelDocumentPresented', day(i), { requestId: 'R00', accepted: i % 4 !== 0 });
  await runner.start();

  const check = async (label: string) => {
    await runner.waitForPosition(await store.headPosition(), 5000);
    for (const quarter of [null, 1, 2] as const) {
      const full = readSide.scorecard('ET', 2023, quarter, undefined, { evidence: 'full' });
      const bounded = readSide.scorecard('ET', 2023, quarter);
      t.equal(bounded.score, full.score, `${label} q${quarter}: same score`);
      for (const [k, f] of full.indicators.entries()) {
        const b = bounded.indicators[k]!;
        t.same(b.evidence, f.evidence.slice(0, EVIDENCE_LIMIT), `${label} q${quarter} ${f.code}: the first ids of the full list`);
        t.equal(b.evidenceCount, f.evidence.length, `${label} q${quarter} ${f.code}: count of the full list`);
        t.equal(b.evidenceTruncated, f.evidence.length > EVIDENCE_LIMIT);
        t.equal(f.evidenceCount, f.evidence.length);
        t.same({ ...b, evidence: [], evidenceCount: 0, evidenceTruncated: false }, { ...f, evidence: [], evidenceCount: 0, evidenceTruncated: false });
      }
      if (quarter === null) t.ok(bounded.indicators.some((i) => i.evidenceTruncated), `${label}: some list is long enough to be cut`);
    }

    // Profile: walk every page; the counts must match the listed requests.
    const model = readSide.model();
    const seen: { requestId: string; submittedOn: string | null; deadline: string; overdue: boolean; instrumentId: string | null }[] = [];
    let cursor: string | undefined;
    let first: ReturnType<ReadSide['profile']> | undefined;
    do {
      const p = readSide.profile('ET', undefined, { requestsLimit: 4, requestsCursor: cursor });
      first ??= p;
      t.ok(p.requests.openRequests.length <= 4);
      seen.push(...p.requests.openRequests);
      cursor = p.requests.nextCursor ?? undefined;
    } while (cursor);
    t.equal(new Set(seen.map((r) => r.requestId)).size, seen.length, `${label}: no request listed twice`);
    t.equal(first!.requests.open, seen.length, `${label}: open count = requests listed over all pages`);
    t.equal(first!.requests.overdue, seen.filter((r) => r.overdue).length, `${label}: overdue count = overdue requests listed`);
    const sorted = [...seen].sort((a, b) => (a.submittedOn! < b.submittedOn! ? 1 : a.submittedOn! > b.submittedOn! ? -1 : 0));
    t.same(seen.map((r) => r.submittedOn), sorted.map((r) => r.submittedOn), `${label}: most recent first`);
    for (const r of seen) {
      const expected = addDeadline(r.submittedOn!, r.instrumentId ? 30 : model.defaultReplyDeadlineDays, 'calendar');
      t.equal(r.deadline, expected, `${label} ${r.requestId}: instrument deadline or the model default`);
      t.equal(r.overdue, expected < TODAY);
    }
    t.ok(seen.some((r) => r.overdue) && seen.some((r) => !r.overdue), `${label}: both overdue and not yet due requests`);
    return first!;
  };

  const before = await check('initial');
  t.equal(before.requests.open, 34 - 12);
  // A retracted answer reopens its request; counts and evidence follow.
  await appendTo(store, 'ET', 'EntryRetracted', '2023-06-01', { retractedEventId: answers[1]!, reason: 'recorded in error' });
  const after = await check('after a retraction');
  t.equal(after.requests.open, before.requests.open + 1);
  t.throws(() => readSide.profile('ET', undefined, { requestsCursor: 'not-a-cursor' }), { code: 'BAD_REQUEST' });
});

t.test('a recorded lapse makes its open request overdue, with the lapsed deadline, in the list and the count', async (t) => {
  const { store, runner, readSide } = await setup(t);
  const request = (requestId: string) => ({ requestId, caseRef: 'cd'.repeat(8), requestingState: 'NL', procedure: 'normal', personCategory: 'own-national' });
  // Both submitted ten days before TODAY: the model's default deadline is weeks away.
  await appendTo(store, 'ET', 'ReadmissionRequestSubmitted', '2023-06-20', request('R-LAPSED'));
  await appendTo(store, 'ET', 'ReadmissionRequestSubmitted', '2023-06-20', request('R-WAITING'));
  await appendTo(store, 'ET', 'RequestDeadlineLapsed', '2023-06-25', { requestId: 'R-LAPSED', deadline: '2023-06-24', deemedAccepted: false });
  await runner.start();
  await runner.waitForPosition(await store.headPosition(), 5000);
  const { requests } = readSide.profile('ET');
  t.equal(requests.open, 2);
  t.equal(requests.overdue, 1, 'the count agrees with the list');
  t.match(requests.openRequests.find((r) => r.requestId === 'R-LAPSED'), { deadline: '2023-06-24', overdue: true, lapse: { deadline: '2023-06-24', deemedAccepted: false } });
  t.match(requests.openRequests.find((r) => r.requestId === 'R-WAITING'), { overdue: false, lapse: null });
});
