import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors/catalogue.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const isWellFormed = (s: string) => !LONE_SURROGATE.test(s);

/** True when every string (keys included) is well-formed UTF-16: no lone surrogate that canonical JSON cannot encode. Iterative, so deep nesting cannot overflow the stack. */
function wellFormed(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (!isWellFormed(v)) return false;
    } else if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        if (!isWellFormed(k)) return false;
        stack.push(item);
      }
    }
  }
  return true;
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
 * JSON cannot represent. Parsing itself stays fastify's (secure-json-parse: `__proto__` and
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
      if (!wellFormed(value)) return done(new AppError('MALFORMED_JSON', 'The body contains a lone surrogate (\\ud800-\\udfff) that is not valid Unicode text'), undefined);
      done(null, value);
    });
  });
}
