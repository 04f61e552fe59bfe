import { createHash, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import t from 'tap';
import { GENESIS_HASH, type StoredEvent } from '../../../contracts/envelope.js';
import { canonicalJson } from '../../../src/store/canonical-json.js';
import { computeEventHash, hashedEnvelope, verifyChain } from '../../../src/store/hash-chain.js';

function chain(streamId: string, n: number, startPosition = 1): StoredEvent[] {
  const out: StoredEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (let r = 0; r < n; r++) {
    const base = {
      eventId: randomUUID(),
      type: 'DialogueTrackOpened',
      schemaVersion: 1,
      streamId,
      streamRevision: r,
      position: startPosition + r,
      country: 'ET',
      occurredOn: '2024-01-02',
      recordedAt: `2024-01-02T10:00:0${r % 10}.000Z`,
      recordedBy: 'desk-et',
      provenance: { sourceKind: 'nl-desk' as const, reference: `memo ${r}`, evidenceStatus: 'confirmed' as const },
      data: { trackId: `T-${r}`, parties: ['NL', 'ET'] },
      prevHash,
    };
    const event: StoredEvent = { ...base, hash: computeEventHash(base) };
    out.push(event);
    prevHash = event.hash;
  }
  return out;
}

t.test('the hash is sha256(prevHash + RFC 8785 JSON of the envelope without hash and position)', async (t) => {
  const event = {
    eventId: '6f1c1b0e-7d0a-4a47-9d1e-5d3f0c2b9a11',
    type: 'DialogueTrackOpened',
    schemaVersion: 1,
    streamId: 'country-ET',
    streamRevision: 0,
    country: 'ET',
    occurredOn: '2024-01-02',
    recordedAt: '2024-01-02T10:00:00.000Z',
    recordedBy: 'desk-et',
    provenance: { sourceKind: 'nl-desk' as const, reference: 'memo', evidenceStatus: 'confirmed' as const },
    correlationId: 'c-1',
    data: { z: 1, a: [true, null, 'é'] },
    prevHash: GENESIS_HASH,
  };
  // Written out by hand: keys sorted, no whitespace, no position, no hash, causationId absent.
  const expectedJson =
    '{"correlationId":"c-1","country":"ET","data":{"a":[true,null,"é"],"z":1},"eventId":"6f1c1b0e-7d0a-4a47-9d1e-5d3f0c2b9a11",' +
    '"occurredOn":"2024-01-02","prevHash":"' + GENESIS_HASH + '",' +
    '"provenance":{"evidenceStatus":"confirmed","reference":"memo","sourceKind":"nl-desk"},' +
    '"recordedAt":"2024-01-02T10:00:00.000Z","recordedBy":"desk-et","schemaVersion":1,"streamId":"country-ET","streamRevision":0,' +
    '"type":"DialogueTrackOpened"}';
  t.equal(canonicalJson(hashedEnvelope(event)), expectedJson);
  const expected = createHash('sha256').update(GENESIS_HASH + expectedJson, 'utf8').digest('hex');
  t.equal(computeEventHash(event), expected);
  t.equal(computeEventHash({ ...event, position: 99, hash: 'x' } as never), expected, 'position and hash are not hashed');
  t.equal(computeEventHash({ ...event, extra: 'ignored' } as never), expected, 'unknown properties are not hashed');
  t.not(computeEventHash({ ...event, causationId: 'k' }), expected, 'causationId is hashed when present');
});

t.test('any change to a hashed field changes the hash', async (t) => {
  const [event] = chain('country-ET', 1);
  const base = event!;
  const fields = ['eventId', 'type', 'streamId', 'country', 'occurredOn', 'recordedAt', 'recordedBy', 'prevHash'] as const;
  fc.assert(
    fc.property(fc.constantFrom(...fields), fc.string({ minLength: 1 }), (field, suffix) => {
      const changed = { ...base, [field]: `${String(base[field])}${suffix}` };
      return computeEventHash(changed) !== base.hash;
    }),
    { numRuns: 300 },
  );
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      const changed = { ...base, data: { ...base.data, probe: value } };
      return computeEventHash(changed) !== base.hash;
    }),
    { numRuns: 300 },
  );
  t.pass('fast-check found no change that keeps the hash');
});

t.test('key order does not matter', async (t) => {
  fc.assert(
    fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (data) => {
      const [event] = chain('s', 1);
      const reversed = Object.fromEntries(Object.entries(data).reverse());
      return computeEventHash({ ...event!, data }) === computeEventHash({ ...event!, data: reversed });
    }),
    { numRuns: 200 },
  );
  t.pass('fast-check found no key order that changes the hash');
});

t.test('verifyChain accepts intact chains, interleaved or one stream after another', async (t) => {
  const a = chain('country-ET', 5);
  const b = chain('country-SO', 3);
  t.same(verifyChain([...a, ...b]), { ok: true, eventsChecked: 8, streamsChecked: 2 });
  const interleaved = [a[0]!, b[0]!, a[1]!, b[1]!, b[2]!, a[2]!, a[3]!, a[4]!];
  t.same(verifyChain(interleaved), { ok: true, eventsChecked: 8, streamsChecked: 2 });
  t.same(verifyChain([]), { ok: true, eventsChecked: 0, streamsChecked: 0 });
});

t.test('verifyChain names the first broken link', async (t) => {
  const a = chain('country-ET', 5);

  const altered = [...a];
  altered[2] = { ...a[2]!, data: { trackId: 'changed' } };
  t.match(verifyChain(altered), { ok: false, streamId: 'country-ET', streamRevision: 2, eventId: a[2]!.eventId, reason: /altered/ });

  const relinked = [...a];
  relinked[3] = { ...a[3]!, prevHash: GENESIS_HASH };
  t.match(verifyChain(relinked), { ok: false, streamRevision: 3, reason: /prevHash/, expected: a[2]!.hash, actual: GENESIS_HASH });

  t.match(verifyChain([a[0]!, a[1]!, a[3]!]), { ok: false, streamRevision: 3, reason: /revision gap/, expected: '2', actual: '3' });
  t.match(verifyChain(a.slice(1)), { ok: false, streamRevision: 1, reason: /does not start at revision 0/ });

  const badGenesis = { ...a[0]!, prevHash: 'a'.repeat(64) };
  t.match(verifyChain([{ ...badGenesis, hash: computeEventHash(badGenesis) }]), { ok: false, streamRevision: 0, reason: /genesis/ });

  // Two breaks: the earlier one (in input order) is reported.
  const twice = [...a];
  twice[1] = { ...a[1]!, recordedBy: 'someone else' };
  twice[4] = { ...a[4]!, recordedBy: 'someone else' };
  t.match(verifyChain(twice), { ok: false, streamRevision: 1 });
});
