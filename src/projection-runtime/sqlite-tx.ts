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
  writeThrough: boolean;
}

/**
 * The SQLite-backed `ReadModelTx` of one projection version: a write-behind cache. Reads go to the
 * cache, then the database; writes stay in the cache and are flushed once per batch, inside the
 * batch transaction that also moves the checkpoint (so the checkpoint stays exact). A row touched
 * by many events of a batch is serialised and written once.
 *
 * The cache outlives the batch: hot rows (a country's open instruments, this quarter's buckets) stay
 * parsed in memory across batches. It is bounded: after a flush, the oldest cached rows beyond
 * `maxCachedRows` are forgotten (they are all clean by then). A rolled-back batch drops it all.
 * The runner may flush several times inside one transaction to bound memory; the checkpoint is
 * still written once, after the last flush, in the same transaction.
 */
export class SqliteProjectionTx implements ReadModelTx {
  private readonly tables = new Map<string, TableStatements>();
  /** Per table, in first-cached order: eviction forgets the oldest entries (a hot row is simply read back). */
  private readonly cache = new Map<string, Map<string, Cached>>();
  private readonly dirty = new Map<string, Set<string>>();
  private cachedRows = 0;

  constructor(
    db: ReadModelDatabase,
    projection: Projection,
    version: number,
    /** Rows kept in memory between batches. */
    private readonly maxCachedRows = 20_000,
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
        writeThrough: spec.writeThrough === true,
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

  private cacheOf(name: string): Map<string, Cached> {
    const c = this.cache.get(name);
    if (!c) throw new Error(`Projection has no table ${name}`);
    return c;
  }

  get<T extends Row = Row>(table: string, key: string): T | undefined {
    const t = this.table(table);
    if (t.writeThrough) {
      const found = t.select.get(key);
      return found ? (JSON.parse(found.doc) as T) : undefined;
    }
    const cache = this.cacheOf(table);
    const hit = cache.get(key);
    if (hit !== undefined) return hit === null || hit === ABSENT ? undefined : (hit as T);
    const found = t.select.get(key);
    const row = found ? (JSON.parse(found.doc) as Row) : ABSENT;
    cache.set(key, row);
    this.cachedRows++;
    return row === ABSENT ? undefined : (row as T);
  }

  private remember(table: string, key: string, value: Cached): void {
    const cache = this.cacheOf(table);
    const size = cache.size;
    cache.set(key, value);
    if (cache.size > size) this.cachedRows++;
    this.dirty.get(table)!.add(key);
  }

  /** Rows changed since the last flush (the runner flushes early to bound memory). */
  dirtyRows(): number {
    let n = 0;
    for (const d of this.dirty.values()) n += d.size;
    return n;
  }

  put(table: string, key: string, row: Row): void {
    const t = this.table(table);
    if (t.writeThrough) this.write(t, key, row);
    else this.remember(table, key, row);
  }

  delete(table: string, key: string): void {
    const t = this.table(table);
    if (t.writeThrough) t.remove.run(key);
    else this.remember(table, key, null);
  }

  private readonly args: unknown[] = [];

  private write(t: TableStatements, key: string, row: Row): void {
    const columns = t.columns;
    const args = this.args;
    args.length = 2 + columns.length;
    args[0] = key;
    args[1] = JSON.stringify(row);
    for (let i = 0; i < columns.length; i++) args[2 + i] = columns[i]![1](row) ?? null;
    t.upsert.run(args);
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
        } else this.write(t, key, row);
      }
      keys.clear();
    }
    if (this.cachedRows > this.maxCachedRows) this.evict(Math.floor(this.maxCachedRows / 2));
  }

  /** Forgets the oldest cached (clean) rows until about `keep` rows are left. */
  private evict(keep: number): void {
    // Spread the rows to forget over the tables in proportion to their size.
    const excess = this.cachedRows - keep;
    for (const cache of this.cache.values()) {
      let drop = Math.ceil((excess * cache.size) / this.cachedRows);
      for (const key of cache.keys()) {
        if (drop-- <= 0) break;
        cache.delete(key);
      }
    }
    let n = 0;
    for (const cache of this.cache.values()) n += cache.size;
    this.cachedRows = n;
  }

  /** Forgets everything cached: after a rolled-back batch the cache may hold changes that never committed. */
  dropCache(): void {
    for (const c of this.cache.values()) c.clear();
    for (const d of this.dirty.values()) d.clear();
    this.cachedRows = 0;
  }
}
