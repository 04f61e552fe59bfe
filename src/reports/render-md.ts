import { BOUNDED_EVIDENCE_NOTE, evidenceCell, fmtNum, fmtPct, frozenNote } from './format.js';
import type { AnnualReport, CountryReport } from './types.js';

/** Table cell text: pipes escaped, line breaks flattened, `<` escaped (a desk's text is no HTML for a Markdown viewer). */
const cell = (s: string | number | null | undefined) => (s === null || s === undefined ? '' : String(s)).replace(/\\/g, '\\\\').replace(/([|<])/g, '\\$1').replace(/\s*[\r\n]+\s*/g, ' ');
/** Inline text outside tables: markdown control characters at line starts cannot start blocks. */
const text = (s: string) => s.replace(/\s*[\r\n]+\s*/g, ' ').replace(/([\\`*_<>\[\]])/g, '\\$1');

function table(head: string[], rows: (string | number | null | undefined)[][]): string[] {
  if (rows.length === 0) return ['_None._', ''];
  return [`| ${head.map(cell).join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`), ''];
}

function country(c: CountryReport): string[] {
  const s = c.scorecard;
  const out: string[] = [`## ${c.country}`, ''];
  out.push(
    `**Score:** ${s.score === null ? 'none' : fmtNum(s.score)}${s.band ? ` (${s.band})` : ''}${s.provisional ? ', provisional' : ''}${s.containsEstimates ? ', contains estimates' : ''} — model ${s.modelVersion} (${text(s.modelLabel)})`,
    '',
  );
  if (s.officialFinding) {
    const f = s.officialFinding;
    out.push(`**Commission finding** (report ${f.reportNo}, data ${f.dataPeriod}): ${f.finding} — ${text(f.documentRef)}, adopted ${f.adoptedOn}`, '');
  } else out.push(`**Commission finding:** none recorded on ${s.year} data`, '');
  out.push('### Indicators', '');
  out.push(
    ...table(
      ['Code', 'Art. 25a(2)', 'Indicator', 'Weight', 'Eff. weight', 'Numerator', 'Denominator', 'Rate', 'Normalised', 'Source', 'Evidence events', 'Note'],
      s.indicators.map((i) => [i.code, i.article, i.label, fmtNum(i.weight), fmtNum(i.effectiveWeight), fmtNum(i.numerator), fmtNum(i.denominator), fmtPct(i.rate), fmtNum(i.normalised), i.source ?? '', evidenceCell(i), i.insufficientReason ?? i.notes.join('; ')]),
    ),
  );
  if (s.warnings.length > 0) out.push(...s.warnings.map((w) => `- Warning (${w.code}${w.indicator ? `, ${w.indicator}` : ''}): ${text(w.message)}`), '');
  out.push('### Instruments at year end', '');
  out.push(...table(['Instrument', 'Title', 'Kind', 'Level', 'Status', 'Suspension'], c.instruments.map((i) => [i.instrumentId, i.title, i.kind, i.level, i.statusAtYearEnd, i.suspension ? `${i.suspension.effect} by ${i.suspension.declaredBy} on ${i.suspension.declaredOn}` : ''])));
  out.push('### Article 25a visa measures at year end', '');
  out.push(...table(['Measure', 'Legal basis', 'Provisions', 'Status', 'Proposal', 'Council act'], c.visaMeasures.map((m) => [m.measureId, m.legalBasis, m.provisions.join(', '), m.statusAtYearEnd, m.proposalRef, m.councilActRef])));
  out.push('### Dialogue sessions', '');
  out.push(...table(['Date', 'Track', 'Location', 'Topics', 'Outcome'], c.dialogueSessions.map((d) => [d.on, d.trackTitle ?? d.trackId, d.location, d.topics.join(', '), d.outcomeSummary])));
  out.push('### Return operations', '');
  out.push(...table(['Operation', 'Mode', 'Status', 'Planned', 'Executed', 'Returnees', 'Cancelled', 'Cause'], c.returnOperations.map((o) => [o.operationId, o.mode, o.status, o.plannedDate, o.executedOn, fmtNum(o.returnees), o.cancelledOn, o.cancelCause])));
  if (c.partnerMoratoria.length > 0) {
    out.push('### Partner moratoria', '');
    out.push(...table(['Moratorium', 'Scope', 'From', 'To'], c.partnerMoratoria.map((m) => [m.moratoriumId, m.scope, m.from, m.to ?? 'open'])));
  }
  out.push('### Data gaps', '');
  out.push(...(c.dataGaps.length > 0 ? c.dataGaps.map((g) => `- ${text(g)}`) : ['_None._']), '');
  out.push('### Evidence', '');
  if (s.indicators.some((i) => i.evidenceTruncated)) out.push(`_${BOUNDED_EVIDENCE_NOTE}_`, '');
  out.push(...table(['Occurred', 'Type', 'Source', 'Reference', 'Evidence', 'Status', 'Event id', 'Position'], c.evidence.map((e) => [e.occurredOn, e.type, e.sourceKind, e.reference, e.evidenceStatus, e.status, e.eventId, e.position])));
  return out;
}

/** Readable Markdown: manifest first, then one section per country. */
export function renderMarkdown(r: AnnualReport): string {
  const m = r.manifest;
  const out: string[] = [`# ${text(r.report.title)}`, '', `_${text(r.report.disclaimer)}_`, '', '## Manifest', ''];
  out.push(
    ...table(
      ['Field', 'Value'],
      [
        ['As known at (recorded time)', m.asOf],
        ...(m.frozen ? [['Frozen', text(frozenNote(m.frozen))]] : []),
        ['Global position', m.position],
        ['Scoring model version', m.modelVersion],
        ['Evidence', m.evidence === 'full' ? 'full (every evidence event cited)' : 'bounded (each indicator cites its first evidence events)'],
        ['Projection versions', Object.entries(m.projectionVersions).map(([k, v]) => `${k} v${v}`).join(', ')],
        ['Report format version', m.reportFormatVersion],
        ['Year-end reference date', r.report.referenceDate],
        ['Countries', m.countries.join(', ')],
        ['Content hash (sha256)', `\`${m.contentHash}\``],
      ],
    ),
  );
  for (const c of r.report.countries) out.push(...country(c));
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
