import type { FrozenPeriod } from '../../contracts/read-models.js';

/** Canonical number text for the tabular formats: at most 4 decimals, no trailing zeros, no exponent, no -0. */
export function fmtNum(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '';
  const rounded = Number(n.toFixed(4));
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** A rate 0..1 as a percentage with one decimal ("" when absent). */
export function fmtPct(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '';
  return `${fmtNum(Number((rate * 100).toFixed(1)))}%`;
}

export function fmtBool(b: boolean | null | undefined): string {
  return b === null || b === undefined ? '' : b ? 'yes' : 'no';
}

/** An indicator's evidence: the count, and how many are cited when the list is bounded. */
export function evidenceCell(i: { evidence: readonly string[]; evidenceCount: number; evidenceTruncated: boolean }): string {
  return i.evidenceTruncated ? `${i.evidenceCount} (first ${i.evidence.length} cited)` : String(i.evidenceCount);
}

export const BOUNDED_EVIDENCE_NOTE = 'Each indicator cites its first evidence events only (see the counts above); the report with evidence=full cites every one.';

/** What a frozen report says of its closure, beside the manifest. */
export function frozenNote(f: FrozenPeriod): string {
  const cutoff = f.dataCutoff === null ? '' : `, data cutoff ${f.dataCutoff}`;
  return `${f.period} closed on ${f.closedOn}${cutoff} (recorded ${f.closedAt}): as known at ${f.frozenAt}; facts recorded later are not shown (frozen=false: live figures)`;
}
