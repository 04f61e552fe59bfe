import t from 'tap';
import fc from 'fast-check';
import { KeyFilter, LookupHash } from '../../../src/projection-runtime/lookup-hash.js';

t.test('every added key is among the candidates of its value, across growth; unknown values find nothing confirmed', (t) => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.uuid(), { minLength: 1, maxLength: 3000 }), (ids) => {
      const hash = new LookupHash(4); // tiny: forces many doublings
      ids.forEach((id, i) => hash.add(id, i + 1));
      ids.forEach((id, i) => {
        if (!hash.candidates(id).includes(i + 1)) throw new Error(`${id} lost its key ${i + 1}`);
      });
      // Candidates are only hints: confirmed against the rows, a value never added matches none.
      const confirmed = hash.candidates('not-an-event-id').filter((k) => ids[k - 1] === 'not-an-event-id');
      return confirmed.length === 0;
    }),
    { numRuns: 30 },
  );
  t.end();
});

t.test('the same row added twice is kept once; keys must be 31-bit integers', (t) => {
  const hash = new LookupHash(8);
  hash.add('a', 7);
  hash.add('a', 7);
  t.same(hash.candidates('a'), [7]);
  t.throws(() => hash.add('b', 2 ** 31), /31-bit/);
  t.throws(() => hash.add('b', 1.5), /31-bit/);
  t.end();
});

t.test('KeyFilter: every added key may be contained, across growth; most keys never added are known absent', (t) => {
  fc.assert(
    fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 30 }), { minLength: 1, maxLength: 3000 }), (keys) => {
      const filter = new KeyFilter(2); // tiny: forces many doublings
      for (const k of keys) filter.add(k);
      filter.add(keys[0]!); // adding twice is harmless
      for (const k of keys) if (!filter.mayContain(k)) throw new Error(`${k} was added but is reported absent`);
      return true;
    }),
    { numRuns: 30 },
  );
  const filter = new KeyFilter();
  for (let i = 0; i < 10_000; i++) filter.add(`ET|request|ET-RR-${i}`);
  let falsePositives = 0;
  for (let i = 10_000; i < 20_000; i++) if (filter.mayContain(`ET|request|ET-RR-${i}`)) falsePositives++;
  // 32-bit hashes: a collision among 10,000 keys is rare; the point is that absent keys skip SQLite.
  t.ok(falsePositives < 10, `false positives ${falsePositives}`);
  t.end();
});
