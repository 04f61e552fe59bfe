import type { AggregateReport, AggregateType } from './inputs.js';

/**
 * Choosing aggregate figures for a period. Rules (our assumption, stated in the scorecard notes):
 * - per reporting scope, the latest report (highest position) replaces earlier ones (re-extraction);
 *   the scorecard names what was replaced (a `replaced-figures` warning), since an older release
 *   entered after a newer one replaces it too;
 * - an EU-wide scope (EU27_2020, EU27, EU28) is used when present, else Member State scopes are summed;
 * - a year without a yearly report is the sum of its four quarters (all four must be present).
 */

export const EU_SCOPES = new Set(['EU27_2020', 'EU27', 'EU28']);

export interface Picked {
  reports: AggregateReport[];
  scope: string;
  /** Earlier reports of the same period and scope that `reports` replace. */
  replaced: AggregateReport[];
}

/** Reports of one type for exactly this period, after the scope rule. */
function pickForPeriod(reports: AggregateReport[], type: AggregateType, period: string, filter?: (r: AggregateReport) => boolean): Picked | null {
  const latest = new Map<string, AggregateReport>();
  const replaced = new Map<string, AggregateReport[]>();
  for (const r of reports) {
    if (r.type !== type || r.period !== period || (filter && !filter(r))) continue;
    const scope = String(r.data['reportingScope']);
    const prev = latest.get(scope);
    if (prev && prev.position > r.position) replaced.set(scope, [...(replaced.get(scope) ?? []), r]);
    else {
      if (prev) replaced.set(scope, [...(replaced.get(scope) ?? []), prev]);
      latest.set(scope, r);
    }
  }
  if (latest.size === 0) return null;
  const replacedIn = (used: AggregateReport[]) =>
    used.flatMap((r) => replaced.get(String(r.data['reportingScope'])) ?? []).sort((a, b) => a.position - b.position);
  const eu = [...latest.values()].filter((r) => EU_SCOPES.has(String(r.data['reportingScope']))).sort((a, b) => b.position - a.position);
  if (eu.length > 0) return { reports: [eu[0]!], scope: String(eu[0]!.data['reportingScope']), replaced: replacedIn([eu[0]!]) };
  const ms = [...latest.values()].sort((a, b) => a.position - b.position);
  return { reports: ms, scope: ms.map((r) => r.data['reportingScope']).join('+'), replaced: replacedIn(ms) };
}

/** Reports for a year or a quarter; a year falls back to its four quarters. */
export function pickReports(
  reports: AggregateReport[],
  type: AggregateType,
  year: number,
  quarter: number | null,
  filter?: (r: AggregateReport) => boolean,
): (Picked & { fromQuarters: boolean }) | null {
  if (quarter !== null) {
    const p = pickForPeriod(reports, type, `${year}-Q${quarter}`, filter);
    return p && { ...p, fromQuarters: false };
  }
  const y = pickForPeriod(reports, type, String(year), filter);
  if (y) return { ...y, fromQuarters: false };
  const qs = [1, 2, 3, 4].map((q) => pickForPeriod(reports, type, `${year}-Q${q}`, filter));
  if (qs.some((q) => q === null)) return null;
  return { reports: qs.flatMap((q) => q!.reports), scope: qs.map((q) => q!.scope).join(', '), replaced: qs.flatMap((q) => q!.replaced), fromQuarters: true };
}

export function sumField(p: Picked, field: string): number | null {
  let total = 0;
  for (const r of p.reports) {
    const v = r.data[field];
    if (typeof v !== 'number') return null;
    total += v;
  }
  return total;
}
