import type { ChainReport } from './chain-verifier.js';

/** Human-readable verification result, one line per stream, then the broken links in detail. */
export function formatChainReport(report: ChainReport): string {
  const lines: string[] = [];
  for (const s of report.streams) {
    lines.push(`${s.ok ? 'ok    ' : 'BROKEN'}  ${s.streamId.padEnd(24)} ${String(s.eventsChecked).padStart(9)} events checked  head ${s.headHash.slice(0, 16)}`);
  }
  for (const s of report.streams) {
    if (!s.broken) continue;
    const b = s.broken;
    lines.push('');
    lines.push(`First broken link in ${b.streamId} at revision ${b.streamRevision} (event ${b.eventId}, position ${b.position}):`);
    lines.push(`  ${b.reason}`);
    lines.push(`  expected ${b.expected}`);
    lines.push(`  actual   ${b.actual}`);
  }
  lines.push('');
  lines.push(
    report.ok
      ? `All ${report.streams.length} chains intact: ${report.eventsChecked} events verified through position ${report.throughPosition}.`
      : `${report.streams.filter((s) => !s.ok).length} of ${report.streams.length} chains broken; ${report.eventsRead} events read through position ${report.throughPosition}.`,
  );
  return `${lines.join('\n')}\n`;
}
