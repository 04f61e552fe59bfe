import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import type { Browser } from 'playwright-core';
import { startServer } from '../helpers/server-process.js';
import { dashboardReady, launchChromium, randomAdminToken, skipWithoutChromium } from '../helpers/browser.js';
import { createToken, dashboardFacts, postFacts } from './dashboard-data.js';
import { overflow } from '../helpers/a11y.js';

/**
 * The dashboard on a phone-sized screen (375 px): the page itself never scrolls sideways (wide tables
 * scroll in their own box), and the scorecard's values stay on screen below their labels.
 * Before, the facts grid's label column took the whole width and pushed the score off screen.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SHOTS = join(ROOT, 'tmp', 'screenshots');
const WIDTH = 375;


t.test('dashboard at 375 px: no sideways page scroll, the score on screen', { skip: skipWithoutChromium }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rcm-dashboard-narrow-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(SHOTS, { recursive: true });
  const admin = randomAdminToken();
  const server = await startServer({ RCM_DATA_DIR: dir, RCM_ADMIN_TOKEN: admin });
  t.teardown(() => server.stop());
  const { url } = server;
  const token = (principal: string, role: string, countries?: string[]) => createToken(url, admin, principal, role, countries);
  const desk = await token('desk-narrow', 'desk', ['ET', 'SO', 'TN', 'DZ', 'TR']);
  const analyst = await token('analyst-narrow', 'analyst');
  const position = await postFacts(url, desk, dashboardFacts());
  const list = (await (await fetch(`${url}/v1/countries?minPosition=${position}`, { headers: { authorization: `Bearer ${analyst}` } })).json()) as { countries: { code: string; latestScore: { score: number | null } | null }[] };
  const scored = list.countries.find((c) => typeof c.latestScore?.score === 'number');
  t.ok(scored, 'a country has a score');

  const browser: Browser = await launchChromium();
  t.teardown(() => browser.close());
  const page = await (await browser.newContext({ viewport: { width: WIDTH, height: 800 } })).newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${url}/`);
  await page.fill('#token-input', analyst);
  await page.press('#token-input', 'Enter');
  await dashboardReady(page, 'overview');

  for (const [route, name] of [
    ['#/overview', 'overview'],
    [`#/country/${scored!.code}`, 'country'],
    ['#/report', 'report'],
  ] as const) {
    await page.goto(`${url}/${route}`);
    await dashboardReady(page, name);
    await page.waitForTimeout(300); // charts lay out
    await page.screenshot({ path: join(SHOTS, `narrow-${name}.png`), fullPage: true });
    const o = await overflow(page);
    t.ok(o.scrollWidth <= o.width, `${route}: the page does not scroll sideways (document ${o.scrollWidth} px, screen ${o.width} px) ${o.out.join(', ')}`);
    t.same(o.out, [], `${route}: nothing sticks out of the screen outside a table's scroll box`);
    // A box that scrolls takes the focus, so the keyboard can scroll it; one that fits is no tab stop.
    // The charts' tables are in closed <details>: opened, they are measured again.
    await page.$$eval('details', (ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const boxes = await page.$$eval('.table-scroll', (els) => els.map((e) => ({ scrolls: e.scrollWidth > e.clientWidth, tabStop: e.getAttribute('tabindex') === '0', named: !!e.getAttribute('aria-label') })));
    t.ok(boxes.some((b) => b.scrolls), `${route}: some table is wider than the screen`);
    t.same(boxes.filter((b) => b.scrolls !== b.tabStop || b.scrolls !== b.named), [], `${route}: exactly the boxes that scroll are named tab stops`);
  }

  await page.goto(`${url}/#/country/${scored!.code}`);
  await dashboardReady(page, 'country');
  const score = await page.$eval('#country-score', (el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, right: r.right, text: (el as HTMLElement).innerText };
  });
  t.ok(score.left >= 0 && score.right <= WIDTH, `the score (${score.text}) is on screen: ${Math.round(score.left)}-${Math.round(score.right)} px of ${WIDTH}`);
  t.same(problems, [], 'no page errors');
});
