import { readFileSync } from 'node:fs';
import t from 'tap';
import { domainErrors } from '../../src/errors/domain-codes.js';
import { serviceErrors } from '../../src/errors/catalogue.js';

// A client reads the codes it may get in the README (service codes, with their status) and in
// src/errors/domain-codes.ts (the domain's 409s, which the README points to).
t.test('every code of the error catalogue is documented, with its status', async (t) => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const table = readme.slice(readme.indexOf('| status | codes |'));
  for (const [code, { status }] of Object.entries(serviceErrors)) {
    const row = table.split('\n').find((line) => line.includes(`\`${code}\``));
    t.ok(row, `${code} is in the README's table of errors`);
    t.match(row ?? '', new RegExp(`^\\| [^|]*\\b${status}\\b`), `${code} stands in the row of ${status}`);
  }
  for (const [code, e] of Object.entries(domainErrors)) t.equal(e.status, 409, `${code}: a domain refusal is a 409, as the README says`);
});
