// Calls to the service's JSON API with the user's bearer token. The token lives in sessionStorage
// only: it is gone when the tab closes and is never written to localStorage or a cookie.

const TOKEN_KEY = 'rcm.token';

export const tokenStore = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set: (token) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** A non-2xx answer, carrying the problem+json body when there is one. */
export class ApiError extends Error {
  constructor(status, problem, path) {
    super(problem?.detail || problem?.title || `HTTP ${status} for ${path}`);
    this.status = status;
    this.problem = problem;
    this.path = path;
  }
}

/** What a page shows when the service does not answer at all (stopped, restarting, network down). */
export const UNREACHABLE = 'The service did not answer: it may be stopped, restarting or unreachable from this browser. Try again in a moment; your token is kept.';

/** fetch, with a network failure (no HTTP answer at all) as an ApiError that says so instead of "Failed to fetch". */
async function request(path, init) {
  try {
    return await fetch(path, init);
  } catch (err) {
    if (err instanceof TypeError) throw new ApiError(0, { detail: UNREACHABLE }, path);
    throw err;
  }
}

let onUnauthenticated = () => {};
/** Called once by main.js: what to do when the token is missing, unknown, revoked or expired. */
export function whenUnauthenticated(handler) {
  onUnauthenticated = handler;
}

/** Builds `/path?k=v` leaving out empty values. */
export function withQuery(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** GET with the token; resolves to the Response (2xx) or throws ApiError. */
export async function fetchWithToken(path, accept = 'application/json') {
  const token = tokenStore.get();
  if (!token) {
    onUnauthenticated();
    throw new ApiError(401, { detail: 'No token entered' }, path);
  }
  const res = await request(path, { headers: { authorization: `Bearer ${token}`, accept }, credentials: 'omit', cache: 'no-store' });
  if (res.ok) return res;
  let problem = null;
  try {
    problem = await res.json();
  } catch {
    problem = null;
  }
  if (res.status === 401) onUnauthenticated(problem?.detail);
  throw new ApiError(res.status, problem, path);
}

export async function getJson(path, params) {
  const res = await fetchWithToken(withQuery(path, params));
  return res.json();
}

/** Checks a token without storing it: every role may list the countries. */
export async function checkToken(token) {
  let res;
  try {
    res = await request('/v1/countries', { headers: { authorization: `Bearer ${token}` }, credentials: 'omit', cache: 'no-store' });
  } catch (err) {
    return { ok: false, unreachable: true, detail: err instanceof ApiError ? err.message : String(err) };
  }
  if (res.ok) return { ok: true };
  let detail = `HTTP ${res.status}`;
  try {
    detail = (await res.json()).detail ?? detail;
  } catch {
    /* not problem+json */
  }
  return { ok: false, detail };
}
