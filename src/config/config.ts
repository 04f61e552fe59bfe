import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { ISO_COUNTRY_CODES } from './iso-countries.js';

const CountryList = z
  .string()
  .transform((s) => s.split(',').map((c) => c.trim().toUpperCase()).filter((c) => c.length > 0))
  .pipe(
    z
      .array(z.string().refine((c) => ISO_COUNTRY_CODES.has(c), { error: (i) => `${String(i.input)} is not an ISO 3166-1 alpha-2 country code (such as ET)` }))
      .min(1, 'at least one country is needed')
      .refine((l) => new Set(l).size === l.length, 'countries must not repeat'),
  );

/** A whole number given as plain digits (z.coerce.number would take "0x4A61", "1e3" or " 12"). */
const EnvInt = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,16}$/, 'must be a whole number (digits only)')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** What RCM_EVENTSTORE_URL must look like: a KurrentDB / EventStoreDB connection string. */
export const EVENT_STORE_URL = /^(?:kurrentdb|kurrent|esdb|eventstore)(?:\+discover)?:\/\//i;

/** A prefix of our stream names on a shared KurrentDB server: empty, or like `rcm-` (lowercase, ends in - _ or .). */
export const EVENT_STORE_NAMESPACE = /^(?:[a-z0-9][a-z0-9-]{0,62}[-_.])?$/;

const EnvSchema = z.object({
  PORT: EnvInt(0, 65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  RCM_DATA_DIR: z.string().min(1).default('./data'),
  RCM_COUNTRIES: CountryList.default(['ET', 'SO', 'TN', 'DZ', 'TR']),
  RCM_ADMIN_TOKEN: z
    .string()
    .regex(/^[A-Za-z0-9._~-]{24,256}$/, 'must be 24-256 characters of letters, digits and . _ ~ -')
    .optional(),
  RCM_BODY_LIMIT: EnvInt(1024, 100 * 1024 * 1024).default(256 * 1024),
  RCM_IMPORT_BODY_LIMIT: EnvInt(1024, 2 * 1024 * 1024 * 1024).default(200 * 1024 * 1024),
  RCM_IMPORT_DECOMPRESSED_LIMIT: EnvInt(1024, 8 * 1024 * 1024 * 1024).default(200 * 1024 * 1024),
  RCM_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RCM_READ_WAIT_MS: EnvInt(0, 60_000).default(5_000),
  RCM_EVENTSTORE_URL: z.string().trim().regex(EVENT_STORE_URL, 'must be a kurrentdb:// (or esdb://) connection string').optional(),
  RCM_EVENTSTORE_NAMESPACE: z.string().regex(EVENT_STORE_NAMESPACE, 'must be like rcm- (lowercase letters, digits and dashes, ending in - _ or .)').default(''),
  RCM_RATE_LIMIT_PER_MINUTE: EnvInt(1, 10_000_000).default(6000),
  RCM_REQUEST_TIMEOUT_MS: EnvInt(1000, 600_000).default(30_000),
  RCM_MAX_EVENT_LOOP_DELAY_MS: EnvInt(0, 60_000).default(1000),
  RCM_AS_OF_CACHE_MB: EnvInt(1, 1_048_576).default(2048),
  RCM_AS_OF_SNAPSHOT_EVERY: EnvInt(100, 10_000_000).default(10_000),
  RCM_REPORT_CACHE_MB: EnvInt(0, 65_536).default(64),
  RCM_PREPARE_CLOSED_YEAR: z.enum(['true', 'false'], 'must be true or false').default('true'),
  // At most 8: the merge attaches every worker's file to one connection (SQLite allows 10).
  RCM_BUILD_WORKERS: EnvInt(0, 8).optional(),
  RCM_BUILD_WORKERS_MIN_EVENTS: EnvInt(1, Number.MAX_SAFE_INTEGER).default(50_000),
  RCM_PROJECTION_THREAD: z.enum(['worker', 'main']).default('worker'),
});

/** Worker threads for building a projection version from scratch: one per core up to 4; none on one core. */
export function defaultBuildWorkers(cores = availableParallelism()): number {
  return cores >= 2 ? Math.min(cores, 4) : 0;
}

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  countries: string[];
  adminToken: string | undefined;
  bodyLimit: number;
  importBodyLimit: number;
  /** Most bytes a gzip import body may decompress to (the body limit counts compressed bytes). */
  importDecompressedLimit: number;
  logLevel: z.infer<typeof EnvSchema>['RCM_LOG_LEVEL'];
  readWaitMs: number;
  eventStoreUrl: string | undefined;
  /** Prefix of our stream names on the KurrentDB server ('' for none; unused by the embedded store). */
  eventStoreNamespace: string;
  rateLimitPerMinute: number;
  requestTimeoutMs: number;
  maxEventLoopDelayMs: number;
  /** Most bytes of cached as-known-at view files on disk. */
  asOfCacheBytes: number;
  /** While an as-known-at view is built, a copy is kept every this many folded events. */
  asOfSnapshotEvery: number;
  /** Estimated memory for annual-report bodies kept between requests (0: none kept). */
  reportCacheBytes: number;
  /** The latest closed year's annual report (and the views behind its frozen answers) is built in the background, at start and once a year is closed. */
  prepareClosedYear: boolean;
  /** Worker threads that build a projection version from scratch (0: in the main thread, in global order). */
  buildWorkers: number;
  /** Fewer events than this are folded in the main thread (starting workers and merging costs more). */
  buildWorkersMinEvents: number;
  /**
   * Where the projection runner feeds the read models: 'worker' (a thread of its own, so its batches
   * never hold up requests) or 'main' (the event loop). Always 'main' for in-memory read models and
   * the KurrentDB backend.
   */
  projectionThread: 'worker' | 'main';
};

export class ConfigError extends Error {}

/** Reads and validates the configuration from the environment; throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(stripEmpty(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.RCM_DATA_DIR,
    countries: e.RCM_COUNTRIES,
    adminToken: e.RCM_ADMIN_TOKEN,
    bodyLimit: e.RCM_BODY_LIMIT,
    importBodyLimit: e.RCM_IMPORT_BODY_LIMIT,
    importDecompressedLimit: e.RCM_IMPORT_DECOMPRESSED_LIMIT,
    logLevel: e.RCM_LOG_LEVEL,
    readWaitMs: e.RCM_READ_WAIT_MS,
    eventStoreUrl: e.RCM_EVENTSTORE_URL,
    eventStoreNamespace: e.RCM_EVENTSTORE_NAMESPACE,
    rateLimitPerMinute: e.RCM_RATE_LIMIT_PER_MINUTE,
    requestTimeoutMs: e.RCM_REQUEST_TIMEOUT_MS,
    maxEventLoopDelayMs: e.RCM_MAX_EVENT_LOOP_DELAY_MS,
    asOfCacheBytes: e.RCM_AS_OF_CACHE_MB * 1024 * 1024,
    asOfSnapshotEvery: e.RCM_AS_OF_SNAPSHOT_EVERY,
    reportCacheBytes: e.RCM_REPORT_CACHE_MB * 1024 * 1024,
    prepareClosedYear: e.RCM_PREPARE_CLOSED_YEAR === 'true',
    buildWorkers: e.RCM_BUILD_WORKERS ?? defaultBuildWorkers(),
    buildWorkersMinEvents: e.RCM_BUILD_WORKERS_MIN_EVENTS,
    projectionThread: e.RCM_PROJECTION_THREAD,
  };
}

/** Empty variables (`PORT=`) mean "not set", so defaults apply. */
function stripEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}
