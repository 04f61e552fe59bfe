/*
 * The fields that say WHICH thing an event is about. A correction may fix anything else, but not
 * these: to move a fact to another entity, retract it and record it again.
 * References to other entities that are not the subject (a request's optional instrumentId, the
 * byInstrumentId of a supersession) may be corrected; the history revalidation then checks that
 * they still point to something valid. A commitment's trackId is identity: it belongs to its track.
 */
const ID_FIELDS = [
  'trackId',
  'commitmentId',
  'instrumentId',
  'measureId',
  'notificationId',
  'requestId',
  'operationId',
  'moratoriumId',
] as const;

/** Optional links that are references, not the identity of the event's subject. */
const REFERENCE_FIELDS: Partial<Record<string, readonly string[]>> = {
  IdentificationRequestSubmitted: ['instrumentId'],
  ReadmissionRequestSubmitted: ['instrumentId'],
};

export function identityFieldsOf(type: string): readonly string[] {
  const refs = REFERENCE_FIELDS[type] ?? [];
  return ID_FIELDS.filter((f) => !refs.includes(f));
}

/** The identity fields whose value differs between the original and the corrected data. */
export function changedIdentityFields(type: string, original: Record<string, unknown>, corrected: Record<string, unknown>): string[] {
  return identityFieldsOf(type).filter((f) => original[f] !== corrected[f]);
}
