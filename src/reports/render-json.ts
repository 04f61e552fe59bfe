import { canonicalJson } from '../store/hash-chain.js';
import { canonicalBody } from './manifest.js';
import type { AnnualReport, AnnualReportBody } from './types.js';

/** JSON.stringify(JSON.parse(canonical), null, 2): RFC 8785 key order (as JSON.parse keeps it), indented. */
const indented = (canonical: string): string => JSON.stringify(JSON.parse(canonical), null, 2);
/** A nested value's lines one level deeper (JSON strings hold no raw line breaks, so every "\n" is a line). */
const nested = (text: string): string => text.replaceAll('\n', '\n  ');

/** Indented bodies as UTF-8, remembered per body object: a kept report is rendered again with each request's manifest. */
const indentedBodies = new WeakMap<AnnualReportBody, Buffer>();

/**
 * Canonical JSON (RFC 8785 key order and numbers), indented for reading, newline at the end: the
 * bytes of indenting the canonical JSON of `{ manifest, report }` as a whole, composed from the
 * two parts so the body is indented and encoded once per body, not per request.
 */
export function renderJson(r: AnnualReport): Buffer {
  let body = indentedBodies.get(r.report);
  if (body === undefined) indentedBodies.set(r.report, (body = Buffer.from(nested(indented(canonicalBody(r.report).toString('utf8'))))));
  return Buffer.concat([Buffer.from(`{\n  "manifest": ${nested(indented(canonicalJson(r.manifest)))},\n  "report": `), body, Buffer.from('\n}\n')]);
}
