import type { Statement } from 'better-sqlite3';
import type { Projection, ReadModelTx, Row, TableSpec } from '../../projections/types.js';
import { KeyFilter, LookupHash } from './lookup-hash.js';
import { physicalTable, type ReadModelDatabase } from './read-model-db.js';

/** Rows a projection keeps parsed in memory between batches unless told otherwise. */
export const DEFAULT_CACHED_ROWS = 5_000;

const ABSENT = Symbol('absent');
type Cached = Row | null | typeof ABSENT; // null: deleted in this batch; ABSENT: known not to exist

interface TableStatements {
  spec: TableSpec;
  columns: [string, (row: Row) => string | number | null][];
  /** Documents: `{ doc }`; document-less tables: the row's columns. */
  select: Statement<[string | number], Row>;
  upsert: Statement<unknown[]>;
  remove: Statement<[string | number]>;
  /** By the `lookup` column, through its index (once the query indexes exist). */
  selectBy: Statement<[string], { k: string | number }> | null;
  writeThrough: boolean;
  document: boolean;
  integerKey: boolean;
  /** While the lookup column has no index yet (a version being built): candidate keys in memory. */
  hash: LookupHash | null;
  /** While a version is built (cached tables): the keys written so far, so a `get` of a new key skips SQLite. */
  filter: KeyFilter | null;
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
  /** Per table, in order of last write (or first read): eviction forgets the oldest entries. */
  private readonly cache = new Map<string, Map<string, Cached>>();
  private readonly dirty = new Map<string, Set<string>>();
  private cachedRows = 0;

  constructor(
    db: ReadModelDatabase,
    projection: Projection,
    version: number,
    /** Rows kept in memory between batches. */
    private readonly maxCachedRows = DEFAULT_CACHED_ROWS,
    /**
     * A version being built: remember which keys exist (a hash filter, loaded from the rows already
     * there) so that looking up a key never written costs no SQLite read. Dropped when it goes live.
     */
    filterAbsentKeys = false,
  ) {
    for (const spec of projection.tables) {
      const name = physicalTable(projection.name, version, spec.name);
      const columns = Object.entries(spec.columns ?? {}).map(([c, s]) => [c, s.from] as [string, (row: Row) => string | number | null]);
      const colNames = columns.map(([c]) => c);
      const document = spec.document !== false;
      if (!document && spec.writeThrough !== true) throw new Error(`Table ${spec.name}: a table without documents must be written through`);
      const stored = document ? ['doc', ...colNames] : colNames;
      const placeholders = ['?', ...stored.map(() => '?')].join(', ');
      const updates = stored.map((c) => `${c} = excluded.${c}`).join(', ');
      let hash: LookupHash | null = null;
      if (spec.lookup && spec.key === 'INTEGER') {
        const i = (spec.indexes ?? []).findIndex((cols) => cols.length === 1 && cols[0] === spec.lookup);
        const indexed = i >= 0 && db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?`).get(`${name}_i${i}`) !== undefined;
        if (!indexed) {
          hash = new LookupHash();
          // A build resumed after a restart: the rows already written.
          for (const r of db.prepare(`SELECT k, ${spec.lookup} AS v FROM ${name}`).iterate() as Iterable<{ k: number; v: string }>) hash.add(r.v, r.k);
        }
      }
      let filter: KeyFilter | null = null;
      if (filterAbsentKeys && spec.writeThrough !== true) {
        filter = new KeyFilter();
        for (const r of db.prepare(`SELECT k FROM ${name}`).iterate() as Iterable<{ k: string | number }>) filter.add(String(r.k));
      }
      this.tables.set(spec.name, {
        spec,
        columns,
        select: db.prepare(`SELECT ${document ? 'doc' : colNames.join(', ')} FROM ${name} WHERE k = ?`),
        upsert: db.prepare(`INSERT INTO ${name} (k${stored.map((c) => `, ${c}`).join('')}) VALUES (${placeholders}) ON CONFLICT(k) DO UPDATE SET ${updates}`),
        remove: db.prepare(`DELETE FROM ${name} WHERE k = ?`),
        selectBy: spec.lookup ? db.prepare(`SELECT k FROM ${name} WHERE ${spec.lookup} = ?`) : null,
        writeThrough: spec.writeThrough === true,
        document,
        integerKey: spec.key === 'INTEGER',
        hash,
        filter,
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
      const found = t.select.get(t.integerKey ? Number(key) : key);
      if (!found) return undefined;
      return (t.document ? JSON.parse(found['doc'] as string) : found) as T;
    }
    const cache = this.cacheOf(table);
    const hit = cache.get(key);
    if (hit !== undefined) return hit === null || hit === ABSENT ? undefined : (hit as T);
    const found = t.filter && !t.filter.mayContain(key) ? undefined : t.select.get(t.integerKey ? Number(key) : key);
    const row = found ? (JSON.parse(found['doc'] as string) as Row) : ABSENT;
    cache.set(key, row);
    this.cachedRows++;
    return row === ABSENT ? undefined : (row as T);
  }

  private remember(table: string, key: string, value: Cached): void {
    const cache = this.cacheOf(table);
    const dirty = this.dirty.get(table)!;
    // On its first write since the last flush a row moves to the young end: eviction (after a flush)
    // then forgets the least recently written rows, so hot rows (a country's buckets and activity,
    // written by most events) are not re-read and re-parsed. Later writes before the flush need not move it.
    if (dirty.has(key)) cache.set(key, value);
    else {
      if (!cache.delete(key)) this.cachedRows++;
      cache.set(key, value);
      dirty.add(key);
    }
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
    if (t.writeThrough) t.remove.run(t.integerKey ? Number(key) : key);
    else this.remember(table, key, null);
  }

  keyOf(table: string, column: string, value: string): string | undefined {
    const t = this.table(table);
    if (t.spec.lookup !== column) throw new Error(`Table ${table} is not looked up by ${column}`);
    if (!t.hash) {
      const found = t.selectBy!.get(value);
      return found ? String(found.k) : undefined;
    }
    for (const key of t.hash.candidates(value)) {
      const row = this.get(table, String(key));
      if (row && row[column] === value) return String(key);
    }
    return undefined;
  }

  /** The query indexes now exist (the version went live): look rows up through them from now on. */
  indexesCreated(): void {
    for (const t of this.tables.values()) {
      t.hash = null;
      t.filter = null;
    }
  }

  private readonly args: unknown[] = [];

  private write(t: TableStatements, key: string, row: Row): void {
    const columns = t.columns;
    const args = this.args;
    const first = t.document ? 2 : 1;
    args.length = first + columns.length;
    args[0] = t.integerKey ? Number(key) : key;
    if (t.document) args[1] = JSON.stringify(row);
    for (let i = 0; i < columns.length; i++) args[first + i] = columns[i]![1](row) ?? null;
    t.upsert.run(args);
    if (t.hash) t.hash.add(row[t.spec.lookup!] as string, args[0] as number);
    if (t.filter) t.filter.add(key);
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
