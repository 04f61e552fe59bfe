// Audit: hash-chain status per stream, projection lag, and the global event feed with paging.
import { ApiError, getJson } from '../api.js';
import { errorBox, h, replace, table } from '../dom.js';
import { fmtCount, fmtDateTime, summariseData } from '../format.js';

const PAGE_SIZE = 50;

const okBadge = (ok, yes, no) =>
  h('span', { class: ok ? 'ok' : 'broken' }, h('span', { 'aria-hidden': 'true' }, ok ? '✓ ' : '✗ '), ok ? yes : no);

async function section(id, title, build) {
  const body = h('div', {});
  try {
    replace(body, await build());
  } catch (err) {
    const forbidden = err instanceof ApiError && err.status === 403;
    replace(body, forbidden ? h('p', { class: 'notice' }, `Your token's role may not see this (${err.message}).`) : errorBox(err));
  }
  return h('section', { 'aria-labelledby': id }, h('h2', { id }, title), body);
}

async function chains() {
  const r = await getJson('/v1/audit/verify');
  return [
    h('p', { id: 'chain-summary' }, okBadge(r.ok, 'Every chain verifies', 'A chain is broken'), ` — ${fmtCount(r.eventsChecked)} events checked through position ${r.throughPosition}.`),
    table(
      'Hash chain per stream',
      ['Stream', 'Status', 'Events checked', 'Last revision', 'Head hash', 'First broken link'],
      r.streams.map((s) => [
        s.streamId,
        okBadge(s.ok, 'Intact', 'Broken'),
        fmtCount(s.eventsChecked),
        String(s.lastRevision),
        h('code', { class: 'hash' }, s.headHash),
        s.broken ? `revision ${s.broken.streamRevision} (event ${s.broken.eventId}, position ${s.broken.position}): ${s.broken.reason}` : '—',
      ]),
      { class: 'data-table', id: 'chain-table' },
    ),
  ];
}

async function projections() {
  const r = await getJson('/v1/projections');
  return table(
    `Projections (head position ${r.headPosition})`,
    ['Projection', 'Version', 'State', 'Position', 'Lag (events)', 'Rebuild', 'Error'],
    r.projections.map((p) => [p.name, String(p.version), p.state, String(p.position), fmtCount(p.lag), p.rebuild ? `v${p.rebuild.version} at ${p.rebuild.position}` : '—', p.error ?? '—']),
    { class: 'data-table', id: 'projection-table' },
  );
}

async function feed(params) {
  const from = Math.max(1, Number.parseInt(params.get('from') ?? '1', 10) || 1);
  const page = await getJson('/v1/audit/events', { fromPosition: from, limit: PAGE_SIZE });
  const prev = Math.max(1, from - PAGE_SIZE);
  const pager = (where) =>
    h(
      'nav',
      { 'aria-label': `Event feed pages (${where})`, class: 'pager' },
      from > 1 ? h('a', { href: `#/audit?from=${prev}`, rel: 'prev' }, '← Previous page') : null,
      page.nextPosition ? h('a', { href: `#/audit?from=${page.nextPosition}`, rel: 'next' }, 'Next page →') : null,
    );
  return [
    h('p', { id: 'feed-range' }, `Positions ${from}–${from + Math.max(0, page.events.length - 1)} of ${fmtCount(page.headPosition)}.`),
    pager('top'),
    table(
      'Global event feed (stored form)',
      ['Position', 'Stream / revision', 'Type', 'Occurred on', 'Recorded', 'Hash', 'Data'],
      page.events.map((e) => [
        String(e.position),
        `${e.streamId} #${e.streamRevision}`,
        e.type,
        e.occurredOn,
        `${fmtDateTime(e.recordedAt)} by ${e.recordedBy}`,
        h('code', { class: 'hash', title: e.hash }, e.hash.slice(0, 12)),
        h('span', { class: 'data-summary' }, summariseData(e.data)),
      ]),
      { class: 'data-table', id: 'feed-table' },
    ),
    pager('bottom'),
  ];
}

export async function render(view, params) {
  const parts = await Promise.all([
    section('chains-heading', 'Hash chains', chains),
    section('projections-heading', 'Projection lag', projections),
    section('feed-heading', 'Global event feed', () => feed(params)),
  ]);
  replace(view, h('h1', { id: 'audit-heading' }, 'Audit'), parts);
}
