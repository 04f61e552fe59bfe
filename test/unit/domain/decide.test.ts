import t from 'tap';
import { decideFact, initialCountryState } from '../../../src/domain/index.js';
import { errorCatalogue } from '../../../src/errors/catalogue.js';
import { domainErrors } from '../../../src/errors/domain-codes.js';
import { command } from './spec.js';

t.test('decideFact returns the command as a fact, without changing it', async (t) => {
  const cmd = command('DialogueTrackOpened', '2023-01-10');
  const fact = decideFact(initialCountryState('ET'), cmd);
  t.same(fact, { type: 'DialogueTrackOpened', occurredOn: '2023-01-10', data: cmd.data });
  t.notOk('provenance' in fact, 'the envelope is the handler’s business');
});

t.test('decideFact does not decide corrections or governance facts', async (t) => {
  t.throws(() => decideFact(initialCountryState('ET'), command('EntryRetracted', '2024-01-01')), { code: 'BAD_REQUEST', message: /use decideCorrection/ });
  t.throws(() => decideFact(initialCountryState('ET'), command('PeriodClosed', '2024-01-01')), { code: 'BAD_REQUEST' });
  t.throws(() => decideFact(initialCountryState('ET'), { ...command('PeriodClosed', '2024-01-01'), type: 'NoSuchFact' }), { code: 'BAD_REQUEST' });
});

t.test('every domain refusal is a 409 in the one catalogue', async (t) => {
  for (const code of Object.keys(domainErrors) as (keyof typeof domainErrors)[]) {
    t.equal(errorCatalogue[code].status, 409, code);
  }
});
