const RESPONSE_HEADERS = 'x-rcm-response-headers';
const FILE_BODY = 'x-rcm-file-body';

/** One documented response header. */
export interface HeaderDoc {
  description: string;
  schema?: Record<string, unknown>;
}

type Headers = Record<string, HeaderDoc>;

/**
 * Route schema metadata: headers of a route's answers, by status. @fastify/swagger cannot put them
 * on responses keyed by content type (ours: problem+json, the report's formats); applyHeaderDocs does.
 */
export const responseHeaders = (byStatus: Record<number, Headers>) => ({ [RESPONSE_HEADERS]: byStatus });

/**
 * Route schema metadata: the body is a file of one of these types (no zod body: the route streams
 * it), documented as a binary request body, with examples of the first type.
 */
export const fileBody = (contentTypes: readonly string[], description: string, examples: Record<string, { summary: string; value: string }> = {}) => ({
  [FILE_BODY]: { contentTypes, description, examples },
});

const text = (description: string): HeaderDoc => ({ description, schema: { type: 'string' } });
const seconds = (description: string): HeaderDoc => ({ description, schema: { type: 'string', pattern: '^\\d+$' } });

/** Headers every answer of a status carries, whatever the route (src/http/problem.ts, protection.ts). */
const BY_STATUS: Record<string, Headers> = {
  '401': { 'WWW-Authenticate': text('Bearer realm="rcm"') },
  '429': { 'Retry-After': seconds('Seconds until the rate-limit window allows a request again') },
  '503': { 'Retry-After': seconds('Seconds to wait, when the service is overloaded') },
  '507': { 'Retry-After': seconds('Seconds to wait before trying again; an operator has to free space first') },
};

/** Every answer of a route behind a token, unless the route documents its own (src/http/auth-plugin.ts). */
const AUTHENTICATED: Headers = { 'Cache-Control': text('no-store: an answer behind a token is kept by no cache') };

type Response = { headers?: Headers };
type FileBody = { contentTypes: string[]; description: string; examples: Record<string, unknown> };
type Operation = { [RESPONSE_HEADERS]?: Record<string, Headers>; [FILE_BODY]?: FileBody; requestBody?: unknown; security?: unknown[]; responses?: Record<string, Response> };

/** Moves the routes' header and file-body metadata into the operation objects (transformObject). */
export function applyHeaderDocs(doc: object): void {
  const op = doc as Operation;
  const own = op[RESPONSE_HEADERS] ?? {};
  delete op[RESPONSE_HEADERS];
  // Public operations say `security: []`; the others inherit the document's bearer scheme.
  const authenticated = !(Array.isArray(op.security) && op.security.length === 0);
  for (const [status, response] of Object.entries(op.responses ?? {})) {
    const headers = { ...(authenticated ? AUTHENTICATED : {}), ...BY_STATUS[status], ...own[status] };
    if (Object.keys(headers).length > 0) response.headers = { ...response.headers, ...headers };
  }
  const file = op[FILE_BODY];
  delete op[FILE_BODY];
  if (file) {
    op.requestBody = {
      required: true,
      description: file.description,
      // The examples are text files: shown under the first type (TSV).
      content: Object.fromEntries(
        file.contentTypes.map((type, i) => [type, { schema: { type: 'string', format: 'binary' }, ...(i === 0 && Object.keys(file.examples).length > 0 ? { examples: file.examples } : {}) }]),
      ),
    };
  }
}
