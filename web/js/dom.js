// A tiny element builder. Text always goes in as text nodes (never innerHTML), so data from the
// API cannot inject markup.

/**
 * h('a', { href: '#/x', class: 'btn' }, 'text', child) -> HTMLAnchorElement.
 * Attribute values of false/null/undefined are left out; `on*` functions become listeners.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === false || v === null || v === undefined) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces an element's content. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/**
 * A data table with a caption and column headers (`th scope="col"`); the first cell of each row is
 * a row header (`th scope="row"`) so screen readers announce rows by their key.
 */
export function table(caption, headers, rows, attrs = {}) {
  const label = typeof caption === 'string' ? caption : 'Table';
  const inner = tableOnly(caption, headers, rows, attrs);
  const box = h('div', { class: 'table-scroll' }, inner);
  // In a box of its own that scrolls sideways when the table is wider than the screen, so the page
  // itself never does. Only a box that scrolls takes the focus (keyboard: the arrow keys scroll it)
  // and is a named region; one that fits would be a tab stop that does nothing.
  const observer = new ResizeObserver(() => {
    if (box.scrollWidth > box.clientWidth) {
      box.setAttribute('tabindex', '0');
      box.setAttribute('role', 'region');
      box.setAttribute('aria-label', label);
    } else {
      for (const a of ['tabindex', 'role', 'aria-label']) box.removeAttribute(a);
    }
  });
  observer.observe(box);
  observer.observe(inner);
  return box;
}

function tableOnly(caption, headers, rows, attrs) {
  return h(
    'table',
    attrs,
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, headers.map((x) => h('th', { scope: 'col' }, x)))),
    h(
      'tbody',
      {},
      rows.length === 0
        ? h('tr', {}, h('td', { colspan: headers.length, class: 'empty' }, 'None'))
        : rows.map((cells) => h('tr', {}, cells.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c) : h('td', {}, c))))),
    ),
  );
}

/**
 * A form field: its label and its control in one box, so that when a row of filters wraps, a label
 * never ends a line while its field starts the next.
 */
export function field(label, control) {
  return h('span', { class: 'field' }, label, control);
}

/** A <dl> of label/value pairs. */
export function definitionList(pairs, attrs = {}) {
  return h('dl', attrs, pairs.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v ?? '—')]));
}

/** What the reader can do about a refusal; the server's message says what was refused. */
const NEXT_STEP = {
  403: "Your token's role may not read this: ask an administrator for a token with a role that may (analyst or auditor for reports and the audit page).",
};

export function errorBox(err) {
  const status = err?.status ? ` (HTTP ${err.status}${err.problem?.code ? `, ${err.problem.code}` : ''})` : '';
  const next = NEXT_STEP[err?.status];
  return h('p', { class: 'error', role: 'alert' }, `${err?.message ?? String(err)}${status}`, next ? [h('br'), next] : null);
}

export function loading(what) {
  return h('p', { class: 'loading', role: 'status' }, `Loading ${what}…`);
}
