import Database from 'better-sqlite3';
import { GENESIS_HASH, type StoredEvent } from '../../contracts/envelope.js';
import { eventDefinition } from '../../contracts/events/index.js';
import { canonicalJson } from '../../src/store/canonical-json.js';
import { computeEventHash } from '../../src/store/hash-chain.js';
import { openSqliteEventStore } from '../../src/store/sqlite/index.js';
import type { Draft } from './story.js';
import { isoDay } from './story.js';

const DAY_MS = 86_400_000;
const RECORDED_BY = 'desk-generator';

/**
 * Bulk writer for generated histories. The schema comes from the store itself (opening it runs
 * the migrations); rows are then inserted with one prepared statement in large transactions and
 * `synchronous = OFF` (a generated file is rebuilt if the machine dies, so fsync buys nothing).
 * Every event is hashed exactly as the store hashes an append: sha256(prevHash + canonical
 * envelope), chained per stream, so the result passes `verifyChain` and the store's own reads.
 */
export class HistoryWriter {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly heads = new Map<string, { revision: number; hash: string }>();
  private position = 0;
  private lastDay = -1;
  private inDay = 0;
  private pending: unknown[] = [];

  constructor(readonly path: string) {
    // The store creates (or checks) the schema; its close() is synchronous work despite the promise.
    void openSqliteEventStore({ path }).close();
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = OFF');
    const existing = (this.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    if (existing > 0) throw new Error(`${path} already holds ${existing} events; generate into a new file`);
    this.insert = this.db.prepare(
      `INSERT INTO events (position, event_id, stream_id, stream_revision, type, schema_version, country, occurred_on,
         recorded_at, recorded_by, provenance, correlation_id, causation_id, data, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?)`,
    );
  }

  get written(): number {
    return this.position;
  }

  /** Envelopes, hashes and queues one draft (drafts must come in global order: non-decreasing day). */
  add(d: Draft): StoredEvent {
    if (d.day < this.lastDay) throw new Error(`drafts out of order: ${isoDay(d.day)} after ${isoDay(this.lastDay)}`);
    if (d.day !== this.lastDay) {
      this.lastDay = d.day;
      this.inDay = 0;
    }
    // Recorded the next working morning, 50 ms apart: non-decreasing in position order.
    const recordedAt = new Date((d.day + 1) * DAY_MS + 9 * 3_600_000 + this.inDay++ * 50).toISOString();
    const def = eventDefinition(d.type);
    if (!def) throw new Error(`unknown event type ${d.type}`);
    const head = this.heads.get(d.streamId);
    const event: StoredEvent = {
      eventId: d.eventId,
      type: d.type,
      schemaVersion: def.schemaVersion,
      streamId: d.streamId,
      streamRevision: head ? head.revision + 1 : 0,
      position: ++this.position,
      country: d.country,
      occurredOn: isoDay(d.day),
      recordedAt,
      recordedBy: RECORDED_BY,
      provenance: d.provenance,
      data: d.data,
      prevHash: head ? head.hash : GENESIS_HASH,
      hash: '',
    };
    event.hash = computeEventHash(event);
    this.heads.set(d.streamId, { revision: event.streamRevision, hash: event.hash });
    this.pending.push([
      event.position, event.eventId, event.streamId, event.streamRevision, event.type, event.schemaVersion, event.country,
      event.occurredOn, event.recordedAt, event.recordedBy, canonicalJson(event.provenance), canonicalJson(event.data),
      event.prevHash, event.hash,
    ]);
    if (this.pending.length >= 20_000) this.flush();
    return event;
  }

  flush(): void {
    const rows = this.pending;
    this.pending = [];
    if (rows.length === 0) return;
    this.db.transaction(() => {
      for (const row of rows) this.insert.run(...(row as unknown[]));
    })();
  }

  close(): void {
    this.flush();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }
}
