// Formatting shared by the pages: country names, numbers, dates, and band badges.
import { h } from './dom.js';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** "Ethiopia (ET)"; the country list is configuration, so names come from the browser's ICU data. */
export function countryName(code) {
  let name = code;
  try {
    name = regionNames.of(code) ?? code;
  } catch {
    name = code;
  }
  return name === code ? code : `${name} (${code})`;
}

export const fmtNumber = (n, digits = 1) =>
  n === null || n === undefined ? '—' : Number(n).toLocaleString('en-GB', { maximumFractionDigits: digits });

/** Scores always with one decimal, so a column of them lines up and 64 reads as exactly as 63.5. */
export const fmtScore = (n) =>
  n === null || n === undefined ? '—' : Number(n).toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** Counts (events, lag) with thousands separators, like every other number on the dashboard. */
export const fmtCount = (n) => fmtNumber(n, 0);

export const fmtPercent = (rate, digits = 1) =>
  rate === null || rate === undefined ? '—' : `${(rate * 100).toLocaleString('en-GB', { maximumFractionDigits: digits })}%`;

export const fmtDateTime = (iso) => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '—');

/**
 * Bands are told by text, icon and pattern as well as colour, so they survive colour blindness,
 * greyscale printing and screen readers (the icon is decorative; the text says it).
 */
export const BANDS = {
  adequate: { label: 'Adequate', icon: '●', cls: 'band-adequate', pattern: 'solid' },
  'needs-improvement': { label: 'Needs improvement', icon: '◆', cls: 'band-needs-improvement', pattern: 'stripes' },
  insufficient: { label: 'Insufficient', icon: '▲', cls: 'band-insufficient', pattern: 'cross-hatch' },
};

/** Each band's score range under a model's thresholds (scores have decimals: 59.5 is below 60). */
export const bandRanges = (t) => ({
  adequate: `${t.adequate} or more`,
  'needs-improvement': `${t.needsImprovement} to under ${t.adequate}`,
  insufficient: `under ${t.needsImprovement}`,
});

export function bandBadge(band, extra) {
  if (!band) return h('span', { class: 'band band-none' }, h('span', { class: 'band-icon', 'aria-hidden': 'true' }, '○'), ' No band');
  const b = BANDS[band] ?? { label: band, icon: '?', cls: 'band-none' };
  return h(
    'span',
    { class: `band ${b.cls}`, 'data-band': band },
    h('span', { class: 'band-icon', 'aria-hidden': 'true' }, b.icon),
    ` ${b.label}`,
    extra ? ` ${extra}` : '',
  );
}

const FINDINGS = {
  sufficient: { label: 'Cooperating sufficiently', icon: '✓' },
  insufficient: { label: 'Not cooperating sufficiently', icon: '✗' },
  'not-public': { label: 'Finding not public', icon: '–' },
};

/** The Commission's official finding, never merged with our score. */
export function findingBadge(finding) {
  if (!finding) return h('span', { class: 'finding finding-none' }, 'No Commission finding recorded');
  const f = FINDINGS[finding.finding] ?? { label: finding.finding, icon: '?' };
  return h(
    'span',
    { class: `finding finding-${finding.finding}` },
    h('span', { 'aria-hidden': 'true' }, `${f.icon} `),
    f.label,
    h('small', {}, ` (report ${finding.reportNo}, data ${finding.dataPeriod}, ${finding.documentRef})`),
  );
}

/** Short "key: value" summary of an event's data for tables. */
export function summariseData(data) {
  if (!data || typeof data !== 'object') return '';
  return Object.entries(data)
    .map(([k, v]) => `${k}: ${typeof v === 'object' && v !== null ? JSON.stringify(v) : v}`)
    .join('; ');
}

/** What a frozen answer (a closed period) says of itself: why facts recorded later do not show. */
export const frozenText = (f) =>
  `period ${f.period} closed on ${f.closedOn}${f.dataCutoff ? ` (data cutoff ${f.dataCutoff})` : ''}: as known at ${fmtDateTime(f.frozenAt)}, later facts not shown`;
