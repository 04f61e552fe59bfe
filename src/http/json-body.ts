import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/catalogue.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const isWellFormed = (s: string) => !LONE_SURROGATE.test(s);

/**
 * Deepest nesting of arrays and objects a body may have. The deepest body (a scoring model) nests 3;
 * deeper data reached recursive code after validation (the canonical JSON of an Idempotency-Key's
 * request hash overflowed the stack at ~10,000 levels: 500 instead of a refusal).
 */
export const MAX_JSON_DEPTH = 32;

const loneSurrogate = () => new AppError('MALFORMED_JSON', 'The body contains a lone surrogate (\\ud800-\\udfff) that is not valid Unicode text');

/**
 * What is wrong with a parsed body's text, or null: a string (keys included) that is not well-formed
 * UTF-16 (a lone surrogate canonical JSON cannot encode), or nesting deeper than MAX_JSON_DEPTH.
 * Iterative, so deep nesting cannot overflow the stack here.
 */
function bodyProblem(value: unknown): AppError | null {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (!isWellFormed(v)) return loneSurrogate();
    } else if (v !== null && typeof v === 'object') {
      if (depth >= MAX_JSON_DEPTH) {
        const message = `nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep`;
        return new AppError('VALIDATION_FAILED', `body: ${message}; nothing was recorded`, [{ path: 'body', message }]);
      }
      if (Array.isArray(v)) {
        for (const item of v) stack.push([item, depth + 1]);
      } else {
        for (const [k, item] of Object.entries(v)) {
          if (!isWellFormed(k)) return loneSurrogate();
          stack.push([item, depth + 1]);
        }
      }
    }
  }
  return null;
}

/** Whether plain JSON.parse takes the text (fastify's parser reports every refusal alike). Used on the error path only. */
function isValidJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** secure-json-parse refuses valid JSON only for these keys: say so, not "not valid JSON". */
function forbiddenKeys(): AppError {
  return new AppError(
    'MALFORMED_JSON',
    'The body is valid JSON but has a key named "__proto__", or a "constructor" object with a "prototype" key; such keys are not accepted',
  );
}

/**
 * Replaces fastify's JSON body parser with one that is strict about text: the body must be valid
 * UTF-8 (RFC 8259; a lossy decode would silently change a recorded fact), a declared charset must
 * be utf-8, and no string may hold a lone surrogate (`"\ud800"`), which the hash chain's canonical
 * JSON cannot represent; nor may it nest deeper than MAX_JSON_DEPTH. Parsing itself stays fastify's (secure-json-parse: `__proto__` and
 * `constructor.prototype` keys are errors, answered with a message of their own).
 */
export function registerStrictJsonParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1];
    if (charset && charset.toLowerCase() !== 'utf-8' && charset.toLowerCase() !== 'utf8') {
      done(new AppError('UNSUPPORTED_MEDIA_TYPE', `JSON must be UTF-8; charset ${charset} is not accepted`), undefined);
      return;
    }
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(new AppError('MALFORMED_JSON', 'The body is not valid UTF-8'), undefined);
      return;
    }
    parse(req, text, (err, value) => {
      if (err) return done(isValidJson(text) ? forbiddenKeys() : err, undefined);
      const problem = bodyProblem(value);
      if (problem) return done(problem, undefined);
      done(null, value);
    });
  });
}
