import { canonicalJson } from '../store/hash-chain.js';
import { canonicalBody } from './manifest.js';
import type { AnnualReport } from './types.js';

/** Canonical JSON (RFC 8785 key order and numbers), indented for reading, newline at the end. */
export function renderJson(r: AnnualReport): string {
  const canonical = `{"manifest":${canonicalJson(r.manifest)},"report":${canonicalBody(r.report)}}`;
  return `${JSON.stringify(JSON.parse(canonical), null, 2)}\n`;
}
