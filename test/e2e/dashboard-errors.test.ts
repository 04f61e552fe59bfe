import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import type { Browser } from 'playwright-core';
import { startServer } from '../helpers/server-process.js';
import { dashboardReady, launchChromium, randomAdminToken, skipWithoutChromium } from '../helpers/browser.js';

/**
 * The dashboard when the service stops answering: the page says the service did not answer
 * (instead of the browser's bare "Failed to fetch"), and so does the token form.
 */


t.test('dashboard with the server stopped says the service did not answer', { skip: skipWithoutChromium }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rcm-dashboard-down-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const admin = randomAdminToken();
  const server = await startServer({ RCM_DATA_DIR: dir, RCM_ADMIN_TOKEN: admin });
  let stopped = false;
  t.teardown(async () => {
    if (!stopped) await server.stop();
  });
  const { url } = server;

  const browser: Browser = await launchChromium();
  t.teardown(() => browser.close());
  const page = await (await browser.newContext({ viewport: { width: 1000, height: 800 } })).newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${url}/`);
  await page.fill('#token-input', admin);
  await page.press('#token-input', 'Enter');
  await dashboardReady(page, 'overview');

  await server.stop();
  stopped = true;
  await page.evaluate(() => {
    location.hash = '#/country/ET';
  });
  await page.waitForSelector('#view[data-page="country"][data-state="error"]', { timeout: 30_000 });
  const text = await page.$eval('#view', (el) => (el as HTMLElement).innerText);
  t.match(text, /The service did not answer/, `the page says the service did not answer: ${JSON.stringify(text)}`);
  t.notMatch(text, /Failed to fetch/, "not the browser's bare message");
  // One press tries again (here it fails again: the service is still down).
  t.ok(await page.$('#retry'), 'a "Try again" button is offered');
  if (await page.$('#retry')) {
    await page.$eval('#view', (v) => v.setAttribute('data-state', 'stale'));
    await page.click('#retry');
    await page.waitForSelector('#view[data-page="country"][data-state="error"]', { timeout: 30_000 });
    t.pass('pressing it renders the page again');
  }

  // The token form, asked to check a token while the service is down, says the same (not "refused").
  await page.click('#forget-token');
  await page.fill('#token-input', admin);
  await page.press('#token-input', 'Enter');
  await page.waitForSelector('#token-error:not(:empty)');
  const tokenError = await page.textContent('#token-error');
  t.match(tokenError, /The service did not answer/);
  t.notMatch(tokenError, /refused/, 'the token is not said to be refused');
  t.same(pageErrors, [], 'no uncaught errors');
});
