import { dataOf } from '../fact.js';
import { refuse } from '../refuse.js';
import type { CountryState, OperationState, OperationStatus } from '../state.js';
import type { NewFact } from '../fact.js';
import { requireNotBefore } from './dates.js';
import type { RuleTable } from './rule.js';

/** The operation a follow-up fact is about: recorded, and planned no later than the fact. */
export function requireOperation(state: CountryState, fact: NewFact, operationId: string): OperationState {
  const op = state.operations.get(operationId);
  if (!op) refuse('OPERATION_UNKNOWN', `Return operation ${operationId} is not recorded for ${state.country}; record ReturnOperationPlanned first`);
  requireNotBefore(fact, op.plannedOn, `Return operation ${operationId} was planned`);
  return op;
}

function requireStatus(op: OperationState, allowed: readonly OperationStatus[], needs: string): void {
  if (!allowed.includes(op.status)) {
    const since = op.status === 'Executed' ? ` (executed ${op.executed?.on})` : op.status === 'Cancelled' ? ` (cancelled ${op.cancelled?.on}, ${op.cancelled?.cause})` : '';
    refuse('OPERATION_STATE_CONFLICT', `Return operation ${op.operationId} is ${op.status}${since}; ${needs}`);
  }
}

/*
 * Moratoria: one active partner moratorium at a time per country. Indicator D4 is reduced by
 * moratorium days; overlapping moratoria would count days twice. A wider moratorium is recorded by
 * lifting the first and declaring the next.
 */
export const returnOperationRules: RuleTable = {
  ReturnOperationPlanned(state, fact) {
    const { operationId } = dataOf(fact, 'ReturnOperationPlanned');
    const existing = state.operations.get(operationId);
    if (existing) refuse('OPERATION_EXISTS', `Return operation ${operationId} is already recorded (now ${existing.status}); choose another id`);
  },
  LandingPermitRequested(state, fact) {
    const op = requireOperation(state, fact, dataOf(fact, 'LandingPermitRequested').operationId);
    requireStatus(op, ['Planned'], 'a landing permit is requested for a Planned operation');
  },
  LandingPermitGranted(state, fact) {
    const op = requireOperation(state, fact, dataOf(fact, 'LandingPermitGranted').operationId);
    requireStatus(op, ['AwaitingPermit'], 'a landing permit can be granted only after it was requested');
  },
  LandingPermitRefused(state, fact) {
    const op = requireOperation(state, fact, dataOf(fact, 'LandingPermitRefused').operationId);
    requireStatus(op, ['AwaitingPermit'], 'a landing permit can be refused only after it was requested');
  },
  ReturnOperationExecuted(state, fact) {
    const op = requireOperation(state, fact, dataOf(fact, 'ReturnOperationExecuted').operationId);
    requireStatus(op, ['Planned', 'Confirmed'], 'an operation is executed when Planned or Confirmed (landing permit granted)');
  },
  ReturnOperationCancelled(state, fact) {
    const op = requireOperation(state, fact, dataOf(fact, 'ReturnOperationCancelled').operationId);
    requireStatus(op, ['Planned', 'AwaitingPermit', 'Confirmed'], 'an executed or cancelled operation cannot be cancelled');
  },
  PartnerMoratoriumDeclared(state, fact) {
    const { moratoriumId } = dataOf(fact, 'PartnerMoratoriumDeclared');
    const existing = state.moratoria.get(moratoriumId);
    if (existing) refuse('MORATORIUM_EXISTS', `Moratorium ${moratoriumId} is already recorded (declared ${existing.declaredOn}${existing.active ? ', active' : `, lifted ${existing.liftedOn}`})`);
    for (const m of state.moratoria.values()) {
      if (m.active) {
        refuse('MORATORIUM_ALREADY_ACTIVE', `Moratorium ${m.moratoriumId} (${m.scope}, declared ${m.declaredOn}) is still active for ${state.country}; lift it before declaring another`);
      }
    }
  },
  PartnerMoratoriumLifted(state, fact) {
    const { moratoriumId } = dataOf(fact, 'PartnerMoratoriumLifted');
    const m = state.moratoria.get(moratoriumId);
    if (!m) refuse('MORATORIUM_UNKNOWN', `Moratorium ${moratoriumId} is not recorded for ${state.country}`);
    if (!m.active) refuse('MORATORIUM_NOT_ACTIVE', `Moratorium ${moratoriumId} was already lifted on ${m.liftedOn}`);
    if (fact.occurredOn < m.declaredOn) {
      refuse('FACT_PREDATES_ENTITY', `Moratorium ${moratoriumId} was declared on ${m.declaredOn}; it cannot be lifted on ${fact.occurredOn}`);
    }
  },
};
