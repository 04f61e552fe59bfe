import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { allProjections, previousProjectionVersions } from '../../projections/index.js';
import { TokenStore } from '../auth/token-store.js';
import { CommandService, todayUtc } from '../commands/command-service.js';
import { SnapshotFiles } from '../commands/state-snapshots.js';
import type { Config } from '../config/config.js';
import { dropCheckpointsBeyond, openReadModelDb } from '../projection-runtime/read-model-db.js';
import { ReadSide } from '../projection-runtime/read-side.js';
import { ProjectionRunner, type ProjectionStatusEntry } from '../projection-runtime/runner.js';
import { ThreadedProjectionRunner } from '../projection-runtime/runner-thread.js';
import { checkpointTargetOf, WalCheckpointer, type CheckpointTarget } from '../store/checkpoint/wal-checkpointer.js';
import { configuredEventStore, openEventStore } from '../store/open-event-store.js';
import { SqliteEventStore } from '../store/sqlite/index.js';
import { openSqliteDatabase } from '../store/open-sqlite.js';
import { lockFile } from '../as-of/dir-lock.js';
import type { AppContext } from './context.js';

/**
 * Longest read-model batch while the server listens during a catch-up: requests wait at most about
 * this long (a batch of 50,000 events took ~1.5 s, over the 1 s event-loop delay at which requests
 * are shed), for a rebuild a few per cent slower.
 */
const LISTENING_BATCH_MS = 100;

export interface OpenedContext extends AppContext {
  /**
   * Settles once the projections have caught up at start (already settled unless `catchUp` is
   * 'background'). A rejection is the catch-up's failure: the runner tries again on the next commit.
   */
  caughtUp: Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the stores under the data directory (the event log is KurrentDB when RCM_EVENTSTORE_URL is
 * set), starts the projection runner (it catches up from its checkpoints, then follows new
 * commits) and wires the services.
 */
export async function openContext(
  config: Config,
  options: {
    /** Today's date, UTC (default: the system clock): for the deciders and the read side. */
    today?: () => string;
    /** While the projections catch up at start, every `everyMs` (default 5 s): where they stand. */
    onCatchUpProgress?: (status: ProjectionStatusEntry[]) => void;
    everyMs?: number;
    /**
     * 'await' (default): return once the projections have caught up. 'background': return at once
     * (the server then listens while a rebuild runs: writes are recorded, `/ready` says 503 until
     * caught up, reads of a projection with no live version yet answer 503 NOT_CAUGHT_UP).
     */
    catchUp?: 'await' | 'background';
  } = {},
): Promise<OpenedContext> {
  if (existsSync(config.dataDir) && !statSync(config.dataDir).isDirectory()) {
    throw new DataDirectoryError(`RCM_DATA_DIR ${resolve(config.dataDir)} is not a directory`);
  }
  // KurrentDB's failures (a server out of reach) keep their own message: the advice is about the embedded log's file.
  const openLog = <T>(open: () => T | Promise<T>) => (config.eventStoreUrl ? open() : opening(config.dataDir, 'events.sqlite', LOG_ADVICE, open));
  const store = await openLog(() => openEventStore(configuredEventStore(config)));
  const logHead = await openLog(() => store.headPosition());
  const authDb = await opening(config.dataDir, 'auth.sqlite', AUTH_ADVICE, () => openSqliteDatabase(join(config.dataDir, 'auth.sqlite')));
  const readModels = readModelsLocation(config.dataDir);
  const readDb = await opening(dirname(readModels.path), 'read-models.sqlite', READ_MODELS_ADVICE, () => {
    const db = openReadModelDb(readModels.path);
    for (const r of dropCheckpointsBeyond(db, logHead)) {
      process.emitWarning(
        `Read models: ${r.name} v${r.version} was projected up to position ${r.position}, but the event log ends at ${logHead}; ` +
          'these read models do not belong to this log and are built again from it',
      );
    }
    return db;
  });
  const background = options.catchUp === 'background';
  const partitionedBuild = { workers: config.buildWorkers, minEvents: config.buildWorkersMinEvents };
  // The runner's own thread needs both stores as files it can open again (not an in-memory database, not KurrentDB's client).
  const threaded = config.projectionThread === 'worker' && store instanceof SqliteEventStore && !readDb.memory;
  const runner =
    threaded
      ? new ThreadedProjectionRunner({
          store,
          eventsPath: store.path,
          readModelsPath: readDb.name,
          // The worker answers status requests and read-your-writes waits between batches.
          maxBatchMs: LISTENING_BATCH_MS,
          partitionedBuild,
        })
      : new ProjectionRunner({
          store,
          db: readDb,
          projections: allProjections,
          previousVersions: previousProjectionVersions,
          // While the server listens, a catch-up in this thread gives the event loop back every 100 ms.
          ...(background ? { maxBatchMs: LISTENING_BATCH_MS } : {}),
          ...(store instanceof SqliteEventStore ? { partitionedBuild: { eventsPath: store.path, ...partitionedBuild } } : {}),
        });
  const report = options.onCatchUpProgress;
  let settled = false;
  let closed = false;
  const progress = report
    ? setInterval(() => void runner.status().then((status) => settled || report(status), () => undefined), options.everyMs ?? 5000)
    : null;
  let checkpointer: WalCheckpointer | null = null;
  // After the catch-up (a rebuild checkpoints as it goes): from now on commits stay short. After a
  // failed one too when the server runs on (the runner tries again on the next commit).
  const afterCatchUp = (startCheckpointer: boolean) => {
    settled = true;
    if (progress) clearInterval(progress);
    if (!startCheckpointer || closed || readDb.memory) return;
    // A runner in its own thread checkpoints the read models there, on its connection (this one only reads).
    const targets: CheckpointTarget[] = threaded ? [] : [checkpointTargetOf(readDb)];
    const logTarget = store instanceof SqliteEventStore ? store.checkpointTarget() : null;
    if (logTarget) targets.push(logTarget);
    if (targets.length > 0) checkpointer = new WalCheckpointer(targets);
  };
  const caughtUp = runner.start().then(
    () => afterCatchUp(true),
    (e: unknown) => {
      afterCatchUp(background);
      throw e;
    },
  );
  if (background) caughtUp.catch(() => undefined); // the caller observes ctx.caughtUp
  else await caughtUp;
  const today = options.today ?? todayUtc;
  const commands = new CommandService(store, { snapshots: new SnapshotFiles(join(config.dataDir, 'snapshots')), today });
  return {
    config,
    caughtUp,
    store,
    commands,
    tokens: new TokenStore(authDb),
    readModels: readDb,
    today,
    readSide: new ReadSide(readDb, runner, { countries: config.countries, today }),
    async close() {
      closed = true;
      // Before the store closes: commands have ended (the HTTP server closed first).
      await commands.saveSnapshots();
      await runner.stop();
      // A catch-up still running has now ended (and started no checkpointer after `closed`).
      await caughtUp.catch(() => undefined);
      await (checkpointer as WalCheckpointer | null)?.stop();
      await store.close();
      readDb.close();
      authDb.close();
      readModels.release();
    },
  };
}

/** A database of the data directory that cannot be opened: the message names it and says what to do (no stack trace). */
export class DataDirectoryError extends Error {}

const LOG_ADVICE = 'The event log is the record: restore it from a backup (npm run restore) into a new data directory; do not delete it.';
const AUTH_ADVICE = 'Restore it from a backup, or move it aside and create tokens again (npm run token; the first start creates an admin token).';
const READ_MODELS_ADVICE =
  'The read models are derived from the event log: with the server stopped, delete read-models.sqlite (and its -wal and -shm files) and start again to rebuild them.';

/** Runs `open` for the database `file` of `dir`; a failure becomes a DataDirectoryError naming the file, the cause and `advice`. */
async function opening<T>(dir: string, file: string, advice: string, open: () => T | Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    // Only a file SQLite cannot use; anything else (a bug, a closed store) keeps its own message and stack.
    if (typeof code !== 'string' || !/^(SQLITE_|E[A-Z]+$)/.test(code)) throw e;
    throw new DataDirectoryError(`Cannot open ${resolve(dir, file)}: ${e instanceof Error ? e.message : String(e)} (${code}). ${advice}`);
  }
}

/**
 * Where this process keeps its read models. One process at a time feeds a data directory's
 * `read-models.sqlite` (it holds `read-models.lock`, an OS lock released when it stops or dies): two
 * runners on one file would each fold every commit from their own checkpoint and apply it twice. A
 * second instance on the same data directory (its writes go to the same event log) says so and builds
 * read models of its own in a temporary directory, deleted when it stops.
 */
function readModelsLocation(dataDir: string): { path: string; release(): void } {
  const lock = lockFile(join(dataDir, 'read-models.lock'));
  if (lock) return { path: join(dataDir, 'read-models.sqlite'), release: () => lock.release() };
  const dir = mkdtempSync(join(tmpdir(), 'rcm-read-models-'));
  process.emitWarning(
    `Read models: ${join(dataDir, 'read-models.sqlite')} is fed by another instance on this data directory; this one builds its own in ${dir} (deleted when it stops)`,
  );
  return { path: join(dir, 'read-models.sqlite'), release: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * First start: with no tokens at all, create an admin token (RCM_ADMIN_TOKEN if set) and return it
 * so the entry point can print it once. Only its hash is kept.
 */
export function ensureAdminToken(ctx: AppContext): string | undefined {
  if (ctx.tokens.count() > 0) return undefined;
  return ctx.tokens.create({ principal: 'admin', role: 'admin', token: ctx.config.adminToken }).token;
}
