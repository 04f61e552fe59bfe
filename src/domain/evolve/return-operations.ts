import { dataOf } from '../fact.js';
import { PARTNER_ATTRIBUTABLE_CAUSES, type OperationState } from '../state.js';
import type { Draft } from './draft.js';
import type { EvolverTable } from './evolver.js';

function update(draft: Draft, operationId: string, change: (o: OperationState) => Partial<OperationState>): void {
  const op = draft.state.operations.get(operationId);
  if (op) draft.set('operations', operationId, { ...op, ...change(op) });
}

export const returnOperationEvolvers: EvolverTable = {
  ReturnOperationPlanned(draft, fact) {
    const d = dataOf(fact, 'ReturnOperationPlanned');
    draft.set('operations', d.operationId, {
      operationId: d.operationId,
      mode: d.mode,
      plannedOn: fact.occurredOn,
      plannedDate: d.plannedDate,
      plannedReturnees: d.plannedReturnees,
      status: 'Planned',
      executed: undefined,
      cancelled: undefined,
      euTravelDocumentsPresented: 0,
      euTravelDocumentsAccepted: 0,
    });
  },
  LandingPermitRequested(draft, fact) {
    update(draft, dataOf(fact, 'LandingPermitRequested').operationId, () => ({ status: 'AwaitingPermit' }));
  },
  LandingPermitGranted(draft, fact) {
    update(draft, dataOf(fact, 'LandingPermitGranted').operationId, () => ({ status: 'Confirmed' }));
  },
  LandingPermitRefused(draft, fact) {
    // A refused landing permit cancels the operation; the partner is the cause.
    update(draft, dataOf(fact, 'LandingPermitRefused').operationId, () => ({
      status: 'Cancelled',
      cancelled: { on: fact.occurredOn, cause: 'no-landing-permit', partnerAttributable: true },
    }));
  },
  ReturnOperationExecuted(draft, fact) {
    const d = dataOf(fact, 'ReturnOperationExecuted');
    update(draft, d.operationId, () => ({
      status: 'Executed',
      executed: { on: fact.occurredOn, returnees: d.returnees, forced: d.forced, voluntary: d.voluntary },
    }));
  },
  ReturnOperationCancelled(draft, fact) {
    const d = dataOf(fact, 'ReturnOperationCancelled');
    update(draft, d.operationId, () => ({
      status: 'Cancelled',
      cancelled: { on: fact.occurredOn, cause: d.cause, partnerAttributable: PARTNER_ATTRIBUTABLE_CAUSES.has(d.cause) },
    }));
  },
  PartnerMoratoriumDeclared(draft, fact) {
    const d = dataOf(fact, 'PartnerMoratoriumDeclared');
    draft.set('moratoria', d.moratoriumId, {
      moratoriumId: d.moratoriumId,
      scope: d.scope,
      declaredOn: fact.occurredOn,
      liftedOn: undefined,
      active: true,
    });
  },
  PartnerMoratoriumLifted(draft, fact) {
    const { moratoriumId } = dataOf(fact, 'PartnerMoratoriumLifted');
    const m = draft.state.moratoria.get(moratoriumId);
    if (m) draft.set('moratoria', moratoriumId, { ...m, active: false, liftedOn: fact.occurredOn });
  },
};
