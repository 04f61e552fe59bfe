import type { ReadModelTx, Row } from '../types.js';
import type { AggregateReport, Counters } from '../scoring/inputs.js';
import type { Contribution } from './entities.js';

/**
 * Scorecard buckets: one row per country and year (quarter 0) and per country and quarter. They hold
 * integer counters summed over contributing entities and the list of aggregate reports. A bucket
 * that becomes empty is deleted, so an incremental build and a build from scratch hold the same rows.
 */
export interface BucketRow extends Row {
  country: string;
  year: number;
  /** 0: the whole year. */
  quarter: number;
  counters: Counters;
  reports: AggregateReport[];
}

export const BUCKETS_TABLE = 'buckets';

export const bucketKey = (country: string, year: number, quarter: number) => `${country}|${year}|${quarter}`;

/** A quarter contribution also counts for its year; a yearly report only for the year. */
function targets(c: Contribution): number[] {
  return c.quarter === null ? [0] : [0, c.quarter];
}

function load(tx: ReadModelTx, country: string, year: number, quarter: number): BucketRow {
  return tx.get<BucketRow>(BUCKETS_TABLE, bucketKey(country, year, quarter)) ?? { country, year, quarter, counters: {}, reports: [] };
}

function isEmpty(o: Record<string, unknown>): boolean {
  for (const _k in o) return false;
  return true;
}

/**
 * `added`: a counter was just raised above zero, so the bucket cannot be empty. Checking emptiness
 * costs a walk over ~100 counters (for-in on an object that has seen `delete` lists every key first),
 * and a bucket is saved for most request events.
 */
function save(tx: ReadModelTx, b: BucketRow, added: boolean): void {
  const key = bucketKey(b.country, b.year, b.quarter);
  if (!added && b.reports.length === 0 && isEmpty(b.counters)) tx.delete(BUCKETS_TABLE, key);
  else tx.put(BUCKETS_TABLE, key, b);
}

/** Adds the non-zero counters of `add` to `to`; says whether there was any. */
function addCounters(to: Counters, add: Counters | undefined): boolean {
  let added = false;
  if (add)
    for (const k in add) {
      const v = add[k]!;
      if (v === 0) continue;
      to[k] = (to[k] ?? 0) + v;
      added = true;
    }
  return added;
}

export function applyContribution(tx: ReadModelTx, country: string, c: Contribution): void {
  for (const q of targets(c)) {
    const b = load(tx, country, c.year, q);
    const added = addCounters(b.counters, c.counters);
    if (c.report) {
      // Reports stay in position order, whatever order they were (re-)applied in.
      b.reports = [...b.reports, c.report].sort((x, y) => x.position - y.position);
    }
    save(tx, b, added);
  }
}

export function removeContribution(tx: ReadModelTx, country: string, c: Contribution, _eventIds: string[]): void {
  for (const q of targets(c)) {
    const b = load(tx, country, c.year, q);
    if (c.counters)
      for (const [k, v] of Object.entries(c.counters)) {
        const left = (b.counters[k] ?? 0) - v;
        if (left === 0) delete b.counters[k];
        else b.counters[k] = left;
      }
    if (c.report) b.reports = b.reports.filter((r) => r.eventId !== c.report!.eventId);
    save(tx, b, false);
  }
}

function sameCounters(a: Counters | undefined, b: Counters | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  let n = 0;
  for (const k in a) {
    if (a[k] !== b[k]) return false;
    n++;
  }
  for (const _k in b) n--;
  return n === 0;
}

/**
 * Replaces an entity's contribution `before` by `after` (either may be absent). Same result as
 * `removeContribution` then `applyContribution`, but a bucket both touch is read and written once,
 * and nothing is written when the contribution did not change (most events of a request or an
 * operation leave its counters as they were): this runs for nearly every event of a rebuild.
 */
export function moveContribution(tx: ReadModelTx, country: string, before: Contribution | null | undefined, after: Contribution | null | undefined, eventIds: string[]): void {
  if (before && after && before.year === after.year && before.quarter === after.quarter && !before.report && !after.report) {
    if (sameCounters(before.counters, after.counters)) return;
    for (const q of targets(after)) {
      const b = load(tx, country, after.year, q);
      if (before.counters)
        for (const k in before.counters) {
          const left = (b.counters[k] ?? 0) - before.counters[k]!;
          if (left === 0) delete b.counters[k];
          else b.counters[k] = left;
        }
      save(tx, b, addCounters(b.counters, after.counters));
    }
    return;
  }
  if (before) removeContribution(tx, country, before, eventIds);
  if (after) applyContribution(tx, country, after);
}
