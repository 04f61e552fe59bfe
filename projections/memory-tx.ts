import type { StoredEvent } from '../contracts/index.js';
import type { Projection, ReadModelTx, Row } from './types.js';

/**
 * Read-model rows in plain maps: for unit tests and for building a read model in memory (replay,
 * as-known-at). `get` hands out copies so a projection that forgets to `put` a change behaves here
 * exactly as it would against SQLite (the change is lost), and tests catch it.
 */
export class MemoryReadModel implements ReadModelTx {
  readonly tables = new Map<string, Map<string, Row>>();

  get<T extends Row = Row>(table: string, key: string): T | undefined {
    const row = this.tables.get(table)?.get(key);
    return row === undefined ? undefined : (structuredClone(row) as T);
  }

  put(table: string, key: string, row: Row): void {
    let t = this.tables.get(table);
    if (!t) {
      t = new Map();
      this.tables.set(table, t);
    }
    t.set(key, structuredClone(row));
  }

  delete(table: string, key: string): void {
    this.tables.get(table)?.delete(key);
  }

  keyOf(table: string, column: string, value: string): string | undefined {
    // A scan: in-memory read models are small (tests, replay of a few countries).
    for (const [key, row] of this.tables.get(table) ?? []) if (row[column] === value) return key;
    return undefined;
  }

  /** Rows of one table sorted by key: a canonical form for comparisons. */
  rows(table: string): [string, Row][] {
    return [...(this.tables.get(table) ?? new Map<string, Row>()).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** Every non-empty table, canonical: what two builds are compared on. */
  snapshot(): Record<string, [string, Row][]> {
    const out: Record<string, [string, Row][]> = {};
    for (const name of [...this.tables.keys()].sort()) {
      const rows = this.rows(name);
      if (rows.length > 0) out[name] = rows;
    }
    return out;
  }
}

/** Applies events in order to a fresh in-memory read model. */
export function buildInMemory(projection: Projection, events: Iterable<StoredEvent>, into = new MemoryReadModel()): MemoryReadModel {
  for (const e of events) projection.apply(e, into);
  return into;
}
