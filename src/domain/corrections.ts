import type { CountryCommand, EventData, StoredEvent } from '../../contracts/index.js';
import { eventDefinition } from '../../contracts/index.js';
import { AppError, isAppError } from '../errors/catalogue.js';
import { checkFact, isCountryFactType } from './check-fact.js';
import { applyCorrections, isCorrectionType, type CorrectionLike } from './effective-history.js';
import { evolveCountryInPlace } from './evolve/index.js';
import type { NewFact } from './fact.js';
import { changedIdentityFields } from './identity.js';
import { refuse } from './refuse.js';
import { requireNotInFuture } from './rules/dates.js';
import { copyCountryState, initialCountryState, type CountryState } from './state.js';
import { everyNth, runToEnd, type Steps } from './steps.js';

/**
 * Folds check + evolve over an effective history and returns the events that fail a rule, with the
 * reason. Every event is evolved, failing or not, exactly as replayCountry does. From `country`'s
 * empty state, or from `start` (a state the caller owns; it is evolved in place).
 */
export function findInvalidFacts(start: string | CountryState, effective: readonly StoredEvent[]): Map<string, string> {
  return runToEnd(findInvalidFactsInSteps(start, effective, everyNth(Infinity)));
}

function* findInvalidFactsInSteps(start: string | CountryState, effective: readonly StoredEvent[], pause: () => boolean): Steps<Map<string, string>> {
  const state = typeof start === 'string' ? initialCountryState(start) : start;
  const invalid = new Map<string, string>();
  for (const e of effective) {
    if (isCountryFactType(e.type)) {
      try {
        checkFact(state, e as NewFact);
      } catch (err) {
        if (!isAppError(err)) throw err;
        invalid.set(e.eventId, err.message);
      }
    }
    evolveCountryInPlace(state, e);
    if (pause()) yield;
  }
  return invalid;
}

function describeEvent(e: StoredEvent): string {
  return `${e.type} ${e.eventId} (${e.occurredOn})`;
}

function findTarget(country: string, history: readonly StoredEvent[], targetId: string): StoredEvent {
  const target = history.find((e) => e.eventId === targetId && e.country === country);
  if (!target) refuse('CORRECTION_TARGET_UNKNOWN', `Event ${targetId} is not part of the history of ${country}; only events of this country can be corrected or retracted here`);
  if (isCorrectionType(target.type)) {
    refuse('CORRECTION_OF_CORRECTION', `Event ${targetId} is itself a correction (${target.type}); correct or retract the original event instead`);
  }
  const retraction = history.find((e) => e.type === 'EntryRetracted' && e.data['retractedEventId'] === targetId);
  if (retraction) {
    refuse('CORRECTION_TARGET_RETRACTED', `${describeEvent(target)} was already retracted on ${retraction.occurredOn} (event ${retraction.eventId}); record a new fact instead`);
  }
  return target;
}

/** Validates the corrected data against the original type's current schema; returns the parsed data. */
function parseCorrectedData(target: StoredEvent, data: Record<string, unknown>): Record<string, unknown> {
  const def = eventDefinition(target.type);
  if (!def) throw new AppError('BAD_REQUEST', `Event ${target.eventId} has type ${target.type}, which this service does not know`);
  const parsed = def.data.safeParse(data);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({
      path: ['data', 'data', ...i.path.map(String)].join('.'),
      message: i.message,
    }));
    const first = parsed.error.issues[0];
    const where = first && first.path.length > 0 ? `${first.path.map(String).join('.')}: ` : '';
    throw new AppError('VALIDATION_FAILED', `The corrected data does not match ${target.type}${first ? ` (${where}${first.message})` : ''}`, errors);
  }
  return parsed.data as Record<string, unknown>;
}

/**
 * Refuses when the history after `pending` has an invalid fact that was valid before, and returns the
 * state the history folds to with it. Both effective histories hold the same events before the
 * target, with the same validity: that prefix is folded once, then each history from the target on.
 */
function* requireHistoryStaysValid(country: string, history: readonly StoredEvent[], target: StoredEvent, pending: CorrectionLike, pause: () => boolean): Steps<CountryState> {
  const before = applyCorrections(history, []);
  const after = applyCorrections(history, [pending]);
  const at = Math.max(0, before.findIndex((e) => e.eventId === target.eventId));
  const state = initialCountryState(country);
  for (let i = 0; i < at; i++) {
    evolveCountryInPlace(state, before[i]!);
    if (pause()) yield;
  }
  const invalidBefore = yield* findInvalidFactsInSteps(copyCountryState(state), before.slice(at), pause);
  const verb = pending.type === 'EntryRetracted' ? 'Retracting' : 'Correcting';
  for (const e of after.slice(at)) {
    if (isCountryFactType(e.type) && !invalidBefore.has(e.eventId)) {
      try {
        checkFact(state, e as NewFact);
      } catch (err) {
        if (!isAppError(err)) throw err;
        const own = e.eventId === target.eventId;
        const which = own ? `the corrected ${target.type} ${target.eventId} would not be valid where it stands` : `${describeEvent(e)} would no longer be valid`;
        // What to do about it: a later fact that depends on the target is corrected or retracted first.
        const next = own ? '' : `; correct or retract ${e.type} ${e.eventId} first`;
        refuse('CORRECTION_BREAKS_HISTORY', `${verb} ${describeEvent(target)}: ${which}: ${err.message}${next}`);
      }
    }
    evolveCountryInPlace(state, e);
    if (pause()) yield;
  }
  return state;
}

/**
 * Decides EntryCorrected / EntryRetracted against the full stored history of the country's stream
 * (correction events included). `today` (UTC, from the caller's clock) bounds the correction's date
 * and a corrected occurredOn, as for every fact. Returns the fact to append or throws an AppError.
 */
export function decideCorrection(country: string, history: readonly StoredEvent[], command: CountryCommand, today: string): NewFact {
  return runToEnd(decideCorrectionInSteps(country, history, command, Infinity, today)).fact;
}

/**
 * `decideCorrection`, with the decision state of the history once the fact is appended (what
 * `replayCountry` of both gives), pausing every `eventsPerStep` events folded or checked (it folds
 * the history about twice).
 */
export function* decideCorrectionInSteps(
  country: string,
  history: readonly StoredEvent[],
  command: CountryCommand,
  eventsPerStep: number,
  today: string,
): Steps<{ fact: NewFact; state: CountryState }> {
  const pause = everyNth(eventsPerStep);
  requireNotInFuture(command.occurredOn, today, command.type);
  if (command.type === 'EntryRetracted') {
    const d = command.data as EventData<'EntryRetracted'>;
    const target = findTarget(country, history, d.retractedEventId);
    const data = { retractedEventId: d.retractedEventId, reason: d.reason };
    const state = yield* requireHistoryStaysValid(country, history, target, { type: 'EntryRetracted', data }, pause);
    return { fact: { type: 'EntryRetracted', occurredOn: command.occurredOn, data }, state };
  }
  if (command.type === 'EntryCorrected') {
    const d = command.data as EventData<'EntryCorrected'>;
    const target = findTarget(country, history, d.correctedEventId);
    const corrected = parseCorrectedData(target, d.data);
    const changed = changedIdentityFields(target.type, target.data, corrected);
    if (changed.length > 0) {
      const what = changed.map((f) => `${f} ${String(target.data[f])} -> ${String(corrected[f])}`).join(', ');
      refuse('CORRECTION_CHANGES_IDENTITY', `A correction of ${describeEvent(target)} may not change ${what}; retract the event and record it again for the other entity`);
    }
    const data: Record<string, unknown> = { correctedEventId: d.correctedEventId, reason: d.reason, data: corrected };
    if (d.occurredOn !== undefined) {
      requireNotInFuture(d.occurredOn, today, `The corrected ${target.type} ${target.eventId}`);
      if (command.occurredOn < d.occurredOn) {
        refuse('FACT_PREDATES_ENTITY', `The corrected ${target.type} ${target.eventId} is dated ${d.occurredOn}; a correction made on ${command.occurredOn} cannot know of it (a correction's occurredOn is the day of the correction)`);
      }
      data['occurredOn'] = d.occurredOn;
    } else if (command.occurredOn < target.occurredOn) {
      // The date is not corrected, so it stands: the correction cannot be made before it.
      refuse('FACT_PREDATES_ENTITY', `${target.type} ${target.eventId} is dated ${target.occurredOn}; EntryCorrected cannot be dated ${command.occurredOn} (a correction's occurredOn is the day of the correction)`);
    }
    const state = yield* requireHistoryStaysValid(country, history, target, { type: 'EntryCorrected', data }, pause);
    return { fact: { type: 'EntryCorrected', occurredOn: command.occurredOn, data }, state };
  }
  throw new AppError('BAD_REQUEST', `${command.type} is not a correction; use decideFact`);
}
