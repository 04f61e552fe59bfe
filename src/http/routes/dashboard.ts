import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import fastifyStatic from '@fastify/static';
import { PACKAGE_ROOT } from '../../package-root.js';
import type { RoutePlugin } from '../app.js';

/** The dashboard's static files (HTML, ES modules, CSS); served as they are. */
export const WEB_ROOT = join(PACKAGE_ROOT, 'web');

/**
 * Chart.js's self-contained UMD build, resolved through Node's module resolution so a hoisted or
 * nested node_modules both work. Served from this origin: the machines are offline and the CSP
 * (`script-src 'self'`) would refuse a CDN anyway.
 */
const CHART_DIR = dirname(createRequire(import.meta.url).resolve('chart.js'));
export const CHART_FILE = 'chart.umd.min.js';
export const CHART_PATH = `/vendor/${CHART_FILE}`;

/**
 * The web dashboard at `/`. The files are public (they hold no data); every data call they make
 * carries the user's bearer token. Hidden from the OpenAPI document.
 */
export const dashboardRoutes: RoutePlugin = async (app) => {
  await app.register(fastifyStatic, {
    root: WEB_ROOT,
    prefix: '/',
    // One route per existing file (globbed at start) instead of a catch-all `GET /*`, so unknown
    // paths keep the API's problem+json 404 and no route shadows a future API path.
    wildcard: false,
    schemaHide: true,
    index: ['index.html'],
    // No fingerprinted file names, so revalidate rather than cache blindly.
    cacheControl: true,
    maxAge: 0,
  });

  app.get(CHART_PATH, { schema: { hide: true } }, (_req, reply) => reply.sendFile(CHART_FILE, CHART_DIR, { maxAge: '1d' }));
  // The source map is referenced from the minified file; serving it keeps devtools quiet.
  app.get(`${CHART_PATH}.map`, { schema: { hide: true } }, (_req, reply) => reply.sendFile(`${CHART_FILE}.map`, CHART_DIR, { maxAge: '1d' }));
};
