/**
 * The pure domain core of a country stream: decide facts against the country's state, evolve the
 * state, and decide corrections against the full history; decide closing a reporting period. No
 * I/O, no clock: callers pass today's date.
 */
export type { NewFact } from './fact.js';
export * from './state.js';
export { decideFact } from './decide.js';
export { checkFact, isCountryFactType } from './check-fact.js';
export { evolveCountry, evolveCountryInPlace, type EvolvableFact } from './evolve/index.js';
export { replayCountry, replayCountryFrom, replayCountryInSteps } from './replay.js';
export { decideCorrection, decideCorrectionInSteps, findInvalidFacts } from './corrections.js';
export { runToEnd, type Steps } from './steps.js';
export { decideClosePeriod, type ClosePeriodCommand } from './periods.js';
export { effectiveHistory, isCorrectionType } from './effective-history.js';
export { identityFieldsOf } from './identity.js';
export { POSITIVE_MEASURE_MAX_MONTHS } from './rules/visa-measures.js';
export { DECISION_STATE_VERSION, decodeEntity, encodeCountryState, type EncodedCountryState } from './state-codec.js';
