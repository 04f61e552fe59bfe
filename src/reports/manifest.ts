import { createHash } from 'node:crypto';
import type { ReportManifest } from '../../contracts/reports.js';
import { canonicalJson } from '../store/hash-chain.js';
import type { AnnualReportBody } from './types.js';

/** Bump when the report body's shape or rendering changes (old reports then hash differently, knowingly). */
export const REPORT_FORMAT_VERSION = 2; // 2: evidence bounded by default, `evidence` in the manifest

/**
 * sha256 of the RFC 8785 canonical JSON of `{ manifest (without contentHash), report }`: the same
 * inputs give the same hash whatever the output format, and any change to the body changes it.
 * Composed from the two canonical parts ("manifest" sorts before "report"), the body's from its kept bytes.
 */
export function contentHash(manifest: Omit<ReportManifest, 'contentHash'>, report: AnnualReportBody): string {
  return createHash('sha256').update(`{"manifest":${canonicalJson(manifest)},"report":`).update(canonicalBody(report)).update('}').digest('hex');
}

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
