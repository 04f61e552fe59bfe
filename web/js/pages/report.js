// Annual report: choose year, asOf and scoring model; preview it (the server's HTML rendering in a
// sandboxed frame, and the manifest); download it as JSON, CSV, Markdown or HTML.
import { fetchWithToken, getJson, withQuery } from '../api.js';
import { definitionList, errorBox, field, h, loading, replace, table } from '../dom.js';
import { loadCountries, latestYear, loadModels } from '../data.js';
import { bandBadge, countryName, findingBadge, fmtScore, frozenText } from '../format.js';
import { navigate } from '../router.js';

export const FORMATS = [
  { format: 'json', label: 'JSON', ext: 'json' },
  { format: 'csv', label: 'CSV', ext: 'csv' },
  { format: 'md', label: 'Markdown', ext: 'md' },
  { format: 'html', label: 'HTML', ext: 'html' },
];

const reportPath = (year) => `/v1/reports/annual/${year}`;

function fileNameFrom(res, fallback) {
  const cd = res.headers.get('content-disposition') ?? '';
  const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(cd);
  return m ? decodeURIComponent(m[1]) : fallback;
}

/** Fetches with the token (a plain link could not send it) and hands the bytes to the browser. */
async function download(query, f, status) {
  status.textContent = `Preparing ${f.label}…`;
  try {
    const res = await fetchWithToken(withQuery(reportPath(query.year), { ...query, year: undefined, format: f.format }), '*/*');
    const blob = await res.blob();
    const name = fileNameFrom(res, `annual-report-${query.year}.${f.ext}`);
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: name, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    status.textContent = `Downloaded ${name} (${blob.size.toLocaleString('en-GB')} bytes).`;
  } catch (err) {
    replace(status, errorBox(err));
  }
}

function manifestList(m) {
  if (!m) return h('p', {}, 'The report has no manifest.');
  return definitionList(
    [
      ['Year', String(m.year)],
      ['Countries', (m.countries ?? []).join(', ')],
      ['As of (recorded-time cutoff)', m.asOf],
      ...(m.frozen ? [['Frozen', frozenText(m.frozen)]] : []),
      ['Global position', String(m.position)],
      ['Scoring model', String(m.modelVersion)],
      ['Projection versions', Object.entries(m.projectionVersions ?? {}).map(([k, v]) => `${k} v${v}`).join(', ')],
      ['Report format version', String(m.reportFormatVersion)],
      ['Content hash (sha-256)', h('code', { class: 'hash' }, m.contentHash)],
    ],
    { class: 'facts', id: 'report-manifest' },
  );
}

/** A summary table of the JSON report's countries (`{ manifest, report: { countries: [{ country, scorecard }] } }`). */
function countrySummary(body) {
  const list = body.report?.countries ?? body.countries;
  const rows = (Array.isArray(list) ? list : []).filter((c) => c && typeof c === 'object');
  if (rows.length === 0) return null;
  return table(
    'Countries in the report',
    ['Country', 'Score', 'Band', 'Provisional', 'Contains estimates', 'Commission finding (official)'],
    rows.map((c) => {
      const card = c.scorecard ?? c;
      const code = c.country ?? c.code ?? card.country;
      return [
        countryName(code),
        card.score === null || card.score === undefined ? h('span', {}, 'No score', h('br'), h('small', {}, card.reasonDetail ?? '')) : fmtScore(card.score),
        bandBadge(card.band ?? null),
        card.provisional ? 'Yes' : 'No',
        card.containsEstimates ? 'Yes' : 'No',
        findingBadge(card.officialFinding ?? null),
      ];
    }),
    { class: 'data-table', id: 'report-countries' },
  );
}

export async function render(view, params) {
  const [countries, models] = await Promise.all([loadCountries(), loadModels()]);
  const defaultYear = latestYear(countries);
  const year = Number.parseInt(params.get('year') ?? '', 10) || defaultYear;
  const asOf = params.get('asOf') ?? '';
  const model = params.get('model') ?? '';
  const query = { year, asOf, model };

  const form = h(
    'form',
    {
      class: 'filters',
      id: 'report-form',
      onsubmit: (e) => {
        e.preventDefault();
        const fd = new FormData(e.target);
        const q = new URLSearchParams();
        for (const k of ['year', 'asOf', 'model']) if (fd.get(k)) q.set(k, String(fd.get(k)));
        navigate(`#/report?${q}`);
      },
    },
    field(h('label', { for: 'report-year' }, 'Year'), h('input', { id: 'report-year', name: 'year', type: 'number', min: 2000, max: 2100, required: true, value: year })),
    field(
      h('label', { for: 'report-asof' }, 'As known at (end of day, UTC)'),
      h('input', { id: 'report-asof', name: 'asOf', type: 'date', value: asOf, 'aria-describedby': 'asof-help' }),
    ),
    field(
      h('label', { for: 'report-model' }, 'Scoring model'),
      h(
        'select',
        { id: 'report-model', name: 'model' },
        h('option', { value: '' }, 'Latest published'),
        models.map((m) => h('option', { value: m.modelVersion, selected: String(m.modelVersion) === model }, `${m.modelVersion}: ${m.model?.label ?? ''}`)),
      ),
    ),
    h('button', { type: 'submit' }, 'Preview report'),
    h('p', { id: 'asof-help', class: 'help' }, 'Leave "as known at" empty for everything recorded so far. An old date reproduces the report as it could have been made then.'),
  );

  const status = h('p', { id: 'download-status', role: 'status' });
  const downloads = h(
    'div',
    { class: 'downloads', role: 'group', 'aria-label': 'Download the report' },
    FORMATS.map((f) => h('button', { type: 'button', 'data-format': f.format, onclick: () => download(query, f, status) }, `Download ${f.label}`)),
  );

  // Building a report can take seconds (a closed year's first frozen answer): say so meanwhile.
  const preview = h('div', { id: 'report-preview' }, loading(`the ${year} report preview`));
  replace(
    view,
    h('h1', { id: 'report-heading' }, `Annual report ${year}`),
    form,
    h('h2', {}, 'Download'),
    downloads,
    status,
    preview,
  );

  try {
    const qs = { asOf: asOf || undefined, model: model || undefined };
    const [report, htmlRes] = await Promise.all([getJson(reportPath(year), { ...qs, format: 'json' }), fetchWithToken(withQuery(reportPath(year), { ...qs, format: 'html' }), 'text/html')]);
    const html = await htmlRes.text();
    replace(
      preview,
      h('h2', {}, 'Manifest'),
      manifestList(report.manifest),
      countrySummary(report),
      h('h2', {}, 'Preview'),
      // The server's own HTML rendering, sandboxed: no scripts, no same-origin access, no token.
      h('iframe', { id: 'report-frame', title: `Annual report ${year} preview`, sandbox: '', srcdoc: html, class: 'report-frame' }),
    );
  } catch (err) {
    replace(preview, errorBox(err));
  }
}
