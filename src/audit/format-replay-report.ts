import type { ReplayReport } from './replay.js';

export function formatReplayReport(r: ReplayReport): string {
  const lines: string[] = [];
  for (const p of r.projections) {
    lines.push(`${p.differences === 0 && !p.note ? 'ok  ' : 'DIFF'}  ${p.name} v${p.version} at position ${p.position}: ${p.rowsCompared} rows compared, ${p.differences} differences${p.note ? ` (${p.note})` : ''}`);
  }
  if (r.differences.length > 0) {
    lines.push('');
    for (const d of r.differences) lines.push(`${d.projection}/${d.table} ${d.key}: ${d.kind}${d.detail ? ` — ${d.detail}` : ''}`);
    if (r.totalDifferences > r.differences.length) lines.push(`... and ${r.totalDifferences - r.differences.length} more`);
  }
  lines.push('');
  lines.push(r.ok ? 'Replay matches the live read models.' : `Replay found ${r.totalDifferences} difference(s).`);
  return `${lines.join('\n')}\n`;
}
