import t from 'tap';
import { parseAsOf } from '../../../src/as-of/parse-as-of.js';
import { AppError } from '../../../src/errors/catalogue.js';

t.test('parseAsOf: every accepted asOf gives a UTC instant with a four-digit year; the rest is a 400', async (t) => {
  t.equal(parseAsOf('2024-03-01'), '2024-03-01T23:59:59.999Z');
  t.equal(parseAsOf('2024-03-01T10:00:00+01:00'), '2024-03-01T09:00:00.000Z');
  // The extremes of the range with the largest offsets still convert to a year the answers can name.
  t.equal(parseAsOf('2100-12-31T23:59:59.999-23:59'), '2101-01-01T23:58:59.999Z');
  t.equal(parseAsOf('1900-01-01T00:00:00+23:59'), '1899-12-31T00:01:00.000Z');
  for (const bad of ['0001-01-01', '0099-06-01', '0000-01-01T00:00:00Z', '9999-12-31T23:00:00-05:00', '2024-01-01T10:00:00+25:00', '2024-02-30', 'yesterday']) {
    let error: unknown;
    try {
      parseAsOf(bad);
    } catch (e) {
      error = e;
    }
    t.ok(error instanceof AppError && error.code === 'BAD_REQUEST' && error.message.startsWith('asOf: '), `${bad}: ${String(error)}`);
  }
});
