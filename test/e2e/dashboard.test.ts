import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import type { Browser, Page } from 'playwright-core';
import { startServer } from '../helpers/server-process.js';
import { dashboardReady, launchChromium, randomAdminToken, skipWithoutChromium } from '../helpers/browser.js';
import { dashboardFacts, postFacts } from './dashboard-data.js';
import { childEnv } from '../helpers/child-env.js';

/**
 * The dashboard in a real headless Chromium against the real server process: token entry, the
 * overview's charts compared with the API's numbers, a country, a report preview, the audit page.
 * Screenshots go to tmp/screenshots/ (git-ignored).
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHOTS = join(ROOT, 'tmp', 'screenshots');
const DEMO = join(ROOT, 'scripts', 'demo.ts');

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

interface ChartData {
  labels: string[];
  datasets: { label: string; data: (number | null)[] }[];
  width: number;
  height: number;
}

/** Chart.js's own view of a canvas: the numbers it drew and the area it drew them in. */
const chartData = (page: Page, id: string): Promise<ChartData | null> =>
  page.evaluate((canvasId) => {
    const chart = (window as any).Chart?.getChart(document.getElementById(canvasId));
    if (!chart) return null;
    return {
      labels: chart.data.labels,
      datasets: chart.data.datasets.map((d: any) => ({ label: d.label, data: d.data })),
      width: chart.chartArea.right - chart.chartArea.left,
      height: chart.chartArea.bottom - chart.chartArea.top,
    };
  }, id);


t.test('dashboard in headless Chromium with the API numbers', { skip: skipWithoutChromium }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rcm-dashboard-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(SHOTS, { recursive: true });

  const admin = randomAdminToken();
  const server = await startServer({ RCM_DATA_DIR: dir, RCM_ADMIN_TOKEN: admin });
  t.teardown(() => server.stop());
  const { url } = server;

  const api = async (path: string, token: string, init: RequestInit = {}) => {
    const res = await fetch(`${url}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: HTTP ${res.status} ${await res.text()}`);
    return res;
  };
  const token = async (principal: string, role: string, countries?: string[]) =>
    ((await (await api('/v1/tokens', admin, { method: 'POST', body: JSON.stringify({ principal, role, countries }) })).json()) as { token: string }).token;
  const countries = ['ET', 'SO', 'TN', 'DZ', 'TR'];
  const desk = await token('desk-e2e', 'desk', countries);
  const auditor = await token('auditor-e2e', 'auditor');

  // The demo data (`npm run demo`), posted through the API like desks would; a small fallback set
  // when the demo script is not there.
  let position: number;
  if (existsSync(DEMO)) {
    const demo = spawnSync(process.execPath, ['--import', 'tsx', DEMO, '--url', url, '--token', admin], { cwd: ROOT, env: childEnv(), encoding: 'utf8', timeout: 240_000 });
    t.equal(demo.status, 0, `scripts/demo.ts loads the demo data\n${demo.stdout}${demo.stderr}`);
    const head = (await (await api('/v1/audit/events?limit=1', admin)).json()) as { headPosition: number };
    position = head.headPosition;
  } else {
    position = await postFacts(url, desk, dashboardFacts());
  }
  t.ok(position > 50, `data loaded (head position ${position})`);
  // Read models answer once they reached `position` (read-your-writes); reports and audit read the log.
  const get = async (path: string): Promise<Json> => (await api(`${path}${path.includes('?') ? '&' : '?'}minPosition=${position}`, auditor)).json();
  const getLog = async (path: string): Promise<Json> => (await api(path, auditor)).json();

  const list = (await get('/v1/countries')) as { countries: Json[] };
  t.same(list.countries.map((c: Json) => c.code), countries, 'the API lists every configured country');
  const scored = list.countries.filter((c: Json) => c.latestScore?.score !== null && c.latestScore?.score !== undefined);
  t.ok(scored.length >= 3, 'several countries have a score');

  const browser: Browser = await launchChromium();
  t.teardown(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1300, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  const foreign: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith(url) && !r.url().startsWith('data:') && !r.url().startsWith('blob:') && r.url() !== 'about:srcdoc') foreign.push(r.url());
  });

  // ---- token: asked once, kept in sessionStorage only
  await page.goto(`${url}/`);
  await page.waitForSelector('#token-panel:not([hidden])');
  t.equal(await page.evaluate(() => document.activeElement?.id), 'token-input', 'the token field has the focus');
  await page.focus('.skip-link');
  t.ok(((await page.$eval('.skip-link', (a) => a.getBoundingClientRect().left)) ?? -1) >= 0, 'the skip link shows when focused');
  await page.fill('#token-input', 'rcm_not-a-real-token-000000000000');
  await page.click('#token-form button[type=submit]');
  await page.waitForSelector('#token-error:not(:empty)');
  t.match(await page.textContent('#token-error'), /refused/, 'a wrong token is refused with a message');
  // Chromium logs the refused check (401) as a console error; that one is expected.
  t.same(problems.splice(0).filter((p) => !/status of 401/.test(p)), [], 'only the refused token check was logged');
  await page.fill('#token-input', auditor);
  await page.press('#token-input', 'Enter');
  await dashboardReady(page, 'overview');
  t.same(
    await page.evaluate(() => ({ session: sessionStorage.getItem('rcm.token'), local: localStorage.length, cookies: document.cookie })),
    { session: auditor, local: 0, cookies: '' },
    'the token is kept in sessionStorage only',
  );

  // ---- overview: table and charts carry the API's numbers
  const rows = await page.$$eval('#overview-table tbody tr', (trs) => trs.map((tr) => Array.from(tr.children).map((c) => (c as HTMLElement).innerText.trim())));
  t.equal(rows.length, countries.length, 'one row per configured country');
  for (const c of list.countries) {
    const row = rows.find((r) => r[0]!.includes(`(${c.code})`));
    t.ok(row, `row for ${c.code}`);
    if (!row) continue;
    const band = c.latestScore?.band;
    const label = band === 'adequate' ? 'Adequate' : band === 'needs-improvement' ? 'Needs improvement' : band === 'insufficient' ? 'Insufficient' : 'No band';
    t.match(row[2], label, `${c.code}: the band is written out as text (${label}), not only coloured`);
    if (typeof c.latestScore?.score === 'number') {
      t.match(row[1], (Math.round(c.latestScore.score * 10) / 10).toFixed(1), `${c.code}: latest score shown`);
      t.equal(row[1]!.includes('contains estimates'), c.latestScore.containsEstimates, `${c.code}: says whether the score rests on estimates`);
    }
  }
  // The demo marks its invented case data as estimates: the check above must meet both answers.
  t.ok(list.countries.some((c: Json) => c.latestScore?.containsEstimates === true), 'some demo scores rest on estimates');
  t.ok(await page.$('#overview-table .band[data-band] .band-icon'), 'bands carry an icon as well as a colour');

  const score = await chartData(page, 'score-chart');
  const rate = await chartData(page, 'return-rate-chart');
  t.ok(score && rate, 'both overview charts exist as Chart.js instances');
  t.ok(score!.width > 100 && score!.height > 100 && rate!.width > 100, 'the charts were laid out and drawn');
  t.same(score!.datasets.map((d) => d.label), countries, 'one score series per country');
  let compared = 0;
  for (const year of score!.labels) {
    for (const code of countries) {
      const card = await get(`/v1/countries/${code}/scorecards/${year}`);
      const i = score!.labels.indexOf(year);
      t.equal(score!.datasets.find((d) => d.label === code)!.data[i], card.score, `${code} ${year}: score in the chart = API`);
      const b = card.indicators.find((x: Json) => x.code === 'B');
      t.equal(rate!.datasets.find((d) => d.label === code)!.data[i], b?.rate ?? null, `${code} ${year}: return rate in the chart = API`);
      if (card.score !== null) compared++;
    }
  }
  t.ok(compared >= scored.length, `the charts were compared on real scores (${compared})`);
  for (const c of scored) {
    const i = score!.labels.indexOf(String(c.latestScore.year));
    t.equal(score!.datasets.find((d) => d.label === c.code)!.data[i], c.latestScore.score, `${c.code}: chart agrees with GET /v1/countries`);
  }
  await page.screenshot({ path: join(SHOTS, 'overview.png'), fullPage: true });

  // ---- country: indicator chart with raw numbers, registers, timeline filter
  const chosen = scored[0]!;
  const code: string = chosen.code;
  // Real links: the keyboard opens a country.
  await page.focus(`#overview-table a[href="#/country/${code}"]`);
  await page.keyboard.press('Enter');
  await dashboardReady(page, 'country');
  t.equal(await page.inputValue('#country-year'), String(chosen.latestScore.year), 'the country opens on its latest year');
  const offered = (await page.$$eval('#country-year option', (os) => os.map((o) => Number((o as HTMLOptionElement).value)))) as number[];
  const thisYear = new Date().getUTCFullYear();
  t.same(offered.slice(0, thisYear - chosen.latestScore.year + 1), Array.from({ length: thisYear - chosen.latestScore.year + 1 }, (_, i) => thisYear - i), 'years after the latest scored one, up to this year, can be chosen');
  t.equal(await page.textContent('#country-score'), (Math.round(chosen.latestScore.score * 10) / 10).toFixed(1), 'with its latest score');
  const year = String(chosen.latestScore.year - 1);
  await page.selectOption('#country-year', year);
  await page.click('form:has(#country-year) button[type=submit]');
  await page.waitForFunction((y) => location.hash.includes(`year=${y}`) && document.querySelector('#view')?.getAttribute('data-state') === 'ready', year);
  const card = await get(`/v1/countries/${code}/scorecards/${year}`);
  const indicators = await chartData(page, 'indicator-chart');
  const weighted = card.indicators.filter((i: Json) => i.weight > 0);
  t.ok(indicators && indicators.width > 100, 'the indicator chart was drawn');
  t.same(indicators!.labels, weighted.map((i: Json) => `${i.code} ${i.article}`), 'one bar per weighted indicator');
  t.same(indicators!.datasets[0]!.data, weighted.map((i: Json) => i.normalised), 'indicator chart: normalised values = API');
  t.same(indicators!.datasets[1]!.data, weighted.map((i: Json) => i.effectiveWeight), 'indicator chart: effective weights = API');
  const tableRows = await page.$$eval('#indicator-table tbody tr', (trs) => trs.map((tr) => (tr as HTMLElement).innerText));
  t.equal(tableRows.length, card.indicators.length, 'every indicator in the raw-number table');
  for (const i of card.indicators.filter((x: Json) => x.numerator !== null)) {
    const row = tableRows.find((r) => r.startsWith(`${i.code} `))!;
    t.match(row, (Math.round(i.numerator * 100) / 100).toLocaleString('en-GB'), `${i.code}: raw numerator in the table`);
    t.match(row, (Math.round(i.denominator * 100) / 100).toLocaleString('en-GB'), `${i.code}: raw denominator in the table`);
  }
  const profile = await get(`/v1/countries/${code}/profile`);
  t.match(await page.textContent('#request-counts'), `Open requests: ${profile.requests.open}. Overdue: ${profile.requests.overdue}.`);
  const requestRows = await page.$$eval('#requests-table tbody tr', (trs) => trs.map((tr) => (tr as HTMLElement).innerText));
  t.equal(requestRows.filter((r) => r.includes('Overdue')).length, profile.requests.openRequests.filter((r: Json) => r.overdue).length, 'overdue is written out per request');
  const instruments = await page.textContent('#instruments-table');
  for (const i of profile.instruments) t.match(instruments, new RegExp(`${i.id}[\\s\\S]*${i.status}`), `instrument ${i.id} with its state ${i.status}`);
  const measures = await page.textContent('#measures-table');
  for (const m of [...profile.visaMeasures.inForce, ...profile.visaMeasures.proposed, ...profile.visaMeasures.other]) {
    t.match(measures, new RegExp(`${m.id}[\\s\\S]*${m.status}`), `visa measure ${m.id} with its state ${m.status}`);
  }
  await page.screenshot({ path: join(SHOTS, 'country.png'), fullPage: true });

  // The timeline's family filter, on Ethiopia (every data set has its visa measure).
  await page.evaluate(() => (location.hash = '#/country/ET'));
  await page.waitForFunction(() => location.hash === '#/country/ET' && document.querySelector('#view')?.getAttribute('data-state') === 'ready');
  await page.selectOption('#timeline-family', 'visa-measures');
  await page.click('form:has(#timeline-family) button[type=submit]');
  await page.waitForFunction(() => location.hash.includes('family=visa-measures') && document.querySelector('#view')?.getAttribute('data-state') === 'ready');
  await page.waitForSelector('#timeline-table');
  const families = await page.$$eval('#timeline-table tbody tr td:nth-child(3)', (tds) => tds.map((td) => td.textContent));
  const apiTimeline = await get('/v1/countries/ET/timeline?family=visa-measures');
  t.ok(apiTimeline.entries.length > 0, 'Ethiopia has visa-measure entries');
  t.same(families.length, Math.min(50, apiTimeline.entries.length), 'the family filter shows the API page');
  t.ok(families.every((f) => f === 'visa-measures'), 'only visa-measure entries');
  await page.screenshot({ path: join(SHOTS, 'country-timeline.png'), fullPage: false });

  // ---- report: year, asOf and model; preview with the manifest
  await page.click('nav a[data-nav="report"]');
  await dashboardReady(page, 'report');
  // A fixed asOf (end of today, UTC: every fact above was recorded today) makes the report reproducible.
  const asOf = new Date().toISOString().slice(0, 10);
  await page.fill('#report-year', '2023');
  await page.fill('#report-asof', asOf);
  await page.selectOption('#report-model', '1');
  await page.click('#report-form button[type=submit]');
  await page.waitForFunction(() => location.hash.includes('asOf=') && document.querySelector('#view')?.getAttribute('data-state') === 'ready');
  await page.waitForSelector('#report-manifest, #report-preview .error');
  const report = await getLog(`/v1/reports/annual/2023?format=json&model=1&asOf=${asOf}`);
  t.match(await page.textContent('#report-manifest'), report.manifest.contentHash, 'the manifest shown is the API report manifest');
  t.equal(await page.$$eval('#report-countries tbody tr', (r) => r.length), report.manifest.countries.length, 'one preview row per country of the report');
  const estimatesColumn = await page.$$eval('#report-countries tbody tr', (trs) => trs.map((tr) => (tr.children[4] as HTMLElement).innerText.trim()));
  t.same(estimatesColumn, report.report.countries.map((c: Json) => (c.scorecard.containsEstimates ? 'Yes' : 'No')), 'the preview says which scores rest on estimates');
  const frame = await page.$eval('#report-frame', (f) => ({ sandbox: f.getAttribute('sandbox'), length: (f as HTMLIFrameElement).srcdoc.length }));
  t.equal(frame.sandbox, '', 'the HTML preview is fully sandboxed');
  t.ok(frame.length > 200, 'the HTML preview has content');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[data-format="csv"]')]);
  const csvPath = join(dir, 'report.csv');
  await download.saveAs(csvPath);
  const csvApi = await (await api(`/v1/reports/annual/2023?format=csv&model=1&asOf=${asOf}`, auditor)).text();
  t.equal(readFileSync(csvPath, 'utf8'), csvApi, 'the CSV download is the API CSV');
  await page.screenshot({ path: join(SHOTS, 'report.png'), fullPage: true });

  // ---- audit: chains, projection lag, paged feed
  await page.click('nav a[data-nav="audit"]');
  await dashboardReady(page, 'audit');
  const verify = await getLog('/v1/audit/verify');
  t.match(await page.textContent('#chain-summary'), verify.ok ? 'Every chain verifies' : 'broken');
  t.equal(await page.$$eval('#chain-table tbody tr', (r) => r.length), verify.streams.length, 'one row per stream');
  t.ok(await page.$('#projection-table'), 'projection lag shown');
  t.equal(await page.$$eval('#feed-table tbody tr', (r) => r.length), 50, 'first page of the feed');
  await page.click('a[rel="next"]');
  await page.waitForFunction(() => location.hash.includes('from=51') && document.querySelector('#view')?.getAttribute('data-state') === 'ready');
  t.match(await page.textContent('#feed-range'), /^Positions 51–/, 'the next page of the feed');
  await page.screenshot({ path: join(SHOTS, 'audit.png'), fullPage: true });

  // ---- forgetting the token asks again
  await page.click('#forget-token');
  await page.waitForSelector('#token-panel:not([hidden])');
  t.equal(await page.evaluate(() => sessionStorage.getItem('rcm.token')), null, 'forgotten');

  t.same(foreign, [], 'nothing was fetched from outside the origin');
  t.same(problems, [], 'no console errors (CSP violations would show here)');
});
