import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config/config.js';
import { openContext, type OpenedContext } from '../../src/app/open-context.js';
import { buildApp, type ZodApp } from '../../src/http/app.js';

export interface TestApp {
  app: ZodApp;
  ctx: OpenedContext;
  dir: string;
  tokens: { admin: string; deskEtSo: string; deskTn: string; analyst: string; auditor: string };
  close(): Promise<void>;
}

/** A real app on a fresh temp data directory (real SQLite files), with one token per role. */
export async function startTestApp(env: Record<string, string> = {}, options: { today?: () => string } = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'rcm-test-'));
  // The projection runner in this thread unless a test asks for the worker: tap counts coverage in
  // this thread only. The worker thread has its own tests (runner-thread.test.ts), and the
  // end-to-end tests run the real server with its default (the worker).
  // No load shedding unless a test asks for it (limits.test.ts): on a busy host, building an app or
  // the OpenAPI document (~0.3 s on the first /docs/json) stalls the event loop past the limit, and
  // the requests after it were shed with 503 OVERLOADED.
  // No background preparation of the latest closed year either: it would build as-of views while a
  // test counts them. The end-to-end tests run the real server with it (closed-year-prepared.test.ts).
  const config: Config = loadConfig({ RCM_DATA_DIR: dir, RCM_PROJECTION_THREAD: 'main', RCM_MAX_EVENT_LOOP_DELAY_MS: '0', RCM_PREPARE_CLOSED_YEAR: 'false', ...env });
  const ctx = await openContext(config, options);
  const app = await buildApp(ctx);
  const make = (principal: string, role: 'desk' | 'analyst' | 'auditor' | 'admin', countries?: string[]) =>
    ctx.tokens.create({ principal, role, countries }).token;
  const tokens = {
    admin: make('admin-1', 'admin'),
    deskEtSo: make('desk-horn', 'desk', ['ET', 'SO']),
    deskTn: make('desk-maghreb', 'desk', ['TN']),
    analyst: make('analyst-1', 'analyst'),
    auditor: make('auditor-1', 'auditor'),
  };
  return {
    app,
    ctx,
    dir,
    tokens,
    async close() {
      await app.close();
      await ctx.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export const provenance = { sourceKind: 'nl-desk', reference: 'desk note 2024-01', evidenceStatus: 'confirmed' } as const;
