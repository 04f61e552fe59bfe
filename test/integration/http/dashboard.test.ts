import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';
import { createRequire } from 'node:module';
import t from 'tap';
import { CHART_PATH, WEB_ROOT } from '../../../src/http/routes/dashboard.js';
import { startTestApp } from '../../helpers/test-app.js';
import { childEnv } from '../../helpers/child-env.js';

const chartFile = join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');

/** Every file under web/, as URL paths ("/js/main.js"). */
function webFiles(dir = WEB_ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? webFiles(join(dir, d.name)) : ['/' + relative(WEB_ROOT, join(dir, d.name)).split('\\').join('/')],
  );
}

t.test('the dashboard is served at / with CSP-compatible, same-origin script tags', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());

  const res = await h.app.inject({ method: 'GET', url: '/' });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /^text\/html/);
  const csp = String(res.headers['content-security-policy']);
  t.match(csp, /script-src 'self'(;|$)/, 'the CSP allows scripts from this origin only');
  t.notMatch(csp, /script-src[^;]*unsafe-inline/, 'inline scripts stay forbidden');

  const html = res.body;
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  t.ok(scripts.length >= 2, 'Chart.js and the app module are loaded');
  for (const [, attrs, body] of scripts) {
    t.match(attrs, /\bsrc="\/[^/]/, `script has a same-origin src: ${attrs}`);
    t.equal(body!.trim(), '', 'no inline script body (the CSP would block it)');
  }
  const srcs = scripts.map(([, attrs]) => /src="([^"]+)"/.exec(attrs!)![1]);
  t.ok(srcs.includes(CHART_PATH), 'Chart.js comes from the local vendor path');
  t.ok(srcs.includes('/js/main.js'), 'the app is an ES module from this origin');
  t.match(html, /<script type="module" src="\/js\/main.js">/);
  t.notMatch(html, /\son[a-z]+=/i, 'no inline event handlers (blocked by the CSP)');
  t.notMatch(html, /(src|href)="(https?:)?\/\//i, 'no asset from another origin');
  for (const tag of ['<header', '<nav', '<main', '<footer', '<label for="token-input"']) t.ok(html.includes(tag), `semantic markup: ${tag}`);

  const sameAsIndex = await h.app.inject({ method: 'GET', url: '/index.html' });
  t.equal(sameAsIndex.body, html);
});

t.test('Chart.js is served locally, byte for byte from node_modules, without a token', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  const res = await h.app.inject({ method: 'GET', url: CHART_PATH });
  t.equal(res.statusCode, 200);
  t.match(res.headers['content-type'], /javascript/);
  t.ok(res.rawPayload.equals(readFileSync(chartFile)), 'the UMD build from node_modules/chart.js/dist');
  t.match(res.body.slice(0, 200), /Chart\.js v4\./, 'Chart.js 4');
});

t.test('every web file is served with the right type, and every module import resolves to a served file', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  const files = webFiles();
  t.ok(files.includes('/js/main.js') && files.includes('/css/dashboard.css'));
  const types: Record<string, RegExp> = { '.js': /javascript/, '.css': /text\/css/, '.html': /text\/html/ };
  for (const file of files) {
    const res = await h.app.inject({ method: 'GET', url: file });
    t.equal(res.statusCode, 200, `${file} is served`);
    const type = types[posix.extname(file)];
    if (type) t.match(res.headers['content-type'], type, `${file} content type`);
    t.notMatch(res.body, /\b(fetch|import)\s*\(\s*['"`]https?:/, `${file} fetches nothing from another origin`);
    if (file.endsWith('.js')) {
      for (const [, spec] of res.body.matchAll(/^import\b[^'"]*['"]([^'"]+)['"]/gm)) {
        t.match(spec, /^\.\.?\//, `${file}: relative import ${spec}`);
        const target = posix.join(posix.dirname(file), spec!);
        t.ok(files.includes(target), `${file} imports ${target}, which is served`);
      }
    }
  }
});

t.test('every web module parses as an ES module', async (t) => {
  // The root package.json says "type": "module", so `node --check` parses them as modules (imports
  // are not resolved). Kept apart from the app tests: spawnSync blocks the event loop, which the
  // load-shedding guard would answer with 503.
  for (const file of webFiles().filter((f) => f.endsWith('.js'))) {
    const check = spawnSync(process.execPath, ['--check', join(WEB_ROOT, file)], { env: childEnv(), encoding: 'utf8' });
    t.equal(check.status, 0, `${file} is valid module syntax ${check.stderr}`);
  }
});

t.test('the static files are public, the data is not, and neither shows up in OpenAPI', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  t.equal((await h.app.inject({ method: 'GET', url: '/js/api.js' })).statusCode, 200, 'no token needed for the code');
  const data = await h.app.inject({ method: 'GET', url: '/v1/countries' });
  t.equal(data.statusCode, 401, 'the data calls need the token');

  const missing = await h.app.inject({ method: 'GET', url: '/js/nope.js' });
  t.equal(missing.statusCode, 404);
  t.match(missing.headers['content-type'], /application\/problem\+json/, 'unknown paths keep the API 404 (no catch-all route)');
  const unknownApi = await h.app.inject({ method: 'GET', url: '/v1/nope' });
  t.equal(unknownApi.json().code, 'NOT_FOUND');

  const spec = (await h.app.inject({ method: 'GET', url: '/docs/json' })).json() as { paths: Record<string, unknown> };
  const leaked = Object.keys(spec.paths).filter((p) => p === '/' || p.startsWith('/vendor') || p.startsWith('/js') || p.startsWith('/css') || p.endsWith('.html'));
  t.same(leaked, [], 'dashboard routes are hidden from the OpenAPI document');
});
