import { createHash } from 'node:crypto';

/** Namespace of this service's name-based event ids (a fixed random UUID; never change it). */
export const RCM_EVENT_ID_NAMESPACE = '6f1c8f0e-3b0a-4c57-9a51-2d0f4b7c9e21';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** RFC 9562 §5.5 UUID version 5: SHA-1 of namespace bytes + name bytes, version and variant bits set. */
export function uuidV5(name: string, namespace: string): string {
  const ns = namespace.toLowerCase();
  if (!UUID.test(ns)) throw new Error(`Not a UUID: ${namespace}`);
  const bytes = createHash('sha1').update(Buffer.from(ns.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The event id of the `index`-th event appended for an idempotent request. A retry of the same
 * request (same principal-scoped key, same request hash) produces the same ids on any instance,
 * so even the server's own best-effort duplicate check sees it as a repeat; a different request
 * under the same key gets different ids. Command handlers should use this whenever an
 * Idempotency-Key is present.
 */
export function idempotentEventId(scope: string, requestHash: string, index: number): string {
  if (!Number.isInteger(index) || index < 0) throw new Error(`index must be a non-negative integer, got ${index}`);
  return uuidV5(`${scope}\n${requestHash}\n${index}`, RCM_EVENT_ID_NAMESPACE);
}
