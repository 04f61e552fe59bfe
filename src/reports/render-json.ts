import { canonicalJson } from '../store/hash-chain.js';
import { canonicalBody } from './manifest.js';
import type { AnnualReport, AnnualReportBody } from './types.js';

/** JSON.stringify(JSON.parse(canonical), null, 2): RFC 8785 key order (as JSON.parse keeps it), indented. */
const indented = (canonical: string): string => JSON.stringify(JSON.parse(canonical), null, 2);
/** A nested value's lines one level deeper (JSON strings hold no raw line breaks, so every "\n" is a line). */
const nested = (text: string): string => text.replaceAll('\n', '\n  ');

/**
 * Indented bodies as UTF-8, remembered per body object: a kept report is rendered again with each
 * request's manifest. The bytes are a view into the first answer rendered from the body (which
 * render.ts keeps too), so the body's indented bytes are held once.
 */
const indentedBodies = new WeakMap<AnnualReportBody, Buffer>();
const TAIL = Buffer.from('\n}\n');

/**
 * Canonical JSON (RFC 8785 key order and numbers), indented for reading, newline at the end: the
 * bytes of indenting the canonical JSON of `{ manifest, report }` as a whole, composed from the
 * two parts so the body is indented and encoded once per body, not per request.
 */
export function renderJson(r: AnnualReport): Buffer {
  const head = Buffer.from(`{\n  "manifest": ${nested(indented(canonicalJson(r.manifest)))},\n  "report": `);
  const kept = indentedBodies.get(r.report);
  const body = kept ?? Buffer.from(nested(indented(canonicalBody(r.report).toString('utf8'))));
  const answer = Buffer.concat([head, body, TAIL]);
  if (kept === undefined) indentedBodies.set(r.report, answer.subarray(head.length, head.length + body.length));
  return answer;
}
