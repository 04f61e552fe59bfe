// Overview: every configured country with its latest score and band, the Commission's finding
// beside it, score and return-rate charts across years, and the last activity.
import { getJson } from '../api.js';
import { chartCanvas, lineChart } from '../charts.js';
import { h, replace, table } from '../dom.js';
import { loadCountries, loadModels, loadScoreHistory, returnRateOf } from '../data.js';
import { bandBadge, bandRanges, countryName, findingBadge, fmtCount, fmtDateTime, fmtPercent, fmtScore, frozenText } from '../format.js';

const BAND_ORDER = ['adequate', 'needs-improvement', 'insufficient'];

function scoreCell(s) {
  if (!s) return 'No data yet';
  if (s.score === null) return h('span', {}, `No score for ${s.year}`, h('br'), h('small', {}, s.reasonDetail ?? s.reason ?? ''));
  return h(
    'span',
    {},
    h('strong', { class: 'score' }, fmtScore(s.score)),
    ` (${s.year}${s.provisional ? ', provisional' : ''}${s.containsEstimates ? ', contains estimates' : ''}, model ${s.modelVersion})`,
    s.frozen ? [h('br'), h('small', {}, frozenText(s.frozen))] : null,
  );
}

function activityCell(a) {
  if (!a) return 'No events recorded';
  return h('span', {}, `${a.occurredOn} · ${a.type}`, h('br'), h('small', {}, `recorded ${fmtDateTime(a.recordedAt)}; ${fmtCount(a.events)} events in total`));
}

export async function render(view) {
  const [countries, models] = await Promise.all([loadCountries(), loadModels()]);
  const model = models[models.length - 1];
  const [history, profiles] = await Promise.all([
    loadScoreHistory(countries, model.modelVersion),
    Promise.all(countries.map((c) => getJson(`/v1/countries/${c.code}/profile`).catch(() => null))),
  ]);
  const { years, cards } = history;

  const rows = countries.map((c, i) => [
    h('a', { href: `#/country/${c.code}` }, countryName(c.code)),
    scoreCell(c.latestScore),
    bandBadge(c.latestScore?.band ?? null),
    findingBadge(profiles[i]?.officialFinding ?? null),
    activityCell(c.lastActivity),
  ]);

  const scoreSeries = countries.map((c) => ({ label: c.code, values: cards[c.code].map((card) => card?.score ?? null) }));
  const rateSeries = countries.map((c) => ({ label: c.code, values: cards[c.code].map((card) => returnRateOf(card)) }));
  const bands = model.model?.bands ?? { adequate: 60, needsImprovement: 40 };
  const ranges = bandRanges(bands);
  const yearTable = (caption, series, fmt) =>
    table(caption, ['Country', ...years.map(String)], series.map((s) => [s.label, ...s.values.map(fmt)]), { class: 'data-table compact' });

  replace(
    view,
    h(
      'section',
      { 'aria-labelledby': 'overview-heading' },
      h('h1', { id: 'overview-heading' }, 'Overview'),
      h('p', { class: 'meta' }, `Scoring model ${model.modelVersion}: ${model.model?.label ?? ''}`),
      // An empty service says how data gets in, rather than a table of "No data yet".
      countries.every((c) => !c.lastActivity)
        ? h(
            'p',
            { class: 'notice', id: 'no-data' },
            'No facts are recorded yet. Desks record them through the API, analysts import Eurostat files (npm run import:eurostat), and npm run demo loads demonstration data into an empty data directory (see the README).',
          )
        : null,
      table("Countries: our latest score and band, and the Commission's own finding", ['Country', 'Latest score', 'Band', 'Commission finding (official)', 'Last activity'], rows, {
        class: 'data-table',
        id: 'overview-table',
      }),
      h(
        'div',
        { class: 'chart-grid' },
        h(
          'figure',
          { 'aria-labelledby': 'score-chart-title' },
          h('figcaption', { id: 'score-chart-title' }, `Cooperation score by year (0–100, model ${model.modelVersion})`),
          // The band zones drawn behind the lines, as text.
          h('p', { id: 'band-ranges', class: 'meta' }, 'Bands: ', BAND_ORDER.map((b, i) => [i > 0 ? ' ' : '', bandBadge(b, `(${ranges[b]})`)])),
          chartCanvas('score-chart', 'Line chart of the cooperation score per country by year; the numbers are in the table below'),
          h('details', {}, h('summary', {}, 'Score chart as a table'), yearTable('Cooperation score by year', scoreSeries, fmtScore)),
        ),
        h(
          'figure',
          { 'aria-labelledby': 'rate-chart-title' },
          h('figcaption', { id: 'rate-chart-title' }, 'Return rate by year (returns / return decisions, Art. 25a(2)(b))'),
          chartCanvas('return-rate-chart', 'Line chart of the return rate per country by year; the numbers are in the table below'),
          h('details', {}, h('summary', {}, 'Return-rate chart as a table'), yearTable('Return rate by year', rateSeries, (v) => fmtPercent(v))),
        ),
      ),
    ),
  );

  lineChart(view.querySelector('#score-chart'), { years, series: scoreSeries, yTitle: 'Score', yMax: 100, bands });
  const maxRate = Math.max(0.1, ...rateSeries.flatMap((s) => s.values).filter((v) => v !== null));
  lineChart(view.querySelector('#return-rate-chart'), { years, series: rateSeries, yTitle: 'Return rate', yMax: Math.ceil(maxRate * 10) / 10, percent: true });
}
