/**
 * Countries split into at most `groups` groups of about equal event counts (longest first, each to
 * the lightest group: within 4/3 of the best split). Empty groups are left out; the order is
 * deterministic (ties by country code).
 */
export function planPartitions(counts: ReadonlyMap<string, number>, groups: number): string[][] {
  const n = Math.max(1, Math.min(Math.trunc(groups), counts.size));
  const bins = Array.from({ length: n }, () => ({ load: 0, countries: [] as string[] }));
  const byWeight = [...counts.entries()].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
  for (const [country, count] of byWeight) {
    let lightest = bins[0]!;
    for (const b of bins) if (b.load < lightest.load) lightest = b;
    lightest.load += count;
    lightest.countries.push(country);
  }
  return bins.filter((b) => b.countries.length > 0).map((b) => b.countries.sort());
}
