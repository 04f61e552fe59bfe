import { AppError } from '../errors/catalogue.js';
import type { ExpectedRevision, IdempotencyRecord } from './port.js';

/** The stream's actual last revision, or `no_stream` when it has no events. */
export type ActualRevision = number | 'no_stream';

/**
 * Optimistic-concurrency failure: the stream is not at the revision the writer expected.
 * The command handler catches this (reload, decide again) and maps it to 409/412.
 */
export class WrongExpectedRevisionError extends AppError {
  readonly streamId: string;
  readonly expected: ExpectedRevision;
  readonly actual: ActualRevision;

  constructor(streamId: string, expected: ExpectedRevision, actual: ActualRevision) {
    super('REVISION_CONFLICT', `Stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
    this.streamId = streamId;
    this.expected = expected;
    this.actual = actual;
  }
}

/** An event id that is already stored (event ids are unique across the whole log). */
export class DuplicateEventIdError extends AppError {
  readonly eventId: string;

  constructor(eventId: string) {
    super('DUPLICATE_EVENT_ID', `An event with id ${eventId} is already stored`);
    this.name = 'DuplicateEventIdError';
    this.eventId = eventId;
  }
}

/**
 * The idempotency scope was already claimed (by an earlier or a concurrent request); the append
 * that tried to claim it again was rolled back. `existing` is the stored record: when its
 * `requestHash` matches, the handler answers with `existing.result`; otherwise the key was reused
 * for a different request (422).
 */
export class IdempotencyConflictError extends AppError {
  readonly scope: string;
  readonly existing: IdempotencyRecord;
  readonly sameRequest: boolean;

  constructor(scope: string, existing: IdempotencyRecord, requestHash: string) {
    const sameRequest = existing.requestHash === requestHash;
    super(
      sameRequest ? 'IDEMPOTENCY_IN_PROGRESS' : 'IDEMPOTENCY_KEY_REUSED',
      sameRequest
        ? `Idempotency scope ${scope} was already used for this request`
        : `Idempotency scope ${scope} was already used for a different request`,
    );
    this.name = 'IdempotencyConflictError';
    this.scope = scope;
    this.existing = existing;
    this.sameRequest = sameRequest;
  }
}

/** The store was closed; nothing more can be appended or read. */
export class StoreClosedError extends Error {
  constructor() {
    super('The event store is closed');
    this.name = 'StoreClosedError';
  }
}
