import { BOUNDED_EVIDENCE_NOTE, evidenceCell, fmtNum, fmtPct, frozenNote } from './format.js';
import type { AnnualReport, CountryReport } from './types.js';

/** Escapes text for element content and double-quoted attributes. */
export function esc(value: string | number | null | undefined): string {
  const s = value === null || value === undefined ? '' : String(value);
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Only these become links: a `javascript:` URL stored before facts were refused for it would run when clicked. */
const WEB_URL = /^https?:\/\//i;

const CSS = `
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1f24; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .25rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid #1b1f24; padding-bottom: .2rem; margin-top: 2.5rem; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
p.disclaimer { color: #4a525c; font-style: italic; }
table { border-collapse: collapse; width: 100%; margin: .3rem 0 1rem; font-size: 12.5px; }
th, td { border: 1px solid #c9ced4; padding: .25rem .4rem; text-align: left; vertical-align: top; }
th { background: #eef1f4; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 11.5px; word-break: break-all; }
.score { font-size: 1.15rem; }
.band-adequate { color: #1a6b2c; } .band-needs-improvement { color: #8a5a00; } .band-insufficient { color: #a4161a; }
.none { color: #6a737d; font-style: italic; }
section.country { page-break-before: always; break-before: page; }
section.country:first-of-type { page-break-before: auto; break-before: auto; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  table { font-size: 9pt; page-break-inside: auto; }
  tr { page-break-inside: avoid; break-inside: avoid; }
  thead { display: table-header-group; }
  h2, h3 { page-break-after: avoid; break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
@page { size: A4; margin: 15mm; }
`;

function table(head: string[], rows: string[][], numeric: number[] = []): string {
  if (rows.length === 0) return '<p class="none">None.</p>';
  const th = head.map((h) => `<th scope="col">${esc(h)}</th>`).join('');
  const trs = rows.map((r) => `<tr>${r.map((v, i) => `<td${numeric.includes(i) ? ' class="num"' : ''}>${v}</td>`).join('')}</tr>`).join('\n');
  return `<table>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${trs}\n</tbody>\n</table>`;
}

function country(c: CountryReport): string {
  const s = c.scorecard;
  const parts: string[] = [`<section class="country" id="country-${esc(c.country)}">`, `<h2>${esc(c.country)}</h2>`];
  const band = s.band ? ` <span class="band-${esc(s.band)}">(${esc(s.band)})</span>` : '';
  parts.push(
    `<p class="score"><strong>Score:</strong> ${s.score === null ? '<span class="none">none</span>' : esc(fmtNum(s.score))}${band}${s.provisional ? ' — provisional' : ''}${s.containsEstimates ? ' — contains estimates' : ''}</p>`,
    `<p>Scoring model ${esc(s.modelVersion)}: ${esc(s.modelLabel)}</p>`,
  );
  const f = s.officialFinding;
  parts.push(
    f
      ? `<p><strong>Commission finding</strong> (report ${esc(f.reportNo)}, data ${esc(f.dataPeriod)}): ${esc(f.finding)} — ${esc(f.documentRef)}, adopted ${esc(f.adoptedOn)}</p>`
      : `<p><strong>Commission finding:</strong> <span class="none">none recorded on ${esc(c.scorecard.year)} data</span></p>`,
  );
  parts.push('<h3>Indicators</h3>');
  parts.push(
    table(
      ['Code', 'Art. 25a(2)', 'Indicator', 'Weight', 'Eff. weight', 'Numerator', 'Denominator', 'Rate', 'Normalised', 'Source', 'Evidence events', 'Note'],
      s.indicators.map((i) => [esc(i.code), esc(i.article), esc(i.label), esc(fmtNum(i.weight)), esc(fmtNum(i.effectiveWeight)), esc(fmtNum(i.numerator)), esc(fmtNum(i.denominator)), esc(fmtPct(i.rate)), esc(fmtNum(i.normalised)), esc(i.source), esc(evidenceCell(i)), esc(i.insufficientReason ?? i.notes.join('; '))]),
      [3, 4, 5, 6, 7, 8],
    ),
  );
  if (s.warnings.length > 0) parts.push(`<ul>${s.warnings.map((w) => `<li>Warning (${esc(w.code)}${w.indicator ? `, ${esc(w.indicator)}` : ''}): ${esc(w.message)}</li>`).join('')}</ul>`);
  parts.push('<h3>Instruments at year end</h3>');
  parts.push(table(['Instrument', 'Title', 'Kind', 'Level', 'Status', 'Suspension'], c.instruments.map((i) => [esc(i.instrumentId), esc(i.title), esc(i.kind), esc(i.level), esc(i.statusAtYearEnd), i.suspension ? esc(`${i.suspension.effect} by ${i.suspension.declaredBy} on ${i.suspension.declaredOn}`) : ''])));
  parts.push('<h3>Article 25a visa measures at year end</h3>');
  parts.push(table(['Measure', 'Legal basis', 'Provisions', 'Status', 'Proposal', 'Council act'], c.visaMeasures.map((m) => [esc(m.measureId), esc(m.legalBasis), esc(m.provisions.join(', ')), esc(m.statusAtYearEnd), esc(m.proposalRef), esc(m.councilActRef)])));
  parts.push('<h3>Dialogue sessions</h3>');
  parts.push(table(['Date', 'Track', 'Location', 'Topics', 'Outcome'], c.dialogueSessions.map((d) => [esc(d.on), esc(d.trackTitle ?? d.trackId), esc(d.location), esc(d.topics.join(', ')), esc(d.outcomeSummary)])));
  parts.push('<h3>Return operations</h3>');
  parts.push(table(['Operation', 'Mode', 'Status', 'Planned', 'Executed', 'Returnees', 'Cancelled', 'Cause'], c.returnOperations.map((o) => [esc(o.operationId), esc(o.mode), esc(o.status), esc(o.plannedDate), esc(o.executedOn), esc(fmtNum(o.returnees)), esc(o.cancelledOn), esc(o.cancelCause)]), [5]));
  if (c.partnerMoratoria.length > 0) {
    parts.push('<h3>Partner moratoria</h3>');
    parts.push(table(['Moratorium', 'Scope', 'From', 'To'], c.partnerMoratoria.map((m) => [esc(m.moratoriumId), esc(m.scope), esc(m.from), esc(m.to ?? 'open')])));
  }
  parts.push('<h3>Data gaps</h3>');
  parts.push(c.dataGaps.length > 0 ? `<ul>${c.dataGaps.map((g) => `<li>${esc(g)}</li>`).join('')}</ul>` : '<p class="none">None.</p>');
  parts.push('<h3>Evidence</h3>');
  if (s.indicators.some((i) => i.evidenceTruncated)) parts.push(`<p class="none">${esc(BOUNDED_EVIDENCE_NOTE)}</p>`);
  parts.push(
    table(
      ['Occurred', 'Type', 'Source', 'Reference', 'Evidence', 'Status', 'Event id', 'Position'],
      c.evidence.map((e) => [esc(e.occurredOn), esc(e.type), esc(e.sourceKind), e.url && WEB_URL.test(e.url) ? `<a href="${esc(e.url)}">${esc(e.reference)}</a>` : esc(e.reference), esc(e.evidenceStatus), esc(e.status), `<span class="mono">${esc(e.eventId)}</span>`, esc(e.position)]),
      [7],
    ),
  );
  parts.push('</section>');
  return parts.join('\n');
}

/** A self-contained, printable page: inline CSS, no scripts, every text escaped. */
export function renderHtml(r: AnnualReport): string {
  const m = r.manifest;
  const manifestRows: [string, string][] = [
    ['As known at (recorded time)', esc(m.asOf)],
    ...(m.frozen ? [['Frozen', esc(frozenNote(m.frozen))] as [string, string]] : []),
    ['Global position', esc(m.position)],
    ['Scoring model version', esc(m.modelVersion)],
    ['Evidence', esc(m.evidence === 'full' ? 'full (every evidence event cited)' : 'bounded (each indicator cites its first evidence events)')],
    ['Projection versions', esc(Object.entries(m.projectionVersions).map(([k, v]) => `${k} v${v}`).join(', '))],
    ['Report format version', esc(m.reportFormatVersion)],
    ['Year-end reference date', esc(r.report.referenceDate)],
    ['Countries', esc(m.countries.join(', '))],
    ['Content hash (sha256)', `<code>${esc(m.contentHash)}</code>`],
  ];
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8" />',
    '<meta name="viewport" content="width=device-width, initial-scale=1" />',
    `<meta name="rcm-content-hash" content="${esc(m.contentHash)}" />`,
    `<title>${esc(r.report.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<h1>${esc(r.report.title)}</h1>`,
    `<p class="disclaimer">${esc(r.report.disclaimer)}</p>`,
    '<h2>Manifest</h2>',
    table(['Field', 'Value'], manifestRows.map(([k, v]) => [esc(k), v])),
    ...r.report.countries.map(country),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
