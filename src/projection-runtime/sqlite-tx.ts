import type { Statement } from 'better-sqlite3';
import type { Projection, ReadModelTx, Row, TableSpec } from '../../projections/types.js';
import { physicalTable, type ReadModelDatabase } from './read-model-db.js';

const ABSENT = Symbol('absent');
type Cached = Row | null | typeof ABSENT; // null: deleted in this batch; ABSENT: known not to exist

interface TableStatements {
  spec: TableSpec;
  columns: [string, (row: Row) => string | number | null][];
  select: Statement<[string], { doc: string }>;
  upsert: Statement<unknown[]>;
  remove: Statement<[string]>;
}

/**
 * The SQLite-backed `ReadModelTx` of one projection version: a write-back cache. Reads go to the
 * cache, then the database; writes stay in the cache and are flushed once per batch, inside the
 * batch transaction that also moves the checkpoint. So a row touched by many events of a batch is
 * parsed and serialised once.
 */
export class SqliteProjectionTx implements ReadModelTx {
  private readonly tables = new Map<string, TableStatements>();
  private readonly cache = new Map<string, Map<string, Cached>>();
  private readonly dirty = new Map<string, Set<string>>();
  private cachedRows = 0;

  constructor(
    db: ReadModelDatabase,
    projection: Projection,
    version: number,
    /** Rows kept in memory between batches; beyond this the cache is dropped after a flush. */
    private readonly maxCachedRows = 50_000,
  ) {
    for (const spec of projection.tables) {
      const name = physicalTable(projection.name, version, spec.name);
      const columns = Object.entries(spec.columns ?? {}).map(([c, s]) => [c, s.from] as [string, (row: Row) => string | number | null]);
      const colNames = columns.map(([c]) => c);
      const placeholders = ['?', '?', ...colNames.map(() => '?')].join(', ');
      const updates = ['doc = excluded.doc', ...colNames.map((c) => `${c} = excluded.${c}`)].join(', ');
      this.tables.set(spec.name, {
        spec,
        columns,
        select: db.prepare(`SELECT doc FROM ${name} WHERE k = ?`),
        upsert: db.prepare(`INSERT INTO ${name} (k, doc${colNames.map((c) => `, ${c}`).join('')}) VALUES (${placeholders}) ON CONFLICT(k) DO UPDATE SET ${updates}`),
        remove: db.prepare(`DELETE FROM ${name} WHERE k = ?`),
      });
      this.cache.set(spec.name, new Map());
      this.dirty.set(spec.name, new Set());
    }
  }

  private table(name: string): TableStatements {
    const t = this.tables.get(name);
    if (!t) throw new Error(`Projection has no table ${name}`);
    return t;
  }

  get<T extends Row = Row>(table: string, key: string): T | undefined {
    const cache = this.cache.get(table)!;
    const hit = cache.get(key);
    if (hit !== undefined) return hit === null || hit === ABSENT ? undefined : (hit as T);
    const found = this.table(table).select.get(key);
    const row = found ? (JSON.parse(found.doc) as Row) : ABSENT;
    cache.set(key, row);
    this.cachedRows++;
    return row === ABSENT ? undefined : (row as T);
  }

  put(table: string, key: string, row: Row): void {
    this.table(table);
    if (this.cache.get(table)!.set(key, row)) this.cachedRows++;
    this.dirty.get(table)!.add(key);
  }

  delete(table: string, key: string): void {
    this.table(table);
    this.cache.get(table)!.set(key, null);
    this.dirty.get(table)!.add(key);
  }

  /** Writes the batch's changes; call inside the batch transaction. */
  flush(): void {
    for (const [name, keys] of this.dirty) {
      if (keys.size === 0) continue;
      const t = this.tables.get(name)!;
      const cache = this.cache.get(name)!;
      for (const key of keys) {
        const row = cache.get(key);
        if (row === null || row === ABSENT || row === undefined) {
          t.remove.run(key);
          cache.set(key, ABSENT);
        } else {
          const args: unknown[] = [key, JSON.stringify(row)];
          for (const [, from] of t.columns) args.push(from(row) ?? null);
          t.upsert.run(args);
        }
      }
      keys.clear();
    }
    if (this.cachedRows > this.maxCachedRows) this.dropCache();
  }

  /** Forgets everything cached: after a rolled-back batch the cache may hold changes that never committed. */
  dropCache(): void {
    for (const c of this.cache.values()) c.clear();
    for (const d of this.dirty.values()) d.clear();
    this.cachedRows = 0;
  }
}
