import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import type { Browser, Page } from 'playwright-core';
import { startServer } from '../helpers/server-process.js';
import { dashboardReady, launchChromium, randomAdminToken, skipWithoutChromium } from '../helpers/browser.js';
import { labelsApartFromFields, lowContrastText, overflow, skippedHeadings, unnamedElements } from '../helpers/a11y.js';
import { createToken, dashboardFacts, postFacts } from './dashboard-data.js';

/**
 * The dashboard for keyboard and screen-reader users (WCAG 2.2 AA essentials) and what it says when
 * something is missing: every control, chart and table named; headings in order; text contrast;
 * labels beside their fields; page titles that say where one is; loading announced; focus kept
 * when the timeline loads more; error and empty states that say what to do.
 */

const SITE = 'Return Cooperation Monitor';
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const EXTRA_REQUESTS = 70; // puts Ethiopia's timeline past two pages of 50

/** An element's text, or null when it is not there (so a missing element fails its assertion, not the whole test). */
const text = async (page: Page, selector: string) => ((await page.$(selector)) ? page.textContent(selector) : null);

const ready = async (page: Page, route: string, name: string) => {
  await page.evaluate((r) => (location.hash = r), route);
  await page.waitForFunction((r) => location.hash === r, route);
  await dashboardReady(page, name);
};

t.test('dashboard accessibility and error states', { skip: skipWithoutChromium }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rcm-dashboard-a11y-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const admin = randomAdminToken();
  const server = await startServer({ RCM_DATA_DIR: dir, RCM_ADMIN_TOKEN: admin });
  t.teardown(() => server.stop());
  const { url } = server;
  const token = (principal: string, role: string, countries?: string[]) => createToken(url, admin, principal, role, countries);
  const desk = await token('desk-a11y', 'desk', ['ET', 'SO', 'TN', 'DZ', 'TR']);
  const deskEt = await token('desk-a11y-et', 'desk', ['ET']);
  const auditor = await token('auditor-a11y', 'auditor');

  const browser: Browser = await launchChromium();
  t.teardown(() => browser.close());
  const page = await (await browser.newContext({ viewport: { width: 1300, height: 900 } })).newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));

  // ---- the token panel: its title, and a refused token says what to do
  await page.goto(`${url}/`);
  await page.waitForSelector('#token-panel:not([hidden])');
  t.equal(await page.title(), `Enter your access token · ${SITE}`, 'the token panel has its own title');
  await page.fill('#token-input', 'rcm_not-a-real-token-000000000000');
  await page.press('#token-input', 'Enter');
  await page.waitForSelector('#token-error:not(:empty)');
  t.match(await page.textContent('#token-error'), /refused.*ask an administrator for a new one/, 'a refused token says what to do');
  t.same(
    await page.$eval('#token-input', (i) => [i.getAttribute('aria-invalid'), i.getAttribute('aria-describedby')]),
    ['true', 'token-error'],
    'the field is marked invalid and described by the message',
  );

  // ---- an empty service says how data gets in
  await page.fill('#token-input', auditor);
  await page.press('#token-input', 'Enter');
  await dashboardReady(page, 'overview');
  t.match(await text(page, '#no-data'), /No facts are recorded yet.*npm run demo/, 'the empty overview says how data gets in');

  await postFacts(url, desk, dashboardFacts());
  const caseRef = (n: number) => n.toString(16).padStart(32, 'b');
  const extra = Array.from({ length: EXTRA_REQUESTS }, (_, i) => ({
    country: 'ET',
    family: 'requests',
    body: {
      type: 'IdentificationRequestSubmitted',
      occurredOn: '2024-10-01',
      data: { requestId: `NL-ID-A11Y-${i}`, caseRef: caseRef(i + 1), requestingState: 'NL', channel: 'RCMS', instrumentId: 'ET-EU-ADM-2018' },
      provenance: { sourceKind: 'nl-desk', reference: 'a11y test', evidenceStatus: 'confirmed' },
    },
  }));
  const position = await postFacts(url, desk, extra);
  // Read models answer once they reached `position`.
  await fetch(`${url}/v1/countries?minPosition=${position}`, { headers: { authorization: `Bearer ${auditor}` } }).then((r) => r.arrayBuffer());

  // ---- every page: names, headings, contrast, labels, title
  for (const [route, name, title] of [
    ['#/overview', 'overview', 'Overview'],
    ['#/country/ET', 'country', 'Ethiopia (ET)'],
    ['#/report?year=2023', 'report', 'Annual report 2023'],
    ['#/audit', 'audit', 'Audit'],
  ] as const) {
    await ready(page, route, name);
    if (name === 'report') await page.waitForSelector('#report-manifest, #report-preview .error');
    if (name === 'country') await page.waitForSelector('#timeline-table');
    t.equal(await page.title(), `${title} · ${SITE}`, `${route}: the title names the page`);
    t.same(await unnamedElements(page), [], `${route}: every control, chart, figure and table has an accessible name`);
    t.same(await skippedHeadings(page), [], `${route}: no heading level is skipped`);
    t.same(await lowContrastText(page), [], `${route}: text contrast at least 4.5:1 (3:1 large)`);
    t.same(await labelsApartFromFields(page), [], `${route}: every label is beside or above its field`);
    const boxes = await page.$$eval('.table-scroll', (els) => els.filter((e) => e.checkVisibility()).map((e) => ({ scrolls: e.scrollWidth > e.clientWidth, tabStop: e.getAttribute('tabindex') === '0', name: e.querySelector('caption')?.textContent })));
    t.same(boxes.filter((b) => b.scrolls !== b.tabStop), [], `${route}: a table's box is a tab stop exactly when it scrolls (${boxes.length} tables)`);
  }

  // ---- the band zones drawn behind the score chart are also text, with ranges that fit decimals
  await ready(page, '#/overview', 'overview');
  t.match(await text(page, '#band-ranges'), /Adequate \(60 or more\).*Needs improvement \(40 to under 60\).*Insufficient \(under 40\)/, 'the band ranges are written out');

  // ---- numbers: scores always with one decimal, counts with thousands separators (answers altered in flight)
  const alter = async (path: string, change: (body: Json) => void) =>
    page.route(
      (u) => u.pathname === path,
      async (route) => {
        const response = await route.fetch();
        const body = await response.json();
        change(body);
        await route.fulfill({ response, json: body });
      },
    );
  await alter('/v1/countries', (body) => {
    const c = body.countries.find((x: { code: string }) => x.code === 'TR');
    c.latestScore = { ...c.latestScore, score: 64 };
    c.lastActivity = { ...c.lastActivity, events: 12345 };
  });
  await alter('/v1/audit/verify', (body) => (body.eventsChecked = 1234567));
  await ready(page, '#/overview?numbers', 'overview');
  const tr = await page.$eval('#overview-table a[href="#/country/TR"]', (a) => (a.closest('tr') as HTMLElement).innerText);
  t.match(tr, /\b64\.0\b/, 'a whole score keeps its decimal (64.0), like the others in the column');
  t.match(tr, /12,345 events in total/, 'an event count has thousands separators');
  await ready(page, '#/audit', 'audit');
  t.match(await text(page, '#chain-summary'), /1,234,567 events checked/, 'so has the count of events checked');
  await page.unrouteAll();

  // ---- the skip link moves the focus to the content and keeps the route
  await ready(page, '#/country/ET', 'country');
  await page.focus('.skip-link');
  await page.keyboard.press('Enter');
  t.same(await page.evaluate(() => [location.hash, document.activeElement?.id]), ['#/country/ET', 'main'], 'the skip link focuses the content and leaves the route alone');

  // ---- an unknown route: its title, and the focus on its heading
  await ready(page, '#/nowhere', 'nowhere');
  t.equal(await page.title(), `Page not found · ${SITE}`, 'a page that does not exist says so in its title');
  t.equal(await page.evaluate(() => document.activeElement?.textContent), 'Page not found', 'and its heading has the focus');

  // ---- the report preview says it is loading while the report is built
  let release: () => void = () => {};
  const held = new Promise<void>((r) => (release = r));
  const isReport = (u: URL) => u.pathname.startsWith('/v1/reports/annual/');
  await page.route(isReport, async (route) => {
    await held;
    await route.continue();
  });
  await page.evaluate(() => (location.hash = '#/report?year=2022'));
  await page.waitForSelector('#report-heading');
  t.match(await text(page, '#report-preview [role="status"]'), /Loading the 2022 report preview/, 'the preview announces that it is loading');
  release();
  await page.waitForSelector('#report-manifest, #report-preview .error');
  t.notOk(await page.$('#report-preview [role="status"]'), 'and the message goes once the preview is there');
  await page.unroute(isReport);

  // ---- the timeline's "Load more": pressed twice while loading, one page is added and the focus stays
  await ready(page, '#/country/ET', 'country');
  await page.waitForSelector('#timeline-table');
  let releaseMore: () => void = () => {};
  const heldMore = new Promise<void>((r) => (releaseMore = r));
  const isNextPage = (u: URL) => u.pathname === '/v1/countries/ET/timeline' && u.searchParams.has('cursor');
  await page.route(isNextPage, async (route) => {
    await heldMore;
    await route.continue();
  });
  await page.focus('#timeline-results button');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  releaseMore();
  await page.waitForFunction(() => (document.querySelectorAll('#timeline-table tbody tr').length ?? 0) > 50);
  await page.waitForTimeout(300); // a second, duplicate page would land now
  const rows = await page.$$eval('#timeline-table tbody tr', (trs) => trs.map((tr) => (tr as HTMLElement).innerText));
  t.equal(rows.length, 100, 'one more page of 50 entries');
  t.equal(new Set(rows).size, rows.length, 'no entry shown twice');
  t.match(await text(page, '#timeline-status'), /50 more entries loaded; 100 shown/, 'the status says what was loaded');
  const focused = await page.evaluate(() => {
    const el = document.activeElement;
    return { inTimeline: !!el?.closest('#timeline-results'), tag: el?.tagName };
  });
  t.ok(focused.inTimeline, `the focus stays in the timeline (on ${focused.tag}), not back at the top of the page`);
  await page.unroute(isNextPage);

  // ---- a desk token limited to Ethiopia: another country, and the report it may not read
  const deskPage = await (await browser.newContext({ viewport: { width: 1300, height: 900 } })).newPage();
  deskPage.on('pageerror', (e) => problems.push(e.message));
  await deskPage.goto(`${url}/`);
  await deskPage.fill('#token-input', deskEt);
  await deskPage.press('#token-input', 'Enter');
  await dashboardReady(deskPage, 'overview');
  await ready(deskPage, '#/country/SO', 'country');
  t.match(await deskPage.textContent('#view'), /SO is not a configured country, or your token may not read it \(it may read: ET\)/, 'a country outside the token is not said to be unconfigured');
  await ready(deskPage, '#/report', 'report');
  await deskPage.waitForSelector('#report-preview .error');
  t.match(await deskPage.textContent('#report-preview .error'), /ask an administrator for a token with a role that may/, 'a refused report says what to do');

  // ---- 320 px wide (a 1280 px window zoomed to 400 %, WCAG 1.4.10): nothing runs off the screen
  await page.setViewportSize({ width: 320, height: 640 });
  for (const [route, name] of [
    ['#/overview', 'overview'],
    ['#/country/ET', 'country'],
    ['#/report?year=2023', 'report'],
    ['#/audit', 'audit'],
  ] as const) {
    await ready(page, route, name);
    const o = await overflow(page);
    t.same(o.out, [], `${route} at 320 px: nothing sticks out of the screen outside a table's scroll box`);
  }

  // ---- forgetting the token: the title follows
  await page.click('#forget-token');
  await page.waitForSelector('#token-panel:not([hidden])');
  t.equal(await page.title(), `Enter your access token · ${SITE}`, 'the token panel has its own title again');
  t.same((await overflow(page)).out, [], 'the token panel fits 320 px');

  t.same(problems, [], 'no page errors');
});
