import { AppError } from './catalogue.js';

/** Seconds a client is asked to wait when the disk is full: an operator has to free space first. */
export const STORAGE_FULL_RETRY_S = 60;

/**
 * SQLite's "database or disk is full" (any of the embedded databases: the log, the tokens, the read
 * models, an as-known-at view being built) as the catalogue's STORAGE_FULL. SQLite rolls back the
 * statement or transaction that ran out of space, so nothing of that write is stored; `undefined`
 * for any other error.
 */
export function storageFull(err: unknown): AppError | undefined {
  if ((err as { code?: unknown } | null)?.code !== 'SQLITE_FULL') return undefined;
  return new AppError('STORAGE_FULL', `The disk holding the service's data is full, so nothing of this request was stored (no fact recorded, no as-known-at view built); retry once an operator has freed space (in ${STORAGE_FULL_RETRY_S} s at the earliest)`);
}
