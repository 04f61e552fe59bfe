import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';

/** Something outside the hash chains that shows events were once in the log beyond where it now ends. */
export interface TailFinding {
  source: 'read-models' | 'idempotency';
  detail: string;
}

/**
 * A hash chain has no anchor for its end: events removed from the end of a stream (or the log
 * replaced by an older copy) leave every chain intact. Two records kept apart from the chains still
 * name what the log held: the read models' checkpoints (their own file) and the answers stored for
 * Idempotency-Keys (each names the events it recorded, by id and hash). This reads both,
 * read-only, and returns every sign that the log ends before what they name. Checkpoints are read
 * before the log's head, so a server appending meanwhile causes no false finding.
 */
export function checkLogTail(eventsPath: string, readModelsPath: string | null, maxListed = 20): TailFinding[] {
  const findings: TailFinding[] = [];
  const log = new Database(eventsPath, { readonly: true, fileMustExist: true });
  try {
    log.pragma('busy_timeout = 5000');
    if (readModelsPath && existsSync(readModelsPath)) {
      const rm = new Database(readModelsPath, { readonly: true, fileMustExist: true });
      let checkpoints: Array<{ name: string; version: number; position: number }> = [];
      try {
        rm.pragma('busy_timeout = 5000');
        const hasTable = rm.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'projection_checkpoints'").get();
        if (hasTable) checkpoints = rm.prepare('SELECT name, version, position FROM projection_checkpoints ORDER BY name, version').all() as typeof checkpoints;
      } finally {
        rm.close();
      }
      const head = (log.prepare('SELECT coalesce(max(position), 0) AS p FROM events').get() as { p: number }).p;
      for (const c of checkpoints) {
        if (c.position > head) {
          findings.push({
            source: 'read-models',
            detail: `the read models (${c.name} v${c.version}) were projected up to position ${c.position}, but the log ends at ${head}: events are missing from its end`,
          });
        }
      }
    }
    const hasKeys = log.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'idempotency_keys'").get();
    if (hasKeys) {
      const byId = log.prepare<[string], { position: number; hash: string }>('SELECT position, hash FROM events WHERE event_id = ?');
      let missing = 0;
      for (const row of log.prepare('SELECT scope, result FROM idempotency_keys ORDER BY created_at, scope').iterate() as Iterable<{ scope: string; result: string }>) {
        let events: Array<{ eventId?: unknown; position?: unknown; hash?: unknown }> = [];
        try {
          const parsed = JSON.parse(row.result) as { events?: unknown };
          if (Array.isArray(parsed.events)) events = parsed.events as typeof events;
        } catch {
          events = [];
        }
        for (const e of events) {
          if (typeof e.eventId !== 'string') continue;
          const stored = byId.get(e.eventId);
          // Positions are not compared: a migrated log may number its events anew; ids and hashes travel.
          if (stored && stored.hash === e.hash) continue;
          if (++missing <= maxListed) {
            findings.push({
              source: 'idempotency',
              detail: `the answer kept for Idempotency-Key scope ${row.scope} names event ${e.eventId} at position ${String(e.position)}, which the log ${stored ? `holds with another hash (position ${stored.position})` : 'does not hold'}`,
            });
          }
        }
      }
      if (missing > maxListed) findings.push({ source: 'idempotency', detail: `... and ${missing - maxListed} more events named by kept Idempotency-Key answers are not in the log` });
    }
  } finally {
    log.close();
  }
  return findings;
}
