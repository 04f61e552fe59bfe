// Entry point: token handling, routing and page rendering.
import { checkToken, tokenStore, whenUnauthenticated } from './api.js';
import { errorBox, h, loading, replace } from './dom.js';
import * as audit from './pages/audit.js';
import * as country from './pages/country.js';
import * as overview from './pages/overview.js';
import * as report from './pages/report.js';
import { refresh, startRouter } from './router.js';

const PAGES = {
  overview: { title: 'Overview', module: overview },
  country: { title: 'Country', module: country },
  report: { title: 'Annual report', module: report },
  audit: { title: 'Audit', module: audit },
};

const view = document.getElementById('view');
const tokenPanel = document.getElementById('token-panel');
const tokenForm = document.getElementById('token-form');
const tokenInput = document.getElementById('token-input');
const tokenError = document.getElementById('token-error');
const forget = document.getElementById('forget-token');

const SITE = 'Return Cooperation Monitor';

/** The tab's title says where one is: the page's own heading first (a country's name, the report's year). */
function titleFrom(heading) {
  const text = heading?.textContent?.trim();
  document.title = text ? `${text} · ${SITE}` : SITE;
}

function askForToken(reason) {
  tokenStore.clear();
  titleFrom(document.getElementById('token-heading'));
  forget.hidden = true;
  view.hidden = true;
  tokenPanel.hidden = false;
  tokenError.textContent = reason ?? '';
  tokenInput.removeAttribute('aria-invalid');
  tokenInput.focus();
}

/** A refused token: what the server said, and what to do next. */
const refused = (detail) => `The server refused the token: ${String(detail).replace(/\.$/, '')}. Check that the whole token was pasted, or ask an administrator for a new one.`;

whenUnauthenticated((detail) => askForToken(detail ? refused(detail) : undefined));

tokenForm.addEventListener('submit', async (e) => {
  e.preventDefault();
  const token = tokenInput.value.trim();
  if (!token) {
    tokenError.textContent = 'Enter a token.';
    tokenInput.setAttribute('aria-invalid', 'true');
    return;
  }
  const result = await checkToken(token);
  if (!result.ok) {
    tokenError.textContent = result.unreachable ? result.detail : refused(result.detail);
    if (!result.unreachable) tokenInput.setAttribute('aria-invalid', 'true');
    return;
  }
  tokenStore.set(token);
  tokenInput.value = '';
  tokenError.textContent = '';
  tokenInput.removeAttribute('aria-invalid');
  tokenPanel.hidden = true;
  view.hidden = false;
  forget.hidden = false;
  refresh();
});

// The skip link moves the focus without touching the hash, which holds the route: "#main" there
// would lose the page on reload and make Back re-render the page one is on.
document.querySelector('.skip-link').addEventListener('click', (e) => {
  e.preventDefault();
  document.getElementById('main').focus();
});

forget.addEventListener('click', () => askForToken('Token forgotten. Enter a token to continue.'));

let renderSeq = 0;

async function show(route) {
  if (!tokenStore.get()) {
    askForToken();
    return;
  }
  const page = PAGES[route.page] ?? null;
  const seq = ++renderSeq;
  for (const a of document.querySelectorAll('[data-nav]')) {
    if (a.dataset.nav === route.page) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  view.dataset.page = route.page;
  view.dataset.state = 'loading';
  // Each render gets its own container, so a slow, superseded render writes into a detached node.
  const container = h('div', { class: 'page' });
  replace(view, container);
  if (!page) {
    replace(container, h('h1', {}, 'Page not found'), h('p', {}, h('a', { href: '#/overview' }, 'Go to the overview')));
    view.dataset.state = 'ready';
  } else {
    document.title = `${page.title}${route.arg ? ` ${route.arg}` : ''} · ${SITE}`;
    replace(container, loading(page.title.toLowerCase()));
    try {
      await page.module.render(container, route.params, route.arg);
      if (seq !== renderSeq) return;
      view.dataset.state = 'ready';
    } catch (err) {
      if (seq !== renderSeq) return;
      if (err?.status === 401) return; // askForToken already took over
      // The service did not answer or failed: one press tries again, without reloading the page.
      const retry = err?.status === 0 || err?.status >= 500 ? h('button', { type: 'button', id: 'retry', onclick: () => refresh() }, 'Try again') : null;
      replace(container, h('h1', {}, page.title), errorBox(err), retry);
      view.dataset.state = 'error';
    }
  }
  // Move focus to the new page's heading so keyboard and screen-reader users land on it.
  const heading = container.querySelector('h1');
  titleFrom(heading);
  if (heading && document.activeElement !== tokenInput && route.focus !== false) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  }
}

if (tokenStore.get()) forget.hidden = false;
startRouter(show);
