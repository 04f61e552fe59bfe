// Hash routing: #/overview, #/country/ET?year=2023, #/report?year=2023, #/audit. Hashes that do
// not start with "#/" are in-page anchors (the skip link) and are left to the browser.

/** Parses "#/country/ET?year=2023" into { page: 'country', arg: 'ET', params }. */
export function parseHash(hash) {
  if (!hash.startsWith('#/')) return null;
  const [path, query = ''] = hash.slice(2).split('?');
  const [page = 'overview', arg = null] = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { page, arg, params: new URLSearchParams(query) };
}

let onRoute = () => {};

export function startRouter(handler) {
  onRoute = handler;
  window.addEventListener('hashchange', () => {
    const route = parseHash(location.hash);
    if (route) onRoute(route);
  });
  onRoute(parseHash(location.hash) ?? { page: 'overview', arg: null, params: new URLSearchParams() });
}

/** Goes to a route; re-renders when it is already the current one (a form submitted twice). */
export function navigate(hash) {
  if (location.hash === hash) onRoute(parseHash(hash));
  else location.hash = hash;
}

/** Renders the current route again (after the token was entered). */
export function refresh() {
  onRoute(parseHash(location.hash) ?? { page: 'overview', arg: null, params: new URLSearchParams() });
}
