import { fmtBool, fmtNum } from './format.js';
import type { AnnualReport } from './types.js';

export const CSV_COLUMNS = [
  'year',
  'country',
  'indicator',
  'article',
  'label',
  'weight',
  'effective_weight',
  'available',
  'source',
  'numerator',
  'denominator',
  'rate',
  'normalised',
  'insufficient_reason',
  'notes',
  'warnings',
  'evidence_events',
  'score',
  'band',
  'provisional',
  'contains_estimates',
  'official_finding',
  'model_version',
  'as_of',
  'frozen_at',
  'position',
  'content_hash',
] as const;

/** RFC 4180 field: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** RFC 4180: CRLF line ends, a header row, one row per country and indicator. */
export function renderCsv(r: AnnualReport): string {
  const m = r.manifest;
  const lines = [CSV_COLUMNS.join(',')];
  for (const c of r.report.countries) {
    const s = c.scorecard;
    const f = s.officialFinding;
    // What the other formats say beside the numbers: a spreadsheet row must not lose it (a proxy
    // numerator, unanswered requests, estimates, and which year's data the finding is about).
    const finding = f ? `${f.finding} (report ${f.reportNo}, data ${f.dataPeriod}, ${f.documentRef}, adopted ${f.adoptedOn})` : '';
    for (const i of s.indicators) {
      const warnings = s.warnings.filter((w) => w.indicator === i.code || w.indicator === null).map((w) => `${w.code}: ${w.message}`);
      const row = [
        String(r.report.year),
        c.country,
        i.code,
        i.article,
        i.label,
        fmtNum(i.weight),
        fmtNum(i.effectiveWeight),
        fmtBool(i.available),
        i.source ?? '',
        fmtNum(i.numerator),
        fmtNum(i.denominator),
        fmtNum(i.rate),
        fmtNum(i.normalised),
        i.insufficientReason ?? '',
        i.notes.join('; '),
        warnings.join('; '),
        String(i.evidenceCount),
        fmtNum(s.score),
        s.band ?? '',
        fmtBool(s.provisional),
        fmtBool(s.containsEstimates),
        finding,
        String(s.modelVersion),
        m.asOf,
        m.frozen?.frozenAt ?? '',
        String(m.position),
        m.contentHash,
      ];
      lines.push(row.map(csvField).join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
