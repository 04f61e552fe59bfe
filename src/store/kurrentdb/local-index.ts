import { openSqliteDatabase, type SqliteDatabase } from '../open-sqlite.js';
import type { AppendedEvent, AppendResult, StreamHead } from '../port.js';
import type { MetadataClaim } from './metadata.js';

/** A KurrentDB log position ($all): commit and prepare, compared in that order. */
export interface ServerPosition {
  commit: bigint;
  prepare: bigint;
}

export function compareServerPositions(a: ServerPosition, b: ServerPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** What the index keeps of one of our events (the event itself stays on the server). */
export interface IndexEntry {
  serverPosition: ServerPosition;
  eventId: string;
  type: string;
  streamId: string;
  streamRevision: number;
  recordedAt: string;
  hash: string;
  claim?: MetadataClaim | undefined;
}

export interface ClaimRecord {
  scope: string;
  requestHash: string;
  streamId: string;
  firstRevision: number;
  eventCount: number;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS index_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
  -- position: our dense global order, 1, 2, 3, ... in $all order of our streams only.
  CREATE TABLE IF NOT EXISTS indexed_events (
    position INTEGER PRIMARY KEY,
    commit_pos TEXT NOT NULL,
    prepare_pos TEXT NOT NULL,
    event_id TEXT NOT NULL,
    type TEXT NOT NULL,
    stream_id TEXT NOT NULL,
    stream_revision INTEGER NOT NULL,
    recorded_at TEXT NOT NULL,
    -- running maximum of recorded_at up to this position: non-decreasing even when two instances'
    -- clocks disagree, so "as known at T" can be a position cutoff.
    recorded_at_max TEXT NOT NULL,
    hash TEXT NOT NULL,
    UNIQUE (stream_id, stream_revision)
  ) STRICT;
  CREATE INDEX IF NOT EXISTS indexed_events_event_id ON indexed_events (event_id);
  CREATE INDEX IF NOT EXISTS indexed_events_recorded_at_max ON indexed_events (recorded_at_max);
  -- First claim of a scope in log order wins; later ones are counted as conflicting claims.
  CREATE TABLE IF NOT EXISTS idempotency_claims (
    scope TEXT PRIMARY KEY,
    request_hash TEXT NOT NULL,
    stream_id TEXT NOT NULL,
    first_revision INTEGER NOT NULL,
    event_count INTEGER NOT NULL
  ) STRICT;
`;

interface EventRow {
  position: number;
  commit_pos: string;
  prepare_pos: string;
  event_id: string;
  type: string;
  stream_id: string;
  stream_revision: number;
  recorded_at: string;
  hash: string;
}

/**
 * The per-instance index of the KurrentDB log: dense position <-> server position, event ids,
 * stream heads, recordedAt and idempotency claims. It holds nothing that is not in the log: delete
 * the file and it is rebuilt from `$all` at the next start. It is fed in `$all` order only, so it
 * is always a prefix of our events in the log, and every instance that reads the same log assigns
 * the same dense positions.
 */
export class LocalIndex {
  private readonly db: SqliteDatabase;
  private last: ServerPosition | undefined;
  private head: number;
  private maxRecordedAt: string;
  private conflictingClaims = 0;
  private readonly stmts;

  constructor(path: string, namespace: string) {
    this.db = openSqliteDatabase(path);
    try {
      this.db.exec(SCHEMA);
      const stored = this.db.prepare<[], { value: string }>("SELECT value FROM index_meta WHERE key = 'namespace'").get();
      if (stored === undefined) this.db.prepare("INSERT INTO index_meta (key, value) VALUES ('namespace', ?)").run(namespace);
      else if (stored.value !== namespace) {
        throw new Error(`Index ${path} was built for namespace "${stored.value}", not "${namespace}": delete it to rebuild`);
      }
    } catch (e) {
      this.db.close();
      throw e;
    }
    this.stmts = {
      insert: this.db.prepare(
        `INSERT INTO indexed_events (position, commit_pos, prepare_pos, event_id, type, stream_id, stream_revision, recorded_at, recorded_at_max, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertClaim: this.db.prepare(
        'INSERT OR IGNORE INTO idempotency_claims (scope, request_hash, stream_id, first_revision, event_count) VALUES (?, ?, ?, ?, ?)',
      ),
      last: this.db.prepare<[], EventRow & { recorded_at_max: string }>('SELECT * FROM indexed_events ORDER BY position DESC LIMIT 1'),
      at: this.db.prepare<[number], EventRow>('SELECT * FROM indexed_events WHERE position = ?'),
      byEventId: this.db.prepare<[string], EventRow>('SELECT * FROM indexed_events WHERE event_id = ? ORDER BY position LIMIT 1'),
      byRevision: this.db.prepare<[string, number], EventRow>('SELECT * FROM indexed_events WHERE stream_id = ? AND stream_revision = ?'),
      streamRange: this.db.prepare<[string, number, number], EventRow>(
        'SELECT * FROM indexed_events WHERE stream_id = ? AND stream_revision >= ? AND stream_revision <= ? ORDER BY stream_revision',
      ),
      streamHead: this.db.prepare<[string], EventRow>('SELECT * FROM indexed_events WHERE stream_id = ? ORDER BY stream_revision DESC LIMIT 1'),
      streamHeads: this.db.prepare<[], StreamHead>(
        'SELECT stream_id AS streamId, max(stream_revision) AS lastRevision, hash AS lastHash FROM indexed_events GROUP BY stream_id ORDER BY stream_id',
      ),
      positionAt: this.db.prepare<[string], { position: number }>(
        'SELECT position FROM indexed_events WHERE recorded_at_max <= ? ORDER BY position DESC LIMIT 1',
      ),
      claim: this.db.prepare<[string], { requestHash: string; streamId: string; firstRevision: number; eventCount: number }>(
        'SELECT request_hash AS requestHash, stream_id AS streamId, first_revision AS firstRevision, event_count AS eventCount FROM idempotency_claims WHERE scope = ?',
      ),
      claims: this.db.prepare<[], ClaimRecord>(
        'SELECT scope, request_hash AS requestHash, stream_id AS streamId, first_revision AS firstRevision, event_count AS eventCount FROM idempotency_claims ORDER BY scope',
      ),
    };
    const last = this.stmts.last.get();
    this.head = last?.position ?? 0;
    this.last = last ? { commit: BigInt(last.commit_pos), prepare: BigInt(last.prepare_pos) } : undefined;
    this.maxRecordedAt = last?.recorded_at_max ?? '';
  }

  /** Server position of the last indexed event (undefined when empty: read $all from the start). */
  lastServerPosition(): ServerPosition | undefined {
    return this.last;
  }

  headPosition(): number {
    return this.head;
  }

  /** Greatest recordedAt indexed so far ('' when empty). */
  lastRecordedAt(): string {
    return this.maxRecordedAt;
  }

  /** Claims of a scope found after the first one (another instance raced with a reused key). */
  conflictingClaimCount(): number {
    return this.conflictingClaims;
  }

  /**
   * Adds entries in $all order, skipping any at or before the last indexed server position (two
   * readers, the live subscription and an on-demand catch-up read, may deliver the same event).
   * One transaction. Returns the number of entries added.
   */
  add(entries: readonly IndexEntry[]): number {
    let added = 0;
    this.db.transaction(() => {
      for (const e of entries) {
        if (this.last && compareServerPositions(e.serverPosition, this.last) <= 0) continue;
        const position = this.head + 1;
        const recordedAtMax = e.recordedAt > this.maxRecordedAt ? e.recordedAt : this.maxRecordedAt;
        this.stmts.insert.run(
          position,
          e.serverPosition.commit.toString(),
          e.serverPosition.prepare.toString(),
          e.eventId,
          e.type,
          e.streamId,
          e.streamRevision,
          e.recordedAt,
          recordedAtMax,
          e.hash,
        );
        if (e.claim) {
          const r = this.stmts.insertClaim.run(e.claim.scope, e.claim.requestHash, e.streamId, e.streamRevision, e.claim.eventCount);
          if (r.changes === 0) this.conflictingClaims++;
        }
        this.head = position;
        this.last = e.serverPosition;
        this.maxRecordedAt = recordedAtMax;
        added++;
      }
    })();
    return added;
  }

  lastEntry(): { streamId: string; streamRevision: number; eventId: string; hash: string } | undefined {
    const row = this.stmts.at.get(this.head);
    return row ? { streamId: row.stream_id, streamRevision: row.stream_revision, eventId: row.event_id, hash: row.hash } : undefined;
  }

  serverPositionOf(position: number): ServerPosition | undefined {
    const row = this.stmts.at.get(position);
    return row ? { commit: BigInt(row.commit_pos), prepare: BigInt(row.prepare_pos) } : undefined;
  }

  eventIdAt(position: number): string | undefined {
    return this.stmts.at.get(position)?.event_id;
  }

  /** First position holding this event id (ids are meant to be unique; the first occurrence counts). */
  positionOfEventId(eventId: string): number | undefined {
    return this.stmts.byEventId.get(eventId)?.position;
  }

  positionOfRevision(streamId: string, revision: number): { position: number; eventId: string } | undefined {
    const row = this.stmts.byRevision.get(streamId, revision);
    return row ? { position: row.position, eventId: row.event_id } : undefined;
  }

  streamHead(streamId: string): { revision: number; hash: string } | undefined {
    const row = this.stmts.streamHead.get(streamId);
    return row ? { revision: row.stream_revision, hash: row.hash } : undefined;
  }

  streamHeads(): StreamHead[] {
    return this.stmts.streamHeads.all();
  }

  /** Highest position p such that every event up to p has recordedAt <= instant (ISO, Z form). */
  positionAt(instantIso: string): number {
    return this.stmts.positionAt.get(instantIso)?.position ?? 0;
  }

  findClaim(scope: string): ClaimRecord | undefined {
    const row = this.stmts.claim.get(scope);
    return row ? { scope, ...row } : undefined;
  }

  listClaims(): ClaimRecord[] {
    return this.stmts.claims.all();
  }

  /** The AppendResult of a claimed append, rebuilt from the indexed events it wrote. */
  resultOfClaim(claim: ClaimRecord): AppendResult | undefined {
    const rows = this.stmts.streamRange.all(claim.streamId, claim.firstRevision, claim.firstRevision + claim.eventCount - 1);
    if (rows.length !== claim.eventCount) return undefined;
    const events: AppendedEvent[] = rows.map((r) => ({
      eventId: r.event_id,
      type: r.type,
      streamRevision: r.stream_revision,
      position: r.position,
      recordedAt: r.recorded_at,
      hash: r.hash,
    }));
    const last = events[events.length - 1] as AppendedEvent;
    return { streamId: claim.streamId, events, lastRevision: last.streamRevision, lastPosition: last.position };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
