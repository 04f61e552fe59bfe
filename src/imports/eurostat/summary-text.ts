import type { EurostatImportSummary } from '../../../contracts/index.js';

const REASON_LABELS: Record<keyof EurostatImportSummary['skippedByReason'], string> = {
  'not-available': 'not available (:)',
  confidential: 'confidential (: c)',
  'aggregate-citizen': 'aggregate citizen code',
  'country-not-configured': 'country not configured',
  'filtered-out': 'filtered out',
};

/** The summary as the command line prints it. */
export function summaryText(s: EurostatImportSummary, options: { maxChanges?: number } = {}): string {
  const maxChanges = options.maxChanges ?? 50;
  const filters = Object.entries(s.filters).map(([k, v]) => `${k}=${v}`).join(' ') || 'none';
  const row = (label: string, n: number, indent = '') => `${indent}${label.padEnd(28 - indent.length)}${String(n).padStart(10)}`;
  const out = [
    `${s.dataset} (${s.format === 'tsv' ? 'TSV' : 'SDMX-CSV'}${s.compressed ? ', gzip' : ''})` +
      `${s.lastUpdate ? `, last update ${s.lastUpdate}` : ''}, geo ${s.geo}, freq ${s.freq}, filters ${filters}`,
    row('observations read', s.observations),
    row(s.dryRun ? 'to record' : 'recorded', s.recorded),
    row('unchanged', s.unchanged),
    row(s.dryRun ? 'to correct (revised)' : 'revised (corrected)', s.revised),
    row('skipped', s.skipped),
  ];
  for (const [reason, label] of Object.entries(REASON_LABELS) as [keyof typeof REASON_LABELS, string][]) {
    if (s.skippedByReason[reason] > 0) out.push(row(label, s.skippedByReason[reason], '  '));
  }
  const by = Object.entries(s.filteredOutBy).map(([k, n]) => `${k} ${n}`).join(', ');
  if (by) out.push(`    by ${by}`);
  if (s.changes.length > 0) {
    out.push('changes:');
    for (const c of s.changes.slice(0, maxChanges)) {
      const flags = c.flags ? ` ${c.flags}` : '';
      const was = c.previousCount !== undefined ? ` (was ${c.previousCount})` : '';
      out.push(`  ${c.action.padEnd(6)} ${c.country} ${c.period.padEnd(7)} ${String(c.count).padStart(8)}${flags}${was}  line ${c.line}`);
    }
    if (s.changes.length > maxChanges) out.push(`  ... and ${s.changes.length - maxChanges} more (--json shows all)`);
  }
  out.push(s.dryRun ? 'Dry run: nothing was recorded.' : `Correlation id of the recorded events: ${s.correlationId}`);
  return out.join('\n') + '\n';
}
