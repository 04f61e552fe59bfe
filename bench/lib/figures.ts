/** One row of the results table: a figure beside the baseline measured in the same run. */
export interface Figure {
  scenario: string;
  figure: string;
  unit: string;
  value: number;
  baseline: number | null;
  baselineLabel: string;
  /** value / baseline (null when there is no baseline, e.g. an absolute target). */
  ratio: number | null;
  target: string;
  met: boolean | null;
  notes?: string;
}

export interface ScenarioResult {
  scenario: string;
  figures: Figure[];
  /** Everything measured, for the JSON file (runs, counters, settings). */
  details: Record<string, unknown>;
  /** Why a scenario could not run (e.g. a missing component): reported, not hidden. */
  skipped?: string;
}

export function ratio(value: number, baseline: number): number {
  return baseline === 0 ? Number.NaN : value / baseline;
}

function fmt(n: number | null, unit = ''): string {
  if (n === null || Number.isNaN(n)) return '—';
  const abs = Math.abs(n);
  const s = abs >= 1000 ? Math.round(n).toLocaleString('en') : abs >= 10 ? n.toFixed(1) : abs >= 1 ? n.toFixed(2) : n.toFixed(3);
  return unit ? `${s} ${unit}` : s;
}

export function markdownTable(results: readonly ScenarioResult[]): string {
  const lines = [
    '| scenario | figure | value | baseline (same run) | ratio | target | met |',
    '|---|---|---:|---|---:|---|:---:|',
  ];
  for (const r of results) {
    if (r.skipped) {
      lines.push(`| ${r.scenario} | — | — | — | — | — | not run: ${r.skipped} |`);
      continue;
    }
    for (const f of r.figures) {
      const base = f.baseline === null ? f.baselineLabel : `${fmt(f.baseline, f.unit)} (${f.baselineLabel})`;
      const met = f.met === null ? '—' : f.met ? 'yes' : '**no**';
      lines.push(`| ${f.scenario} | ${f.figure} | ${fmt(f.value, f.unit)} | ${base} | ${f.ratio === null ? '—' : fmt(f.ratio)} | ${f.target} | ${met} |`);
    }
  }
  const notes = results.flatMap((r) => r.figures.filter((f) => f.notes).map((f) => `- ${f.scenario}, ${f.figure}: ${f.notes}`));
  return [...lines, ...(notes.length > 0 ? ['', ...notes] : [])].join('\n');
}
