import { createHash } from 'node:crypto';
import type { ReportManifest } from '../../contracts/reports.js';
import { canonicalJson } from '../store/canonical-json.js';
import type { AnnualReportBody } from './types.js';

/** Bump when the report body's shape or rendering changes (old reports then hash differently, knowingly). */
export const REPORT_FORMAT_VERSION = 5; // 2: evidence bounded by default, `evidence` in the manifest; 3: CSV notes and warnings columns, finding with its data period; 'none recorded on YEAR data'; evidence mode in the Markdown and HTML manifests; 4: a closed year is frozen at its closure (`frozen` in the manifest and each scorecard, the CSV frozen_at column); 5: the HTML report links only http(s) source URLs, the Markdown escapes < in table cells

/**
 * sha256 of the RFC 8785 canonical JSON of `{ manifest (without contentHash), report }`: the same
 * inputs give the same hash whatever the output format, and any change to the body changes it.
 * Composed from the two canonical parts ("manifest" sorts before "report"), the body's from its kept bytes.
 */
export function contentHash(manifest: Omit<ReportManifest, 'contentHash'>, report: AnnualReportBody): string {
  const head = `{"manifest":${canonicalJson(manifest)},"report":`;
  const last = lastHashes.get(report);
  if (last?.head === head) return last.hash;
  const hash = createHash('sha256').update(head).update(canonicalBody(report)).update('}').digest('hex');
  lastHashes.set(report, { head, hash });
  return hash;
}

/** The last hash of each body, with the manifest it covers: a kept report asked for "now" repeats its manifest. */
const lastHashes = new WeakMap<AnnualReportBody, { head: string; hash: string }>();

/** Canonical JSON of report bodies already serialised: a kept body is hashed again with each request's manifest. */
const canonicalBodies = new WeakMap<AnnualReportBody, Buffer>();

/** RFC 8785 canonical JSON of a report body as UTF-8, remembered per body object (reports are not changed after they are built). */
export function canonicalBody(report: AnnualReportBody): Buffer {
  let body = canonicalBodies.get(report);
  if (body === undefined) canonicalBodies.set(report, (body = Buffer.from(canonicalJson(report))));
  return body;
}

/** Recomputes the hash of a parsed JSON report and says whether it matches its manifest. */
export function checkContentHash(parsed: { manifest: ReportManifest; report: AnnualReportBody }): boolean {
  const { contentHash: stated, ...rest } = parsed.manifest;
  return contentHash(rest, parsed.report) === stated;
}
