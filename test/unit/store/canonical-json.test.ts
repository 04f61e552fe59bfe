import canonicalize from 'canonicalize';
import fc from 'fast-check';
import t from 'tap';
import { canonicalCopy, canonicalJson, canonicallyOrdered } from '../../../src/store/canonical-json.js';

// The `canonicalize` package (RFC 8785's reference for JavaScript) is the oracle: canonicalJson must give its bytes.
const reference = (value: unknown): string | undefined => canonicalize(value);

/** The package's bytes, or the error it throws. */
function referenceOrError(value: unknown): string | undefined | Error {
  try {
    return reference(value);
  } catch (e) {
    return e as Error;
  }
}

/** Keys a JavaScript object orders its own way (array indices), or sets its prototype with (__proto__), beside plain ones. */
const key = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('0', '1', '2', '10', '2023', '4294967294', '4294967295', '01', '-1', '1.5', '__proto__', 'a', 'B', 'é', '😀', ''),
);
const leaf = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(-0),
  fc.constant(undefined),
  fc.date({ noInvalidDate: true }),
);
const { value: jsonish } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 5 }),
  object: fc.dictionary(key, tie('value'), { maxKeys: 6, noNullPrototype: true }),
}));

t.test('gives the bytes of the canonicalize package for any JSON value', async (t) => {
  fc.assert(
    fc.property(jsonish, (value) => {
      const expected = referenceOrError(value);
      try {
        return canonicalJson(value) === expected;
      } catch (e) {
        // Refused by both: NaN, Infinity, lone surrogates, or nothing JSON can say (undefined).
        return expected instanceof Error || (expected === undefined && /no JSON representation/.test((e as Error).message));
      }
    }),
    { numRuns: 3000 },
  );
  t.pass('3000 generated values');
});

t.test('a value put in canonical order once serialises as the package does, as it is', async (t) => {
  fc.assert(
    fc.property(jsonish, (value) => {
      const expected = referenceOrError(value);
      if (typeof expected !== 'string' || typeof value !== 'object' || value === null) return true;
      const ordered = canonicallyOrdered(value);
      const copy = canonicalCopy(ordered);
      // Remembered: no second copy is made of it, and its plain serialisation is the canonical one.
      if (copy.keyOrderIsCanonical && (copy.value !== ordered || JSON.stringify(ordered) !== expected)) return false;
      return canonicalJson(ordered) === expected;
    }),
    { numRuns: 2000 },
  );
  const withIndex = canonicallyOrdered({ b: 1, 10: 2 });
  t.not(canonicalCopy(withIndex).value, withIndex, 'one with an array-index key is copied again');
  t.equal(canonicalJson(withIndex), '{"10":2,"b":1}');
});

t.test('values parsed from JSON text, with the keys JavaScript reorders', async (t) => {
  const text = '{"b":1,"10":2,"2":3,"a":{"__proto__":{"x":1},"0":[1,{"z":0,"y":-0}]},"é":"\\u00e9","😀":1e21,"A":1.5e-7}';
  const value = JSON.parse(text) as unknown;
  t.equal(canonicalJson(value), reference(value));
  t.equal(canonicalCopy(value).keyOrderIsCanonical, false, 'array-index keys are reported');
  t.equal(canonicalCopy({ a: { b: [{ c: 1 }] } }).keyOrderIsCanonical, true);
  t.equal(canonicalJson({ b: 1, a: undefined, c: [undefined, 2] }), '{"b":1,"c":[null,2]}');
  t.equal(canonicalJson(new Date('2024-01-02T03:04:05Z')), '"2024-01-02T03:04:05.000Z"', 'toJSON is honoured');
});

t.test('refuses what JSON cannot carry faithfully, as the package does', async (t) => {
  for (const bad of [{ a: Number.NaN }, { a: [Infinity] }, { a: -Infinity }, { a: 'x\ud800' }, { ['\udc00']: 1 }]) {
    t.throws(() => reference(bad));
    t.throws(() => canonicalJson(bad), `refuses ${JSON.stringify(Object.keys(bad))}`);
  }
  t.throws(() => canonicalJson(undefined), /no JSON representation/);
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic['self'] = { back: cyclic };
  t.throws(() => canonicalJson(cyclic), /Circular/);
  const shared = { x: 1 };
  t.equal(canonicalJson({ a: shared, b: [shared] }), '{"a":{"x":1},"b":[{"x":1}]}', 'a value met twice is not a cycle');
});
