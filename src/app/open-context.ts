import { join } from 'node:path';
import { TokenStore } from '../auth/token-store.js';
import { CommandService } from '../commands/command-service.js';
import type { Config } from '../config/config.js';
import { openSqliteDatabase } from '../store/open-sqlite.js';
import { openSqliteEventStore } from '../store/sqlite/index.js';
import type { AppContext } from './context.js';

export interface OpenedContext extends AppContext {
  close(): Promise<void>;
}

/** Opens the embedded stores under the data directory and wires the services. */
export async function openContext(config: Config): Promise<OpenedContext> {
  const store = openSqliteEventStore({ path: join(config.dataDir, 'events.sqlite') });
  const authDb = openSqliteDatabase(join(config.dataDir, 'auth.sqlite'));
  const tokens = new TokenStore(authDb);
  const commands = new CommandService(store);
  return {
    config,
    store,
    commands,
    tokens,
    async close() {
      await store.close();
      authDb.close();
    },
  };
}

/**
 * First start: with no tokens at all, create an admin token (RCM_ADMIN_TOKEN if set) and return it
 * so the entry point can print it once. Only its hash is kept.
 */
export function ensureAdminToken(ctx: AppContext): string | undefined {
  if (ctx.tokens.count() > 0) return undefined;
  return ctx.tokens.create({ principal: 'admin', role: 'admin', token: ctx.config.adminToken }).token;
}
