import { z } from 'zod';
import { ConfigError } from '../config/config.js';

const Env = z.object({
  RCM_AS_OF_CACHE_MB: z.coerce.number().int().min(1).max(1_048_576).default(2048),
  RCM_AS_OF_SNAPSHOT_EVERY: z.coerce.number().int().min(100).max(10_000_000).default(10_000),
});

export interface AsOfCacheSettings {
  /** Most bytes of view files kept on disk (least recently used go first). */
  maxBytes: number;
  /** While a view is built, a copy is kept every this many folded events (bases for later cutoffs). */
  snapshotEvery: number;
}

/** The as-of cache settings from the environment; a bad value is a ConfigError naming the variable. */
export function loadAsOfCacheSettings(env: NodeJS.ProcessEnv = process.env): AsOfCacheSettings {
  const picked = Object.fromEntries(Object.keys(Env.shape).filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]));
  const parsed = Env.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { maxBytes: parsed.data.RCM_AS_OF_CACHE_MB * 1024 * 1024, snapshotEvery: parsed.data.RCM_AS_OF_SNAPSHOT_EVERY };
}
