import t from 'tap';
import { replayCountry } from '../../../src/domain/index.js';
import { command as cmd, fact as f, spec, storedStream } from './spec.js';

const planned = f('ReturnOperationPlanned', '2024-03-01');
const requested = f('LandingPermitRequested', '2024-03-05');
const granted = f('LandingPermitGranted', '2024-03-10');
const refused = f('LandingPermitRefused', '2024-03-10');
const executed = f('ReturnOperationExecuted', '2024-05-01');
const cancelled = f('ReturnOperationCancelled', '2024-04-01');

t.test('planned with a unique id', async (t) => {
  spec(t).given([]).when(cmd('ReturnOperationPlanned', '2024-03-01')).thenAccepts();
  spec(t).given([planned]).when(cmd('ReturnOperationPlanned', '2024-03-02')).thenThrows('OPERATION_EXISTS', /O1 is already recorded \(now Planned\)/);
  spec(t).given([]).when(cmd('LandingPermitRequested', '2024-03-05')).thenThrows('OPERATION_UNKNOWN');
});

t.test('landing permit: requested from Planned, granted or refused when awaited', async (t) => {
  spec(t).given([planned]).when(cmd('LandingPermitRequested', '2024-03-05')).thenAccepts();
  spec(t).given([planned, requested]).when(cmd('LandingPermitRequested', '2024-03-06')).thenThrows('OPERATION_STATE_CONFLICT', /is AwaitingPermit/);
  spec(t).given([planned, requested]).when(cmd('LandingPermitGranted', '2024-03-10')).thenAccepts();
  spec(t).given([planned, requested]).when(cmd('LandingPermitRefused', '2024-03-10')).thenAccepts();
  spec(t).given([planned]).when(cmd('LandingPermitGranted', '2024-03-10')).thenThrows('OPERATION_STATE_CONFLICT', /is Planned/);
  spec(t).given([planned]).when(cmd('LandingPermitRefused', '2024-03-10')).thenThrows('OPERATION_STATE_CONFLICT');
  spec(t).given([planned, requested, granted]).when(cmd('LandingPermitRefused', '2024-03-11')).thenThrows('OPERATION_STATE_CONFLICT', /is Confirmed/);
});

t.test('a refused permit cancels the operation, attributable to the partner', async (t) => {
  const state = replayCountry('ET', storedStream([planned, requested, refused]));
  t.match(state.operations.get('O1'), { status: 'Cancelled', cancelled: { on: '2024-03-10', cause: 'no-landing-permit', partnerAttributable: true } });
  const own = replayCountry('ET', storedStream([planned, f('ReturnOperationCancelled', '2024-04-01', { cause: 'member-state-logistics' })]));
  t.match(own.operations.get('O1'), { cancelled: { partnerAttributable: false } });
  const partner = replayCountry('ET', storedStream([planned, f('ReturnOperationCancelled', '2024-04-01', { cause: 'partner-refusal' })]));
  t.match(partner.operations.get('O1'), { cancelled: { partnerAttributable: true } });
});

t.test('executed from Planned or Confirmed', async (t) => {
  spec(t).given([planned]).when(cmd('ReturnOperationExecuted', '2024-05-01')).thenAccepts();
  spec(t).given([planned, requested, granted]).when(cmd('ReturnOperationExecuted', '2024-05-01')).thenAccepts();
  spec(t).given([planned, requested]).when(cmd('ReturnOperationExecuted', '2024-05-01')).thenThrows('OPERATION_STATE_CONFLICT', /is AwaitingPermit/);
  const state = replayCountry('ET', storedStream([planned, executed]));
  t.match(state.operations.get('O1'), { status: 'Executed', executed: { on: '2024-05-01', returnees: 18, forced: 18 } });
});

t.test('cancelled from Planned, AwaitingPermit or Confirmed; nothing after the end', async (t) => {
  spec(t).given([planned]).when(cmd('ReturnOperationCancelled', '2024-04-01')).thenAccepts();
  spec(t).given([planned, requested]).when(cmd('ReturnOperationCancelled', '2024-04-01')).thenAccepts();
  spec(t).given([planned, requested, granted]).when(cmd('ReturnOperationCancelled', '2024-04-01')).thenAccepts();
  for (const end of [[planned, executed], [planned, cancelled], [planned, requested, refused]]) {
    for (const type of ['LandingPermitRequested', 'ReturnOperationExecuted', 'ReturnOperationCancelled'] as const) {
      spec(t).given(end).when(cmd(type, '2024-06-01')).thenThrows('OPERATION_STATE_CONFLICT', /is (Executed \(executed 2024-05-01\)|Cancelled \(cancelled)/);
    }
  }
});

t.test('moratoria: unique id, one active at a time, lifted once and not before declared', async (t) => {
  const declared = f('PartnerMoratoriumDeclared', '2020-03-01');
  const lifted = f('PartnerMoratoriumLifted', '2020-09-01');
  spec(t).given([]).when(cmd('PartnerMoratoriumDeclared', '2020-03-01')).thenAccepts();
  spec(t).given([declared]).when(cmd('PartnerMoratoriumDeclared', '2020-04-01', { moratoriumId: 'MOR2' })).thenThrows('MORATORIUM_ALREADY_ACTIVE', /MOR1 \(charter, declared 2020-03-01\) is still active/);
  spec(t).given([declared, lifted]).when(cmd('PartnerMoratoriumDeclared', '2020-10-01', { moratoriumId: 'MOR2' })).thenAccepts();
  spec(t).given([declared, lifted]).when(cmd('PartnerMoratoriumDeclared', '2020-10-01')).thenThrows('MORATORIUM_EXISTS', /lifted 2020-09-01/);
  spec(t).given([declared]).when(cmd('PartnerMoratoriumLifted', '2020-09-01')).thenAccepts();
  spec(t).given([declared]).when(cmd('PartnerMoratoriumLifted', '2020-03-01')).thenAccepts();
  spec(t).given([declared]).when(cmd('PartnerMoratoriumLifted', '2020-02-28')).thenThrows('FACT_PREDATES_ENTITY', /declared on 2020-03-01/);
  spec(t).given([declared, lifted]).when(cmd('PartnerMoratoriumLifted', '2020-10-01')).thenThrows('MORATORIUM_NOT_ACTIVE', /already lifted on 2020-09-01/);
  spec(t).given([]).when(cmd('PartnerMoratoriumLifted', '2020-10-01')).thenThrows('MORATORIUM_UNKNOWN');
});
