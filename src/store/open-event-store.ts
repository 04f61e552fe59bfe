import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { EventStore } from './port.js';
import { openSqliteEventStore } from './sqlite/index.js';
import { EVENT_STORE_URL, type Config } from '../config/config.js';
import type { KurrentClient } from './kurrentdb/index.js';

export interface OpenEventStoreOptions {
  /** The instance's data directory (SQLite event log, or the KurrentDB local index). */
  dataDir: string;
  /** `kurrentdb://...` or `esdb://...`: use that server; empty or undefined: embedded SQLite. Usually RCM_EVENTSTORE_URL. */
  eventStoreUrl?: string | undefined;
  /** Stream-name prefix on a shared KurrentDB server (RCM_EVENTSTORE_NAMESPACE). Default ''. */
  namespace?: string | undefined;
  /** A KurrentDB client built elsewhere (tests: an in-process stand-in). */
  client?: KurrentClient;
  onWarning?: (message: string) => void;
  /**
   * The embedded log must exist already (tools that read a data directory: a mistyped path must be
   * an error, not a new empty log). Default false: the server creates it on its first start.
   */
  existing?: boolean;
}

/** The event store a configuration names: the server and every tool open it alike. */
export const configuredEventStore = (config: Pick<Config, 'dataDir' | 'eventStoreUrl' | 'eventStoreNamespace'>) => ({
  dataDir: config.dataDir,
  eventStoreUrl: config.eventStoreUrl,
  namespace: config.eventStoreNamespace,
});

/** A data directory without an event log, given to a tool that reads one. */
export class EventLogMissingError extends Error {}


/**
 * The event store this instance uses: KurrentDB when a connection string is configured
 * (with its local index at `<dataDir>/kurrentdb-index.sqlite`), else SQLite at
 * `<dataDir>/events.sqlite`.
 */
export async function openEventStore(options: OpenEventStoreOptions): Promise<EventStore> {
  const url = options.eventStoreUrl?.trim();
  if (!url) {
    const path = join(options.dataDir, 'events.sqlite');
    if (options.existing && !(existsSync(path) && statSync(path).isFile())) {
      throw new EventLogMissingError(`No event log at ${resolve(path)}: is ${resolve(options.dataDir)} the data directory (--data-dir, RCM_DATA_DIR)?`);
    }
    return openSqliteEventStore({ path });
  }
  if (!EVENT_STORE_URL.test(url)) {
    throw new Error(`RCM_EVENTSTORE_URL must be a kurrentdb:// (or esdb://) connection string, got "${url.replace(/\/\/[^@/]*@/, '//***@')}"`);
  }
  // Loaded only when configured: the gRPC client alone costs ~0.4 s of every embedded start-up.
  const { openKurrentDbEventStore } = await import('./kurrentdb/index.js');
  return openKurrentDbEventStore({
    connectionString: url,
    indexPath: join(options.dataDir, 'kurrentdb-index.sqlite'),
    namespace: options.namespace ?? '',
    ...(options.onWarning ? { onWarning: options.onWarning } : {}),
    ...(options.client ? { client: options.client } : {}),
  });
}
