/**
 * Refusals of the country deciders and the reporting-period decider (lifecycle, consistency and
 * date rules). All are 409: the request is well-formed but the recorded history (or today's date)
 * does not allow it. Codes are stable; the detail
 * message names the entity and its current state.
 */
const refusal = (title: string) => ({ status: 409, title }) as const;

export const domainErrors = {
  /** Generic lifecycle refusal (kept for callers outside the country decider). */
  LIFECYCLE_CONFLICT: refusal('The recorded history does not allow this fact'),

  // Every fact family
  FACT_DATED_IN_FUTURE: refusal('The fact is dated after today'),

  // Dialogues
  DIALOGUE_TRACK_EXISTS: refusal('A dialogue track with this id is already recorded'),
  DIALOGUE_TRACK_UNKNOWN: refusal('No dialogue track with this id has been opened'),
  COMMITMENT_EXISTS: refusal('A commitment with this id is already recorded'),
  COMMITMENT_UNKNOWN: refusal('No commitment with this id is recorded'),
  COMMITMENT_NOT_OPEN: refusal('The commitment has already been assessed'),

  // Instruments
  INSTRUMENT_EXISTS: refusal('An instrument with this id is already recorded'),
  INSTRUMENT_UNKNOWN: refusal('No instrument with this id is recorded'),
  INSTRUMENT_STATE_CONFLICT: refusal('The instrument is not in a state that allows this fact'),
  INSTRUMENT_SUPERSEDED_BY_ITSELF: refusal('An instrument cannot supersede itself'),

  // Article 25a: visa measures, notifications, assessments
  VISA_MEASURE_EXISTS: refusal('A visa measure with this id is already recorded'),
  VISA_MEASURE_UNKNOWN: refusal('No visa measure with this id is recorded'),
  VISA_MEASURE_STATE_CONFLICT: refusal('The visa measure is not in a state that allows this fact'),
  VISA_MEASURE_ESCALATION_REQUIRED: refusal('A 25a(5)(b) measure needs a 25a(5)(a) measure in force'),
  VISA_MEASURE_PROVISIONS_INVALID: refusal('The provisions do not fit the legal basis of the measure'),
  VISA_MEASURE_NOT_POSITIVE: refusal('Only positive (25a(8)) measures have an end date'),
  VISA_MEASURE_PERIOD_INVALID: refusal('The period of the measure is not allowed'),
  NOTIFICATION_EXISTS: refusal('A notification with this id is already recorded'),
  NOTIFICATION_UNKNOWN: refusal('No notification with this id is recorded'),
  NOTIFICATION_ALREADY_CONCLUDED: refusal('The examination of this notification is already concluded'),
  ASSESSMENT_ALREADY_REPORTED: refusal('This Commission assessment is already recorded'),

  // Requests
  REQUEST_EXISTS: refusal('A request with this id is already recorded'),
  REQUEST_UNKNOWN: refusal('No request with this id is recorded'),
  REQUEST_KIND_MISMATCH: refusal('The request is of another kind'),
  REQUEST_ALREADY_ANSWERED: refusal('The request has already been answered'),
  REQUEST_NOT_OPEN: refusal('The request is no longer open'),
  REQUEST_NOT_ACCEPTED: refusal('The request has not been answered positively'),
  REQUEST_TRANSFER_RECORDED: refusal('The transfer for this request is already recorded'),
  REQUEST_DEADLINE_INVALID: refusal('The deadline or lapse date is not consistent with the request'),
  REQUEST_CONSENT_NOT_IN_TERMS: refusal("The instrument's terms do not treat silence as consent"),
  FACT_PREDATES_ENTITY: refusal('The fact is dated before the thing it is about'),

  // Return operations and moratoria
  OPERATION_EXISTS: refusal('A return operation with this id is already recorded'),
  OPERATION_UNKNOWN: refusal('No return operation with this id is recorded'),
  OPERATION_STATE_CONFLICT: refusal('The return operation is not in a state that allows this fact'),
  MORATORIUM_EXISTS: refusal('A moratorium with this id is already recorded'),
  MORATORIUM_UNKNOWN: refusal('No moratorium with this id is recorded'),
  MORATORIUM_ALREADY_ACTIVE: refusal('Another moratorium of the partner is still active'),
  MORATORIUM_NOT_ACTIVE: refusal('The moratorium is not active'),

  // Statistics
  STATISTICS_PERIOD_IN_FUTURE: refusal('The reporting period has not started on the date of the report'),

  // Reporting periods (governance)
  PERIOD_NOT_ENDED: refusal('The reporting period has not ended yet'),
  PERIOD_CUTOFF_INVALID: refusal('The data cutoff must fall after the end of the period and not in the future'),

  // Corrections
  CORRECTION_TARGET_UNKNOWN: refusal("The event to correct is not part of this country's history"),
  CORRECTION_OF_CORRECTION: refusal('A correction cannot itself be corrected or retracted'),
  CORRECTION_TARGET_RETRACTED: refusal('The event has already been retracted'),
  CORRECTION_CHANGES_IDENTITY: refusal('A correction may not change the id of the thing an event is about'),
  CORRECTION_BREAKS_HISTORY: refusal('After this correction the history would no longer be consistent'),
} as const satisfies Record<string, { status: number; title: string }>;

export type DomainErrorCode = keyof typeof domainErrors;
