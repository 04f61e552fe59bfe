import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';

/** Debian's chromium, driven by playwright-core (no browser download). */
export const CHROMIUM = '/usr/bin/chromium';

const inCi = process.env['CI'] === 'true' || process.env['CI'] === '1';

/** tap's `skip` for browser tests: a reason when Chromium is absent, except under CI, where the test runs and fails instead. */
export const skipWithoutChromium: string | false =
  !existsSync(CHROMIUM) && !inCi ? `Chromium is not installed at ${CHROMIUM} (apt-get install chromium); with CI=true this test runs and fails instead` : false;

/** Headless Chromium with the flags our machines need. */
export async function launchChromium(): Promise<Browser> {
  return (await import('playwright-core')).chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Waits until the dashboard has rendered page `name` (the view's data-state is set last). */
export const dashboardReady = (page: Page, name: string) => page.waitForSelector(`#view[data-page="${name}"][data-state="ready"]`, { timeout: 30_000 });

/** A random admin token to provision a test server with (RCM_ADMIN_TOKEN). */
export const randomAdminToken = () => `rcm_e2e_${randomBytes(18).toString('base64url')}`;
