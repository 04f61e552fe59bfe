import t from 'tap';
import { canonicalBody } from '../../../src/reports/manifest.js';
import { MEMORY_PER_CANONICAL_BYTE, ReportCache, type BuiltReport } from '../../../src/reports/report-cache.js';
import type { AnnualReportBody } from '../../../src/reports/types.js';

const body = (title: string): BuiltReport => ({
  report: { title, year: 2024, referenceDate: '2024-12-31', disclaimer: 'x'.repeat(200), countries: [] } as AnnualReportBody,
  position: 1,
  modelVersion: 1,
});

t.test('bodies beyond the memory bound go least recently used first; a body too large for it is built but not kept', async (t) => {
  const one = canonicalBody(body('a').report).length * MEMORY_PER_CANONICAL_BYTE;
  const cache = new ReportCache(one * 2 + 10);
  let builds = 0;
  const build = (title: string) => async () => (builds++, body(title));
  await cache.get('a', build('a'));
  await cache.get('b', build('b'));
  t.equal((await cache.get('a', build('a'))).outcome, 'hit', 'a used again: b is now the oldest');
  await cache.get('c', build('c'));
  t.equal(cache.stats().entries, 2);
  t.equal((await cache.get('a', build('a'))).outcome, 'hit');
  t.equal((await cache.get('b', build('b'))).outcome, 'built', 'b was dropped');
  t.ok(cache.stats().bytes <= cache.maxBytes);

  const small = new ReportCache(10);
  const big = await small.get('a', build('a'));
  t.equal(big.built.report.title, 'a', 'still answered');
  t.equal(small.stats().entries, 0, 'not kept');
  t.equal(builds, 5);
});

t.test('a failed build is not kept: the next request builds again; fresh replaces a kept body', async (t) => {
  const cache = new ReportCache(1024 * 1024);
  await t.rejects(cache.get('k', async () => Promise.reject(new Error('read failed'))), { message: 'read failed' });
  t.equal(cache.stats().entries, 0);
  const first = await cache.get('k', async () => body('first'));
  t.equal(first.outcome, 'built');
  const renewed = await cache.get('k', async () => body('renewed'), { fresh: true });
  t.same([renewed.outcome, renewed.built.report.title], ['built', 'renewed']);
  t.equal((await cache.get('k', async () => body('unused'))).built.report.title, 'renewed');
  cache.delete('k');
  t.equal(cache.stats().entries, 0);
  t.same(cache.stats(), { entries: 0, bytes: 0, maxBytes: 1024 * 1024, hits: 1, shared: 0, builds: 2 });
});
