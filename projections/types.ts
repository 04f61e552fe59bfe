import type { StoredEvent } from '../contracts/index.js';

/** A JSON document stored in a read-model table. */
export type Row = Record<string, unknown>;

/**
 * The write API a projection sees while applying one event. Rows are JSON documents addressed by a
 * string key inside a named table of the projection. The runner backs it with SQLite (write-back
 * cache, flushed once per batch); tests back it with plain maps. A projection must `put` every row
 * it changed: rows returned by `get` may be cached objects, so mutate-then-put.
 */
export interface ReadModelTx {
  get<T extends Row = Row>(table: string, key: string): T | undefined;
  put(table: string, key: string, row: Row): void;
  delete(table: string, key: string): void;
  /**
   * Key of a row whose `column` (declared in the table's `lookup`) equals `value`, or undefined.
   * For tables keyed by something else than what events name (the timeline is keyed by position,
   * corrections name an event id).
   */
  keyOf(table: string, column: string, value: string): string | undefined;
}

/** A column copied out of the JSON row so queries can filter and sort on it. */
export interface ColumnSpec {
  type: 'TEXT' | 'INTEGER';
  /** Reads the column value from the row (must be pure). */
  from: (row: Row) => string | number | null;
}

/** Declarative DDL: the runner creates `(k TEXT PRIMARY KEY, doc TEXT, ...columns)` and the indexes. */
export interface TableSpec {
  name: string;
  columns?: Record<string, ColumnSpec>;
  /** Each entry is the ordered column list of one index. */
  indexes?: string[][];
  /**
   * Rows mostly written once and rarely read back (the timeline): the SQLite runner writes a `put`
   * straight through (inside the batch transaction, so checkpoints stay exact) and reads a `get`
   * from the database, instead of keeping the rows in its write-behind cache. Same semantics.
   */
  writeThrough?: boolean;
  /**
   * INTEGER: the key is an integer (`k INTEGER PRIMARY KEY`, the rowid): rows appended in key order
   * are the cheapest SQLite writes there are. Keys still travel as strings through `ReadModelTx`.
   */
  key?: 'TEXT' | 'INTEGER';
  /**
   * false: no JSON document column; a row is exactly its columns (plus the key `k`), and `get`
   * returns an object of the column values. Requires `writeThrough`.
   */
  document?: boolean;
  /** The column `keyOf` finds rows by (its index should be among `indexes`). */
  lookup?: string;
}

/**
 * A projection is a pure module: the runner feeds it every event in global order (all streams,
 * including the global streams) and it changes its read-model rows through `tx`.
 */
export interface Projection {
  readonly name: string;
  /** Bump when the read model's shape or meaning changes: the runner rebuilds beside the live one. */
  readonly version: number;
  readonly tables: readonly TableSpec[];
  /**
   * 'country': the rows written for one country's events are never read or written for another's,
   * and events without a country are ignored. The runner may then build a version from scratch in
   * parallel, one worker per group of countries, and merge the workers' tables (same rows as one
   * pass in global order).
   */
  readonly partitionedBy?: 'country';
  /**
   * true: applies only events without a country (the global streams) and ignores the rest, so the
   * runner may read just those when this projection is the only one it feeds.
   */
  readonly globalEventsOnly?: true;
  apply(event: StoredEvent, tx: ReadModelTx): void;
}
