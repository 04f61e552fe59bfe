import t from 'tap';
import { GENESIS_HASH, type StoredEvent } from '../../../contracts/envelope.js';
import { ChainVerifier } from '../../../src/audit/chain-verifier.js';
import { computeEventHash } from '../../../src/store/hash-chain.js';

function chain(streamId: string, n: number, startPosition: number, step = 1): StoredEvent[] {
  const out: StoredEvent[] = [];
  let prev = GENESIS_HASH;
  for (let i = 0; i < n; i++) {
    const e = {
      eventId: `00000000-0000-4000-8000-${String(startPosition + i * step).padStart(12, '0')}`,
      type: 'DialogueSessionHeld',
      schemaVersion: 1,
      streamId,
      streamRevision: i,
      position: startPosition + i * step,
      country: 'ET',
      occurredOn: '2020-01-01',
      recordedAt: '2024-01-01T00:00:00.000Z',
      recordedBy: 'desk',
      provenance: { sourceKind: 'nl-desk' as const, reference: 'r', evidenceStatus: 'confirmed' as const },
      data: { i },
      prevHash: prev,
      hash: '',
    };
    e.hash = computeEventHash(e);
    prev = e.hash;
    out.push(e);
  }
  return out;
}

function interleave(a: StoredEvent[], b: StoredEvent[]): StoredEvent[] {
  return [...a, ...b].sort((x, y) => x.position - y.position);
}

t.test('intact interleaved streams', async (t) => {
  const v = new ChainVerifier();
  for (const e of interleave(chain('a', 5, 1, 2), chain('b', 4, 2, 2))) v.add(e);
  const r = v.report();
  t.equal(r.ok, true);
  t.equal(r.eventsChecked, 9);
  t.same(r.streams.map((s) => [s.streamId, s.eventsChecked, s.lastRevision]), [['a', 5, 4], ['b', 4, 3]]);
});

t.test('altered content, relinked hash, revision gap: each named, other stream unaffected', async (t) => {
  const cases: [string, (a: StoredEvent[]) => StoredEvent[], RegExp, number][] = [
    ['altered data', (a) => a.map((e, i) => (i === 2 ? { ...e, data: { i: 99 } } : e)), /altered/, 2],
    ['rehashed alone', (a) => a.map((e, i) => (i === 2 ? { ...e, data: { i: 99 }, hash: computeEventHash({ ...e, data: { i: 99 } }) } : e)), /prevHash/, 3],
    ['deleted row', (a) => a.filter((_, i) => i !== 1), /revision gap/, 2],
    ['first not genesis', (a) => a.map((e, i) => (i === 0 ? { ...e, prevHash: 'f'.repeat(64) } : e)), /genesis/, 0],
  ];
  for (const [name, tamper, reason, revision] of cases) {
    const v = new ChainVerifier();
    for (const e of interleave(tamper(chain('a', 5, 1, 2)), chain('b', 4, 2, 2))) v.add(e);
    const r = v.report();
    t.equal(r.ok, false, name);
    const a = r.streams.find((s) => s.streamId === 'a')!;
    t.equal(a.broken?.streamRevision, revision, `${name}: revision`);
    t.match(a.broken?.reason, reason, `${name}: reason`);
    t.equal(r.streams.find((s) => s.streamId === 'b')!.ok, true, `${name}: other stream ok`);
  }
});
