import t from 'tap';
import { buildAnnualReport, renderReport } from '../../../src/reports/index.js';
import { generatedStore } from '../../unit/as-of/history.js';

t.test('the report cites at most 20 evidence events per indicator with the full count; evidence=full cites every one', async (t) => {
  const countries = ['ET', 'SO'];
  const h = await generatedStore({ events: 3000, countries, years: 3, seed: 3 });
  t.teardown(() => h.close());
  const asOf = h.recordedAt[h.recordedAt.length - 1]!;
  const year = Number(asOf.slice(0, 4)) - 1;
  const bounded = await buildAnnualReport(h.store, { year, countries, asOf });
  const full = await buildAnnualReport(h.store, { year, countries, asOf, evidence: 'full' });
  t.equal(bounded.manifest.evidence, 'bounded', 'bounded is the default');
  t.equal(full.manifest.evidence, 'full');
  t.not(bounded.manifest.contentHash, full.manifest.contentHash);
  let truncated = 0;
  for (const [i, c] of bounded.report.countries.entries()) {
    const fc = full.report.countries[i]!;
    for (const [k, ind] of c.scorecard.indicators.entries()) {
      const fi = fc.scorecard.indicators[k]!;
      t.equal(ind.evidenceCount, fi.evidenceCount, `${c.country} ${ind.code}: same count`);
      t.equal(fi.evidence.length, fi.evidenceCount, 'full lists every id');
      t.ok(ind.evidence.length <= 20, 'bounded lists at most 20');
      t.same(ind.evidence, fi.evidence.slice(0, ind.evidence.length), 'the first ones');
      t.equal(ind.numerator, fi.numerator, 'the figures do not depend on the listing');
      if (ind.evidenceTruncated) truncated++;
    }
    const cited = new Set(c.evidence.map((e) => e.eventId));
    for (const ind of c.scorecard.indicators) for (const id of ind.evidence) t.ok(cited.has(id), 'every cited id is in the evidence section');
  }
  t.ok(truncated > 0, `some indicator had more than 20 evidence events (${truncated})`);
  t.match(renderReport(bounded, 'md').toString('utf8'), /\(first 20 cited\)/, 'the Markdown says how many are cited');
  t.match(renderReport(bounded, 'md').toString('utf8'), /evidence=full cites every one/);
});
