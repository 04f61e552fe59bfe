import t from 'tap';
import { effectiveStatistics } from '../../../src/imports/eurostat/index.js';

const ids = {
  a: '00000000-0000-4000-8000-00000000000a',
  b: '00000000-0000-4000-8000-00000000000b',
  c1: '00000000-0000-4000-8000-0000000000c1',
  c2: '00000000-0000-4000-8000-0000000000c2',
  r: '00000000-0000-4000-8000-00000000000f',
};
const decisions = (count: number, period = '2023') => ({ period, reportingScope: 'EU27_2020', count, dataset: 'migr_eiord' });
const fact = (eventId: string, data: Record<string, unknown>, occurredOn = '2023-12-31') => ({ eventId, type: 'ReturnDecisionsReported', occurredOn, data });
const corrected = (eventId: string, target: string, data: Record<string, unknown>, occurredOn?: string) => ({
  eventId,
  type: 'EntryCorrected',
  occurredOn: '2024-07-01',
  data: { correctedEventId: target, reason: 'revision', data, ...(occurredOn ? { occurredOn } : {}) },
});
const retracted = (eventId: string, target: string) => ({ eventId, type: 'EntryRetracted', occurredOn: '2024-07-01', data: { retractedEventId: target, reason: 'error' } });
const KEY = 'ReturnDecisionsReported|migr_eiord|2023|EU27_2020';

t.test('an original fact is indexed by its key', async (t) => {
  const index = effectiveStatistics([fact(ids.a, decisions(1395))]);
  t.same(index.get(KEY), { eventId: ids.a, type: 'ReturnDecisionsReported', occurredOn: '2023-12-31', data: decisions(1395) });
});

t.test('corrections replace the data and keep the original id (also through a correction of a correction)', async (t) => {
  const index = effectiveStatistics([
    fact(ids.a, decisions(1395)),
    corrected(ids.c1, ids.a, decisions(1400), '2024-07-01'),
    corrected(ids.c2, ids.c1, decisions(1410), '2024-08-01'),
  ]);
  t.same(index.get(KEY), { eventId: ids.a, type: 'ReturnDecisionsReported', occurredOn: '2024-08-01', data: decisions(1410) });
  const latestWithoutDate = effectiveStatistics([fact(ids.a, decisions(1395)), corrected(ids.c1, ids.a, decisions(1400), '2024-07-01'), corrected(ids.c2, ids.a, decisions(1410))]);
  t.equal(latestWithoutDate.get(KEY)?.occurredOn, '2023-12-31', "as the domain's effective history: the latest correction decides occurredOn");
});

t.test('a correction that moves the fact to another period moves its key', async (t) => {
  const index = effectiveStatistics([fact(ids.a, decisions(1395)), corrected(ids.c1, ids.a, decisions(1395, '2022'))]);
  t.equal(index.get(KEY), undefined);
  t.equal(index.get('ReturnDecisionsReported|migr_eiord|2022|EU27_2020')?.eventId, ids.a);
});

t.test('a retracted fact is gone; a retracted correction is undone', async (t) => {
  t.equal(effectiveStatistics([fact(ids.a, decisions(1395)), retracted(ids.r, ids.a)]).size, 0);
  const undone = effectiveStatistics([fact(ids.a, decisions(1395)), corrected(ids.c1, ids.a, decisions(1400)), retracted(ids.r, ids.c1)]);
  t.same(undone.get(KEY)?.data, decisions(1395));
});

t.test('other facts and corrections of other facts are ignored; a later duplicate wins', async (t) => {
  const index = effectiveStatistics([
    { eventId: ids.r, type: 'DialogueTrackOpened', occurredOn: '2023-01-01', data: {} },
    corrected(ids.c1, ids.r, { title: 'x' }),
    fact(ids.a, decisions(1395)),
    fact(ids.b, decisions(1500)),
  ]);
  t.equal(index.size, 1);
  t.equal(index.get(KEY)?.eventId, ids.b);
});
