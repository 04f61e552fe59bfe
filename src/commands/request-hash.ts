import { createHash } from 'node:crypto';
import { canonicalJson } from '../store/canonical-json.js';

/** Identifies a request for idempotency: same method, path and body (canonical JSON, so key order does not matter). */
export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${path}\n`)
    .update(canonicalJson(body ?? null))
    .digest('hex');
}
