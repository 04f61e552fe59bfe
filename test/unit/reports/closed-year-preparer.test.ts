import t from 'tap';
import type { StoredEvent } from '../../../contracts/index.js';
import { latestClosedYear } from '../../../projections/governance/freeze.js';
import { ClosedYearPreparer } from '../../../src/reports/closed-year-preparer.js';
import type { EventStore } from '../../../src/store/port.js';

/** The two things the preparer asks of a store: the closures, and word of new commits. */
function fakeStore() {
  const closures: StoredEvent[] = [];
  const listeners = new Set<(position: number) => void>();
  const store = {
    readStream: async () => [...closures],
    onCommit: (listener: (position: number) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as EventStore;
  return {
    store,
    listeners,
    close(period: string, recordedAt: string, dataCutoff?: string) {
      const position = closures.length + 1;
      closures.push({ eventId: `e${position}`, position, occurredOn: recordedAt.slice(0, 10), recordedAt, data: { period, ...(dataCutoff ? { dataCutoff } : {}) } } as unknown as StoredEvent);
      for (const l of listeners) l(position);
    },
    commit() {
      for (const l of listeners) l(99);
    },
  };
}

function logger() {
  const lines: { level: string; msg: string }[] = [];
  return { lines, info: (_o: object, msg: string) => lines.push({ level: 'info', msg }), warn: (_o: object, msg: string) => lines.push({ level: 'warn', msg }) };
}

t.test('latestClosedYear: the latest year closed as a whole; quarters do not count', async (t) => {
  const c = (period: string) => ({ period, eventId: period, closedOn: '2026-01-01', dataCutoff: null, recordedAt: '2026-01-01T00:00:00.000Z' });
  t.equal(latestClosedYear([]), null);
  t.equal(latestClosedYear([c('2025-Q4')]), null);
  t.equal(latestClosedYear([c('2023'), c('2025-Q1'), c('2024'), c('2022')]), 2024);
});

t.test('prepares the latest closed year at start, again only when a closure changes it', async (t) => {
  const s = fakeStore();
  s.close('2023', '2024-04-01T09:00:00.000Z');
  const log = logger();
  const asked: number[] = [];
  const p = new ClosedYearPreparer({ store: s.store, log, settleMs: 5, prepare: async (year) => void asked.push(year) });
  p.start();
  await p.idle();
  t.same(asked, [2023], 'at start');
  s.commit();
  s.commit();
  await p.idle();
  t.same(asked, [2023], 'commits that close nothing prepare nothing');
  s.close('2024-Q4', '2025-01-20T09:00:00.000Z');
  await p.idle();
  t.same(asked, [2023], 'a closed quarter is not a closed year');
  s.close('2024', '2025-04-01T09:00:00.000Z', '2025-03-15');
  await p.idle();
  t.same(asked, [2023, 2024], 'a later year closed');
  s.close('2022', '2025-05-01T09:00:00.000Z');
  await p.idle();
  t.same(asked, [2023, 2024], 'closing an earlier year leaves the latest as it was');
  t.equal(log.lines.filter((l) => l.level === 'info').length, 2, 'each preparation is logged');
  t.match(log.lines[1]!.msg, /^Closed year 2024: its annual report and frozen answers are prepared \(\d+\.\d s\)$/);
  await p.stop();
  s.close('2025', '2026-04-01T09:00:00.000Z');
  await p.idle();
  t.same(asked, [2023, 2024], 'nothing after stop');
  t.equal(s.listeners.size, 0, 'it no longer follows commits');
});

t.test('a failed preparation is logged once and not retried until the next closure', async (t) => {
  const s = fakeStore();
  s.close('2023', '2024-04-01T09:00:00.000Z');
  const log = logger();
  let calls = 0;
  const p = new ClosedYearPreparer({
    store: s.store,
    log,
    settleMs: 5,
    prepare: async () => {
      calls++;
      throw new Error('disk full');
    },
  });
  p.start();
  await p.idle();
  s.commit();
  await p.idle();
  t.equal(calls, 1, 'not retried on every commit');
  t.same(log.lines.map((l) => l.level), ['warn']);
  t.match(log.lines[0]!.msg, /Closed year 2023 could not be prepared in the background; its first request builds what it needs/);
  s.close('2024', '2025-04-01T09:00:00.000Z');
  await p.idle();
  t.equal(calls, 2, 'tried again for the next closure');
  await p.stop();
});

t.test('stop ends a running preparation and waits for it, without a warning', async (t) => {
  const s = fakeStore();
  s.close('2023', '2024-04-01T09:00:00.000Z');
  const log = logger();
  let started!: () => void;
  const running = new Promise<void>((r) => (started = r));
  const p = new ClosedYearPreparer({
    store: s.store,
    log,
    settleMs: 5,
    prepare: (_year, signal) =>
      new Promise<void>((_resolve, reject) => {
        started();
        signal.addEventListener('abort', () => reject(signal.reason));
      }),
  });
  p.start();
  await running;
  await p.stop();
  t.same(log.lines, [], 'an aborted preparation is neither a success nor a failure');
});
