import { canonicalReport } from './manifest.js';
import type { AnnualReport } from './types.js';

/** Canonical JSON (RFC 8785 key order and numbers), indented for reading, newline at the end. */
export function renderJson(r: AnnualReport): string {
  return `${JSON.stringify(JSON.parse(canonicalReport(r.manifest, r.report)), null, 2)}\n`;
}
