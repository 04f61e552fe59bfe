import { domainErrors } from './domain-codes.js';

/**
 * The one error catalogue: every error the service answers with has a stable code, an HTTP status
 * and a title. Codes are never reused for another meaning. The README lists them.
 */
export const serviceErrors = {
  VALIDATION_FAILED: { status: 400, title: 'The request does not match the schema' },
  MALFORMED_JSON: { status: 400, title: 'The body is not valid JSON' },
  BAD_REQUEST: { status: 400, title: 'Bad request' },
  UNAUTHENTICATED: { status: 401, title: 'A valid bearer token is required' },
  FORBIDDEN: { status: 403, title: 'This token may not do that' },
  COUNTRY_NOT_CONFIGURED: { status: 404, title: 'Unknown country' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  REVISION_CONFLICT: { status: 409, title: 'The stream kept changing; try again' },
  DUPLICATE_EVENT_ID: { status: 409, title: 'An event with this id is already stored' },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, title: 'A request with this Idempotency-Key is still in progress' },
  REQUEST_TIMEOUT: { status: 408, title: 'The request did not arrive in full in time' },
  PRECONDITION_FAILED: { status: 412, title: 'The stream is not at the revision in If-Match' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported content type' },
  UNSUPPORTED_CONTENT_ENCODING: { status: 415, title: 'Unsupported content encoding' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'This Idempotency-Key was used with a different request' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  HEADERS_TOO_LARGE: { status: 431, title: 'The request headers are too large' },
  INTERNAL: { status: 500, title: 'Internal error' },
  OVERLOADED: { status: 503, title: 'The service is overloaded; retry later' },
  NOT_CAUGHT_UP: { status: 503, title: 'The read models have not reached the requested position yet' },
  NOT_READY: { status: 503, title: 'The instance is not ready to serve requests' },
  STORAGE_FAILED: { status: 503, title: 'The event log could not be flushed to disk; this instance accepts no more writes' },
  STORAGE_FULL: { status: 507, title: "The disk holding the service's data is full" },
} as const satisfies Record<string, { status: number; title: string }>;

export const errorCatalogue = { ...serviceErrors, ...domainErrors } as const;
export type ErrorCode = keyof typeof errorCatalogue;

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly title: string;
  readonly errors: FieldError[] | undefined;

  constructor(code: ErrorCode, detail?: string, errors?: FieldError[]) {
    const entry = errorCatalogue[code];
    super(detail ?? entry.title);
    this.name = 'AppError';
    this.code = code;
    this.status = entry.status;
    this.title = entry.title;
    this.errors = errors;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
