import fc from 'fast-check';
import t from 'tap';
import { planPartitions } from '../../../src/projection-runtime/partition-plan.js';

t.test('balanced groups of whole countries', async (t) => {
  const counts = new Map([['ET', 90], ['SO', 50], ['TN', 40], ['DZ', 30], ['TR', 10]]);
  t.same(planPartitions(counts, 2), [['DZ', 'ET'], ['SO', 'TN', 'TR']], 'loads 120 and 100');
  t.same(planPartitions(counts, 1), [['DZ', 'ET', 'SO', 'TN', 'TR']]);
  t.same(planPartitions(counts, 9), [['ET'], ['SO'], ['TN'], ['DZ'], ['TR']], 'never more groups than countries');
  t.same(planPartitions(new Map(), 4), [], 'no countries, no groups');
});

t.test('property: every country in exactly one group, and no group heavier than an even share plus one country', async (t) => {
  const countsArb = fc.dictionary(fc.stringMatching(/^[A-Z]{2}$/), fc.nat(1_000_000), { minKeys: 0, maxKeys: 30 });
  fc.assert(
    fc.property(countsArb, fc.integer({ min: 1, max: 8 }), (dict, groups) => {
      const counts = new Map(Object.entries(dict));
      const plan = planPartitions(counts, groups);
      const all = plan.flat();
      if (all.length !== counts.size || new Set(all).size !== counts.size) return false;
      if (plan.length > Math.min(groups, counts.size) || plan.some((g) => g.length === 0)) return false;
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      const biggest = Math.max(0, ...counts.values());
      const load = (g: string[]) => g.reduce((a, c) => a + counts.get(c)!, 0);
      return plan.every((g) => load(g) <= total / plan.length + biggest);
    }),
  );
});
