import t from 'tap';
import type { StoredEvent } from '../../../contracts/index.js';
import { decideClosePeriod } from '../../../src/domain/index.js';
import { periodEnd } from '../../../src/domain/dates.js';

const closedEvent = (period: string, occurredOn: string) => ({ eventId: 'e1', type: 'PeriodClosed', occurredOn, data: { period } }) as unknown as StoredEvent;

t.test('period ends', async (t) => {
  t.equal(periodEnd('2023'), '2023-12-31');
  t.equal(periodEnd('2024-Q1'), '2024-03-31');
  t.equal(periodEnd('2024-Q2'), '2024-06-30');
  t.equal(periodEnd('2024-Q4'), '2024-12-31');
});

t.test('a period can be closed once it has ended (UTC), dated today', async (t) => {
  t.same(decideClosePeriod([], { period: '2023' }, '2024-01-01'), { occurredOn: '2024-01-01', data: { period: '2023' } });
  t.throws(() => decideClosePeriod([], { period: '2023' }, '2023-12-31'), { code: 'PERIOD_NOT_ENDED', message: /Period 2023 ends on 2023-12-31; it can be closed from the next day on \(today is 2023-12-31 UTC\)/ });
  t.throws(() => decideClosePeriod([], { period: '2099' }, '2026-12-07'), { code: 'PERIOD_NOT_ENDED' });
  t.throws(() => decideClosePeriod([], { period: '2026' }, '2026-06-01'), { code: 'PERIOD_NOT_ENDED' }, 'the current year');
  t.throws(() => decideClosePeriod([], { period: '2024-Q2' }, '2024-06-30'), { code: 'PERIOD_NOT_ENDED' });
  t.equal(decideClosePeriod([], { period: '2024-Q2' }, '2024-07-01').data['period'], '2024-Q2');
});

t.test('a period is closed once', async (t) => {
  t.throws(() => decideClosePeriod([closedEvent('2023', '2024-03-31')], { period: '2023' }, '2024-05-01'), { code: 'LIFECYCLE_CONFLICT', message: /already closed on 2024-03-31/ });
  t.equal(decideClosePeriod([closedEvent('2022', '2023-03-31')], { period: '2023' }, '2024-05-01').data['period'], '2023');
});

t.test('the data cutoff falls after the end of the period and not in the future', async (t) => {
  const today = '2024-05-01';
  t.same(decideClosePeriod([], { period: '2023', dataCutoff: '2024-03-15', note: 'Eurostat extraction' }, today), {
    occurredOn: today,
    data: { period: '2023', dataCutoff: '2024-03-15', note: 'Eurostat extraction' },
  });
  t.equal(decideClosePeriod([], { period: '2023', dataCutoff: '2024-01-01' }, today).data['dataCutoff'], '2024-01-01', 'the first day after the period');
  t.equal(decideClosePeriod([], { period: '2023', dataCutoff: '2024-05-02' }, today).data['dataCutoff'], '2024-05-02', 'tomorrow (UTC) is today east of UTC');
  t.throws(() => decideClosePeriod([], { period: '2023', dataCutoff: '2023-12-31' }, today), { code: 'PERIOD_CUTOFF_INVALID', message: /must fall after the end of period 2023 \(2023-12-31\)/ });
  t.throws(() => decideClosePeriod([], { period: '2019', dataCutoff: '2010-01-01' }, today), { code: 'PERIOD_CUTOFF_INVALID' });
  t.throws(() => decideClosePeriod([], { period: '2023', dataCutoff: '2024-05-03' }, today), { code: 'PERIOD_CUTOFF_INVALID', message: /2024-05-03 is in the future/ });
  t.throws(() => decideClosePeriod([], { period: '2023', dataCutoff: '9999-12-31' }, today), { code: 'PERIOD_CUTOFF_INVALID' });
});
