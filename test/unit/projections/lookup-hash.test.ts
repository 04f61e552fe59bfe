import t from 'tap';
import fc from 'fast-check';
import { LookupHash } from '../../../src/projection-runtime/lookup-hash.js';

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
