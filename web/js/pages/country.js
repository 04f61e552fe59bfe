// Country: the chosen year's scorecard with its weighted indicators (chart and raw numbers), the
// instruments and visa measures with their state, open and overdue requests, and the timeline.
import { getJson } from '../api.js';
import { chartCanvas, indicatorChart } from '../charts.js';
import { definitionList, errorBox, field, h, loading, replace, table } from '../dom.js';
import { loadCountries, YEARS_SHOWN } from '../data.js';
import { bandBadge, countryName, findingBadge, fmtDateTime, fmtNumber, fmtPercent, fmtScore, frozenText, summariseData } from '../format.js';
import { navigate } from '../router.js';

export const FAMILIES = ['dialogues', 'instruments', 'visa-measures', 'requests', 'return-operations', 'statistics', 'corrections'];

function scorecardSection(card) {
  const indicatorRows = card.indicators.map((i) => [
    `${i.code} ${i.article}`,
    i.label,
    fmtNumber(i.weight, 0),
    `${fmtNumber(i.effectiveWeight)}%`,
    i.available ? 'Yes' : h('span', {}, 'No', h('br'), h('small', {}, i.insufficientReason ?? '')),
    i.source ?? '—',
    fmtNumber(i.numerator, 2),
    fmtNumber(i.denominator, 2),
    fmtPercent(i.rate),
    fmtNumber(i.normalised),
  ]);
  return h(
    'section',
    { 'aria-labelledby': 'scorecard-heading' },
    h('h2', { id: 'scorecard-heading' }, `Scorecard ${card.period}`),
    definitionList(
      [
        ['Score', card.score === null ? `No score: ${card.reasonDetail ?? card.reason ?? ''}` : h('strong', { class: 'score', id: 'country-score' }, fmtScore(card.score))],
        ['Band', bandBadge(card.band)],
        ['Status', card.provisional ? 'Provisional (period not closed)' : card.frozen ? `Final: ${frozenText(card.frozen)}` : 'Final (period closed)'],
        ['Scoring model', `${card.modelVersion}: ${card.modelLabel}`],
        ['Weight available', `${fmtNumber(card.availableWeight)} of ${fmtNumber(card.totalWeight)}`],
        [`Commission finding on ${card.year} data (official, not merged)`, findingBadge(card.officialFinding)],
      ],
      { class: 'facts' },
    ),
    card.warnings.length > 0 ? [h('h3', {}, 'Warnings'), h('ul', {}, card.warnings.map((w) => h('li', {}, `${w.indicator ? `${w.indicator}: ` : ''}${w.message}`)))] : null,
    card.dataGaps.length > 0 ? [h('h3', {}, 'Data gaps'), h('ul', {}, card.dataGaps.map((g) => h('li', {}, g)))] : null,
    h('figure', { 'aria-labelledby': 'indicator-chart-title' }, h('figcaption', { id: 'indicator-chart-title' }, 'Weighted indicators: normalised value and effective weight'), chartCanvas('indicator-chart', 'Bar chart of the weighted indicators; the raw numbers are in the table below')),
    table('Indicators with their raw numbers', ['Indicator', 'Measure', 'Weight', 'Effective weight', 'Available', 'Source', 'Numerator', 'Denominator', 'Rate', 'Normalised'], indicatorRows, {
      class: 'data-table',
      id: 'indicator-table',
    }),
    h('p', { class: 'disclaimer' }, card.disclaimer),
  );
}

/** The indicators that carry weight in the model (A is context only). */
export const weighted = (card) => card.indicators.filter((i) => i.weight > 0);

const state = (s) => h('span', { class: `state state-${s ?? 'unknown'}` }, s ?? 'unknown');

function registersSection(profile) {
  const measures = [...profile.visaMeasures.inForce, ...profile.visaMeasures.proposed, ...profile.visaMeasures.other];
  return h(
    'section',
    { 'aria-labelledby': 'registers-heading' },
    h('h2', { id: 'registers-heading' }, `Instruments, visa measures and requests (as of ${profile.asOfDate})`),
    table(
      'Instruments',
      ['Instrument', 'Title', 'Kind', 'Level', 'State', 'Since'],
      profile.instruments.map((i) => [i.id, i.title ?? '—', i.instrumentKind ?? '—', i.level ?? '—', state(i.status), i.applicableFrom ?? i.adoptedOn ?? i.agreedOn ?? i.openedOn ?? '—']),
      { class: 'data-table', id: 'instruments-table' },
    ),
    table(
      'Article 25a visa measures',
      ['Measure', 'Legal basis', 'Provisions', 'State', 'Applicable from', 'Reference'],
      measures.map((m) => [m.id, m.legalBasis ?? '—', (m.provisions ?? []).join(', '), state(m.status), m.applicableFrom ?? '—', m.councilActRef ?? m.proposalRef ?? '—']),
      { class: 'data-table', id: 'measures-table' },
    ),
    h('p', { id: 'request-counts' }, `Open requests: ${profile.requests.open}. Overdue: ${profile.requests.overdue}.`),
    table(
      profile.requests.openRequests.length < profile.requests.open
        ? `Open requests (most recent first, ${profile.requests.openRequests.length} of ${profile.requests.open} shown)`
        : 'Open requests (most recent first)',
      ['Request', 'Kind', 'Submitted', 'Deadline', 'Overdue'],
      profile.requests.openRequests.map((r) => [
        r.requestId,
        r.requestKind ?? '—',
        r.submittedOn ?? '—',
        r.deadline,
        r.overdue ? h('span', { class: 'overdue' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), 'Overdue') : 'Within deadline',
      ]),
      { class: 'data-table', id: 'requests-table' },
    ),
  );
}

function timelineSection(country, params) {
  const family = FAMILIES.includes(params.get('family')) ? params.get('family') : '';
  const list = h('div', { id: 'timeline-results' }, loading('timeline'));
  const form = h(
    'form',
    {
      class: 'filters',
      onsubmit: (e) => {
        e.preventDefault();
        const fd = new FormData(e.target);
        const q = new URLSearchParams(params);
        for (const k of ['family', 'from', 'to']) {
          const v = fd.get(k);
          if (v) q.set(k, String(v));
          else q.delete(k);
        }
        navigate(`#/country/${country}?${q}`);
      },
    },
    field(
      h('label', { for: 'timeline-family' }, 'Family'),
      h('select', { id: 'timeline-family', name: 'family' }, h('option', { value: '' }, 'All families'), FAMILIES.map((f) => h('option', { value: f, selected: f === family }, f))),
    ),
    field(h('label', { for: 'timeline-from' }, 'From'), h('input', { id: 'timeline-from', name: 'from', type: 'date', value: params.get('from') ?? '' })),
    field(h('label', { for: 'timeline-to' }, 'To'), h('input', { id: 'timeline-to', name: 'to', type: 'date', value: params.get('to') ?? '' })),
    h('button', { type: 'submit' }, 'Filter timeline'),
  );
  const rows = [];
  // Outside `list`, so it is in the document before its text changes and screen readers announce it.
  const status = h('p', { id: 'timeline-status', role: 'status', class: 'meta' });
  const load = async (cursor) => {
    const page = await getJson(`/v1/countries/${country}/timeline`, { family, from: params.get('from'), to: params.get('to'), limit: 50, cursor });
    for (const e of page.entries) {
      rows.push([
        e.occurredOn,
        e.type,
        e.family,
        h('span', { class: `status status-${e.status}` }, e.status),
        `${fmtDateTime(e.recordedAt)} by ${e.recordedBy}`,
        h('span', { class: 'data-summary' }, summariseData(e.effective?.data ?? e.data)),
      ]);
    }
    const more = page.nextCursor ? h('button', { type: 'button', id: 'timeline-more', onclick: () => loadMore(more, page.nextCursor) }, 'Load more') : null;
    replace(
      list,
      table(`Timeline${family ? ` (${family})` : ''}: ${rows.length} entries shown`, ['Occurred on', 'Type', 'Family', 'Status', 'Recorded', 'Data'], rows, { class: 'data-table', id: 'timeline-table' }),
      more,
    );
    return page.entries.length;
  };
  // The button is replaced by the new page's: focus goes on to the new one (or to the table when
  // none is left) instead of falling back to the top of the document, and a second press while
  // loading does not fetch the same page twice.
  const loadMore = async (button, cursor) => {
    // aria-disabled, not disabled: a disabled button would drop the keyboard focus.
    if (button.getAttribute('aria-disabled') === 'true') return;
    button.setAttribute('aria-disabled', 'true');
    status.textContent = 'Loading more entries…';
    try {
      const added = await load(cursor);
      status.textContent = `${added} more entries loaded; ${rows.length} shown.`;
      const next = list.querySelector('#timeline-more') ?? list.querySelector('table');
      if (next?.tagName === 'TABLE') next.setAttribute('tabindex', '-1');
      next?.focus();
    } catch (err) {
      button.removeAttribute('aria-disabled');
      status.textContent = '';
      list.append(errorBox(err));
    }
  };
  load().catch((err) => replace(list, errorBox(err)));
  return h('section', { 'aria-labelledby': 'timeline-heading' }, h('h2', { id: 'timeline-heading' }, 'Timeline'), form, list, status);
}

export async function render(view, params, country) {
  const countries = await loadCountries();
  const summary = countries.find((c) => c.code === country);
  if (!summary) {
    // The list holds only the countries this token may read (a desk's), so "unknown" may mean "not yours".
    const yours = countries.map((c) => c.code).join(', ');
    replace(
      view,
      h('h1', {}, 'Unknown country'),
      h('p', {}, `${country} is not a configured country, or your token may not read it (it may read: ${yours || 'none'}). `, h('a', { href: '#/overview' }, 'Back to the overview')),
    );
    return;
  }
  const latest = summary.latestScore?.year ?? new Date().getUTCFullYear() - 1;
  const year = Number.parseInt(params.get('year') ?? '', 10) || latest;
  const [card, profile] = await Promise.all([getJson(`/v1/countries/${country}/scorecards/${year}`), getJson(`/v1/countries/${country}/profile`)]);

  // From this year down: a year after the latest with figures (a visa measure, open requests) can be chosen too.
  const newest = Math.min(2100, Math.max(latest, new Date().getUTCFullYear()));
  const years = Array.from({ length: YEARS_SHOWN + (newest - latest) }, (_, i) => newest - i);
  if (!years.includes(year)) years.unshift(year);
  const yearForm = h(
    'form',
    {
      class: 'filters',
      onsubmit: (e) => {
        e.preventDefault();
        const q = new URLSearchParams(params);
        q.set('year', String(new FormData(e.target).get('year')));
        navigate(`#/country/${country}?${q}`);
      },
    },
    field(h('label', { for: 'country-year' }, 'Year'), h('select', { id: 'country-year', name: 'year' }, years.map((y) => h('option', { value: y, selected: y === year }, String(y))))),
    h('button', { type: 'submit' }, 'Show year'),
  );

  replace(
    view,
    h('nav', { 'aria-label': 'Breadcrumb', class: 'breadcrumb' }, h('a', { href: '#/overview' }, 'Overview'), ' › ', countryName(country)),
    h('h1', { id: 'country-heading' }, countryName(country)),
    h('p', {}, 'Commission finding (latest): ', findingBadge(profile.officialFinding)),
    yearForm,
    scorecardSection(card),
    registersSection(profile),
    timelineSection(country, params),
  );
  // Chart.js measures its canvas, so the chart is drawn once the section is in the document.
  indicatorChart(view.querySelector('#indicator-chart'), weighted(card));
}
