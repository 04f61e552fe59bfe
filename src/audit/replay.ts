import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { allProjections } from '../../projections/index.js';
import type { Projection } from '../../projections/types.js';
import { BUILT_ONCE_PAGE_SIZE, openReadModelDb, physicalTable, type ReadModelDatabase } from '../projection-runtime/read-model-db.js';
import { ProjectionRunner } from '../projection-runtime/runner.js';
import { canonicalJson } from '../store/canonical-json.js';
import type { EventStore } from '../store/port.js';
import { cappedStore } from './capped-store.js';

export interface ReplayDifference {
  projection: string;
  table: string;
  key: string;
  kind: 'missing-in-live' | 'extra-in-live' | 'differs';
  /** For `differs`: the first differing JSON path and both values. */
  detail: string | null;
}

export interface ProjectionReplay {
  name: string;
  version: number;
  liveVersion: number | null;
  position: number;
  rowsCompared: number;
  differences: number;
  note: string | null;
}

export interface ReplayReport {
  ok: boolean;
  projections: ProjectionReplay[];
  /** The first differences (at most `maxListed`). */
  differences: ReplayDifference[];
  totalDifferences: number;
}

export interface ReplayOptions {
  store: EventStore;
  /** Path of the live read-model database (opened read-only). */
  liveDbPath: string;
  projections?: readonly Projection[];
  /** Where the scratch database goes (a temp directory by default, removed afterwards). */
  scratchDir?: string;
  keepScratch?: boolean;
  maxListed?: number;
  onProgress?: (p: { projection: string; position: number; target: number }) => void;
}

/** First JSON path at which two values differ, or null. */
export function firstDifference(a: unknown, b: unknown, path = '$'): string | null {
  if (canonicalJson(a ?? null) === canonicalJson(b ?? null)) return null;
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], Array.isArray(a) ? `${path}[${k}]` : `${path}.${k}`);
      if (d) return d;
    }
  }
  const show = (v: unknown) => (v === undefined ? 'absent' : JSON.stringify(v).slice(0, 200));
  return `${path}: rebuilt ${show(b)}, live ${show(a)}`;
}

/** `k` is a number in tables keyed by an integer (the timeline's position); `doc` is absent in document-less tables. */
/** Column values that hold JSON text (an object or a list), parsed; others as they are. */
function parseJsonColumns(cols: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [c, v] of Object.entries(cols)) {
    out[c] = v;
    if (typeof v === 'string' && (v.startsWith('{') || v.startsWith('[')))
      try {
        out[c] = JSON.parse(v);
      } catch {
        // not JSON after all: compared as text
      }
  }
  return out;
}

type RowIter = Iterator<{ k: string | number; doc?: string } & Record<string, unknown>>;

/**
 * Rebuilds every projection from the event log into a scratch database and compares it with the
 * live read models row by row (documents and indexed columns). Each projection is rebuilt up to the
 * live one's checkpoint, read in one snapshot of the live database, so a server that keeps writing
 * meanwhile does not produce false differences. Memory stays bounded: both sides are walked in key
 * order and merged.
 */
export async function replayAndCompare(options: ReplayOptions): Promise<ReplayReport> {
  const projections = options.projections ?? allProjections;
  const maxListed = options.maxListed ?? 100;
  if (!existsSync(options.liveDbPath)) throw new Error(`No read models at ${resolve(options.liveDbPath)}: nothing to compare with (a server builds them when it starts)`);
  const live = new Database(options.liveDbPath, { readonly: true, fileMustExist: true });
  live.pragma('busy_timeout = 5000');
  const dir = options.scratchDir ?? mkdtempSync(join(tmpdir(), 'rcm-replay-'));
  const scratch: ReadModelDatabase = openReadModelDb(join(dir, 'scratch-read-models.sqlite'), { pageSize: BUILT_ONCE_PAGE_SIZE });
  const report: ReplayReport = { ok: true, projections: [], differences: [], totalDifferences: 0 };
  const differ = (d: ReplayDifference, entry: ProjectionReplay) => {
    entry.differences++;
    report.totalDifferences++;
    if (report.differences.length < maxListed) report.differences.push(d);
  };
  try {
    live.exec('BEGIN'); // one snapshot of the live read models for checkpoints and rows
    const checkpoints = live.prepare(`SELECT name, version, position FROM projection_checkpoints WHERE status = 'live'`).all() as { name: string; version: number; position: number }[];
    for (const projection of projections) {
      const cp = checkpoints.find((c) => c.name === projection.name);
      const entry: ProjectionReplay = { name: projection.name, version: projection.version, liveVersion: cp?.version ?? null, position: cp?.position ?? 0, rowsCompared: 0, differences: 0, note: null };
      report.projections.push(entry);
      if (!cp) {
        entry.note = 'no live version in the read-model database';
        report.ok = false;
        continue;
      }
      if (cp.version !== projection.version) {
        entry.note = `live version ${cp.version} is not this code's version ${projection.version} (a rebuild is pending); not compared`;
        report.ok = false;
        continue;
      }
      const runner = new ProjectionRunner({
        store: cappedStore(options.store, cp.position),
        db: scratch,
        projections: [projection],
        onBatchCommitted: (b) => options.onProgress?.({ projection: projection.name, position: b.lastPosition, target: cp.position }),
      });
      await runner.start();
      await runner.stop();
      for (const spec of projection.tables) {
        const liveTable = physicalTable(projection.name, cp.version, spec.name);
        const scratchTable = physicalTable(projection.name, projection.version, spec.name);
        const exists = live.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(liveTable);
        const liveRows: RowIter = exists ? (live.prepare(`SELECT * FROM ${liveTable} ORDER BY k`).iterate() as RowIter) : [][Symbol.iterator]();
        const builtRows = scratch.prepare(`SELECT * FROM ${scratchTable} ORDER BY k`).iterate() as RowIter;
        let a = liveRows.next();
        let b = builtRows.next();
        while (!a.done || !b.done) {
          if (b.done || (!a.done && a.value.k < b.value.k)) {
            differ({ projection: projection.name, table: spec.name, key: String(a.value!.k), kind: 'extra-in-live', detail: null }, entry);
            a = liveRows.next();
          } else if (a.done || b.value.k < a.value.k) {
            differ({ projection: projection.name, table: spec.name, key: String(b.value.k), kind: 'missing-in-live', detail: null }, entry);
            b = builtRows.next();
          } else {
            entry.rowsCompared++;
            const { k, doc: liveDoc, ...liveCols } = a.value;
            const { k: _k, doc: builtDoc, ...builtCols } = b.value;
            let parsed: unknown = liveDoc;
            try {
              if (liveDoc !== undefined) parsed = JSON.parse(liveDoc);
            } catch {
              // unparsable live doc: compared as text below
            }
            // A document-less table (the timeline) is compared on its columns alone, JSON-text columns parsed (a difference is named by its path inside).
            const detail =
              builtDoc === undefined && liveDoc === undefined
                ? firstDifference({ columns: parseJsonColumns(liveCols) }, { columns: parseJsonColumns(builtCols) })
                : firstDifference({ doc: parsed, columns: liveCols }, { doc: builtDoc === undefined ? undefined : JSON.parse(builtDoc), columns: builtCols });
            if (detail) differ({ projection: projection.name, table: spec.name, key: String(k), kind: 'differs', detail }, entry);
            a = liveRows.next();
            b = builtRows.next();
          }
        }
      }
    }
    live.exec('COMMIT');
  } finally {
    live.close();
    scratch.close();
    if (!options.keepScratch && !options.scratchDir) rmSync(dir, { recursive: true, force: true });
  }
  report.ok = report.ok && report.totalDifferences === 0;
  return report;
}
