import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import t from 'tap';
import { nowCutoff, parseAsOf } from '../../../src/as-of/parse-as-of.js';
import { fmtNum } from '../../../src/reports/format.js';
import { csvField } from '../../../src/reports/render-csv.js';
import { esc } from '../../../src/reports/render-html.js';
import { renderJson } from '../../../src/reports/render-json.js';
import { canonicalJson } from '../../../src/store/canonical-json.js';
import type { AnnualReport } from '../../../src/reports/types.js';

t.test('asOf: a date is the end of that day (UTC); date-times normalised to UTC ms', async (t) => {
  t.equal(parseAsOf('2024-03-01'), '2024-03-01T23:59:59.999Z');
  t.equal(parseAsOf('2024-03-01T00:30:00+01:00'), '2024-02-29T23:30:00.000Z');
  t.equal(parseAsOf('2024-03-01T12:00Z'), '2024-03-01T12:00:00.000Z');
  for (const bad of ['2024-02-30', '2024-03-01T12:00:00', 'now', '2024-3-1']) t.throws(() => parseAsOf(bad), { code: 'BAD_REQUEST' }, bad);
  t.equal(nowCutoff(new Date('2024-01-01T00:00:00.000Z')), '2023-12-31T23:59:59.999Z');
});

t.test('canonical numbers', async (t) => {
  t.equal(fmtNum(15.412844036697248), '15.4128');
  t.equal(fmtNum(-0.00001), '0');
  t.equal(fmtNum(1e-7), '0');
  t.equal(fmtNum(40000), '40000');
  t.equal(fmtNum(null), '');
});

t.test('CSV fields round-trip through csv-parse (RFC 4180)', async (t) => {
  fc.assert(
    fc.property(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 6 }), (fields) => {
      const line = `${fields.map(csvField).join(',')}\r\n`;
      const [row] = parse(line, { relax_column_count: false }) as string[][];
      return JSON.stringify(row) === JSON.stringify(fields.length === 1 && fields[0] === '' ? [''] : fields);
    }),
  );
});

t.test('HTML escaping leaves no markup characters', async (t) => {
  fc.assert(fc.property(fc.string(), (s) => !/[<>"']/.test(esc(s)) && !/&(?!(amp|lt|gt|quot|#39);)/.test(esc(s))));
});

t.test('JSON rendering composed from its parts gives the bytes of indenting the canonical JSON of the whole', async (t) => {
  // Any JSON values stand in for manifest and body: keys that sort differently in RFC 8785 and in JS
  // (integer-like ones), strings with line breaks and quotes, empty objects and arrays, nesting.
  const json = fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);
  const record = fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('10', '9', '2', 'a\nb')), json, { maxKeys: 6 });
  fc.assert(
    fc.property(record, record, (manifest, body) => {
      const r = { manifest, report: body } as unknown as AnnualReport;
      const whole = `${JSON.stringify(JSON.parse(canonicalJson({ manifest, report: body })), null, 2)}\n`;
      return renderJson(r).toString('utf8') === whole && renderJson(r).toString('utf8') === whole; // the second call reuses the indented body
    }),
    { numRuns: 300 },
  );
});
