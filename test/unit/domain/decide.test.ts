import t from 'tap';
import type { EventType } from '../../../contracts/index.js';
import { decideFact, initialCountryState, isCountryFactType } from '../../../src/domain/index.js';
import { errorCatalogue } from '../../../src/errors/catalogue.js';
import { domainErrors } from '../../../src/errors/domain-codes.js';
import { command, DEFAULT_DATA, TODAY } from './spec.js';

t.test('decideFact returns the command as a fact, without changing it', async (t) => {
  const cmd = command('DialogueTrackOpened', '2023-01-10');
  const fact = decideFact(initialCountryState('ET'), cmd, TODAY);
  t.same(fact, { type: 'DialogueTrackOpened', occurredOn: '2023-01-10', data: cmd.data });
  t.notOk('provenance' in fact, 'the envelope is the handler’s business');
});

t.test('decideFact does not decide corrections or governance facts', async (t) => {
  t.throws(() => decideFact(initialCountryState('ET'), command('EntryRetracted', '2024-01-01'), TODAY), { code: 'BAD_REQUEST', message: /use decideCorrection/ });
  t.throws(() => decideFact(initialCountryState('ET'), command('PeriodClosed', '2024-01-01'), TODAY), { code: 'BAD_REQUEST' });
  t.throws(() => decideFact(initialCountryState('ET'), { ...command('PeriodClosed', '2024-01-01'), type: 'NoSuchFact' }, TODAY), { code: 'BAD_REQUEST' });
});

t.test('every domain refusal is a 409 in the one catalogue', async (t) => {
  for (const code of Object.keys(domainErrors) as (keyof typeof domainErrors)[]) {
    t.equal(errorCatalogue[code].status, 409, code);
  }
});

t.test('no fact of any family may be dated after today (UTC), the next day allowed for time zones ahead', async (t) => {
  const today = '2024-03-10';
  const types = (Object.keys(DEFAULT_DATA) as EventType[]).filter(isCountryFactType);
  t.ok(types.length > 30, 'every country fact type');
  for (const type of types) {
    t.throws(() => decideFact(initialCountryState('ET'), command(type, '2024-03-12'), today), { code: 'FACT_DATED_IN_FUTURE', message: new RegExp(`^${type} is dated 2024-03-12, after today \\(2024-03-10 UTC; at most 2024-03-11`) }, type);
  }
  t.throws(() => decideFact(initialCountryState('ET'), command('DialogueTrackOpened', '9999-12-31'), today), { code: 'FACT_DATED_IN_FUTURE' });
  t.same(decideFact(initialCountryState('ET'), command('DialogueTrackOpened', '2024-03-11'), today).occurredOn, '2024-03-11', 'tomorrow (UTC) is today east of UTC');
  t.same(decideFact(initialCountryState('ET'), command('DialogueTrackOpened', '2024-03-10'), today).occurredOn, '2024-03-10');
  // Dates elsewhere in the data are the rules' business (a planned date may lie ahead).
  const planned = command('ReturnOperationPlanned', '2024-03-10', { plannedDate: '2024-06-01' });
  t.equal(decideFact(initialCountryState('ET'), planned, today).type, 'ReturnOperationPlanned');
});
