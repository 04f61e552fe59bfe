import { EU_SCOPES, pickReports, type Picked } from './aggregates.js';
import type { AggregateReport, AggregateType } from './inputs.js';

/**
 * Two kinds of figures for one ratio (B: returns / return decisions) taken over the SAME reporting
 * scope: an EU-wide scope both report (EU27_2020, then EU27, EU28), else the Member States that
 * report both (summed). Picking each side on its own could divide Dutch returns by EU-wide decisions.
 */

type Pick = Picked & { fromQuarters: boolean };
interface Side {
  type: AggregateType;
  filter?: (r: AggregateReport) => boolean;
}

const scopeOf = (r: AggregateReport) => String(r.data['reportingScope']);

/** The scopes a side's reports name for the period (a year also through its quarters). */
function scopesOf(reports: AggregateReport[], side: Side, year: number, quarter: number | null): Set<string> {
  const periods = quarter !== null ? [`${year}-Q${quarter}`] : [String(year), ...[1, 2, 3, 4].map((q) => `${year}-Q${q}`)];
  return new Set(reports.filter((r) => r.type === side.type && periods.includes(r.period) && (!side.filter || side.filter(r))).map(scopeOf));
}

/** The scopes a pick covers in quarter q (a yearly pick covers the whole year). */
function scopesIn(p: Pick, year: number, q: number): string {
  const rs = p.fromQuarters ? p.reports.filter((r) => r.period === `${year}-Q${q}`) : p.reports;
  return [...new Set(rs.map(scopeOf))].sort().join('+');
}

export function pickSameScope(reports: AggregateReport[], year: number, quarter: number | null, a: Side, b: Side): { a: Pick; b: Pick } | null {
  const inA = scopesOf(reports, a, year, quarter);
  const common = [...scopesOf(reports, b, year, quarter)].filter((s) => inA.has(s));
  const candidates = [...[...EU_SCOPES].filter((s) => common.includes(s)).map((s) => new Set([s])), new Set(common.filter((s) => !EU_SCOPES.has(s)))];
  for (const scopes of candidates) {
    if (scopes.size === 0) continue;
    const only = (side: Side) => (r: AggregateReport) => scopes.has(scopeOf(r)) && (!side.filter || side.filter(r));
    const pa = pickReports(reports, a.type, year, quarter, only(a));
    const pb = pickReports(reports, b.type, year, quarter, only(b));
    // A Member State may report one side for some quarters only: each quarter must cover the same scopes.
    if (pa && pb && [1, 2, 3, 4].every((q) => scopesIn(pa, year, q) === scopesIn(pb, year, q))) return { a: pa, b: pb };
  }
  return null;
}
