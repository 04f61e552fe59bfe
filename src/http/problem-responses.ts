import { Problem } from '../../contracts/index.js';
import { errorCatalogue } from '../errors/catalogue.js';

export const PROBLEM_JSON = 'application/problem+json';

/** What an error status means here; the catalogue's codes for it are added when there are few. */
const MEANING: Record<number, string> = {
  400: 'The request is invalid',
  401: 'No valid bearer token',
  403: "The token's role or country scope does not allow this",
  404: 'No such country, resource or route',
  409: 'Conflicts with the recorded history or a concurrent request; `code` names the rule (README, Errors)',
  412: 'The stream is not at the revision in If-Match',
  413: 'The body is too large',
  415: 'The content type or content encoding is not accepted',
  422: 'The Idempotency-Key was used with a different request',
  429: 'Too many requests for this token (or address); retry after Retry-After seconds',
  503: 'Overloaded, not caught up with minPosition, or not writable; retry later',
  507: "The disk holding the service's data is full: nothing of the request was stored (a write, or the as-known-at view a read with asOf needs); retry after Retry-After seconds, once space is freed",
};

function describe(status: number): string {
  const codes = Object.entries(errorCatalogue)
    .filter(([, e]) => e.status === status)
    .map(([code]) => code);
  const meaning = MEANING[status] ?? 'Error';
  return codes.length > 0 && codes.length <= 4 ? `${meaning} (${codes.join(', ')})` : meaning;
}

type ProblemResponse = { description: string; content: { [PROBLEM_JSON]: { schema: typeof Problem } } };

/**
 * Route response entries for error statuses, under the media type the service sends them with
 * (src/http/problem.ts): a client looks the body up by it, and fastify serialises through it.
 */
export function problemResponses<S extends number>(...statuses: S[]): Record<S, ProblemResponse> {
  return Object.fromEntries(statuses.map((status) => [status, { description: describe(status), content: { [PROBLEM_JSON]: { schema: Problem } } }])) as Record<S, ProblemResponse>;
}

/** What every authenticated route may answer besides its own errors: no token, wrong role, rate limit, overload. */
export const ACCESS_PROBLEMS = [401, 403, 429, 503] as const;

/** What a route that stores something (a write, or an as-known-at view for a read) may answer besides: the disk is full (STORAGE_FULL). */
export const STORING_PROBLEMS = [...ACCESS_PROBLEMS, 507] as const;
