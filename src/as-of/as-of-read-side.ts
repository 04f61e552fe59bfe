import type { StoredEvent } from '../../contracts/index.js';
import type { CountryProfile, Scorecard, TimelinePage } from '../../contracts/read-models.js';
import { allProjections } from '../../projections/index.js';
import { openReadModelDb } from '../projection-runtime/read-model-db.js';
import { ReadSide, type ProfileOptions, type ScorecardOptions, type TimelineOptions } from '../projection-runtime/read-side.js';
import { ProjectionRunner } from '../projection-runtime/runner.js';
import type { EventStore } from '../store/port.js';
import { FrozenLog } from './frozen-log.js';
import { dateOf, parseAsOf } from './parse-as-of.js';
import { asOfCacheFor, asOfStreams, type AsOfRequest, type AsOfView } from './view-cache.js';

export type { AsOfView } from './view-cache.js';
export type AsOfOptions = AsOfRequest;

/**
 * The events an as-of answer is built from: the countries' own streams and the two global streams
 * (scoring models, closed periods), each cut at `position`, merged in global order. Reading the
 * streams rather than the global log keeps the cost proportional to those countries' history.
 */
export async function eventsUpTo(store: EventStore, streams: readonly string[], position: number): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for (const streamId of streams) {
    for (const e of await store.readStream(streamId)) if (e.position <= position) out.push(e);
  }
  return out.sort((a, b) => a.position - b.position);
}

/**
 * The read models "as known at" `asOf`: built with the SAME projection code and the SAME runner and
 * queries as the live read side, from only the events with recordedAt <= asOf (recordedAt never
 * decreases with position, so that is a position cutoff). What it answers is therefore what the
 * live read side answered at that moment (for these countries), and it never changes afterwards:
 * corrections recorded later are later events. Served from the store's as-of cache (view-cache.ts):
 * built once per position, from the nearest earlier cached view.
 */
export async function openAsOfView(store: EventStore, options: AsOfOptions): Promise<AsOfView> {
  return asOfCacheFor(store).view(options);
}

/**
 * The same view built from the first event in a scratch in-memory database, bypassing the cache:
 * the reference the cache is tested against.
 */
export async function openScratchAsOfView(store: EventStore, options: AsOfOptions): Promise<AsOfView> {
  const asOf = parseAsOf(options.asOf);
  const position = await store.positionAt(asOf);
  const countries = [...options.countries].sort();
  const events = await eventsUpTo(store, asOfStreams(countries), position);
  const db = openReadModelDb(':memory:');
  const runner = new ProjectionRunner({ store: new FrozenLog(events), db, projections: options.projections ?? allProjections });
  try {
    await runner.start();
    await runner.stop();
  } catch (e) {
    db.close();
    throw e;
  }
  const readSide = new ReadSide(db, runner, { countries, today: () => dateOf(asOf) });
  return {
    asOf,
    position,
    countries,
    readSide,
    db,
    runner,
    async close() {
      db.close();
    },
  };
}

/** As-known-at answers for the read routes (each takes a cached view and gives it back). */
export async function withAsOfView<T>(store: EventStore, asOf: string, countries: readonly string[], use: (view: AsOfView) => T | Promise<T>): Promise<T> {
  const view = await openAsOfView(store, { asOf, countries });
  try {
    return await use(view);
  } finally {
    await view.close();
  }
}

export async function profileAsOf(store: EventStore, country: string, asOf: string, options: ProfileOptions = {}): Promise<CountryProfile> {
  return withAsOfView(store, asOf, [country], (v) => ({ ...v.readSide.profile(country, undefined, options), position: v.position }));
}

export async function timelineAsOf(store: EventStore, country: string, asOf: string, options: TimelineOptions): Promise<TimelinePage> {
  return withAsOfView(store, asOf, [country], (v) => ({ ...v.readSide.timeline(country, options), position: v.position }));
}

export async function scorecardAsOf(
  store: EventStore,
  country: string,
  asOf: string,
  year: number,
  quarter: number | null,
  modelVersion?: number,
  options: ScorecardOptions = {},
): Promise<Scorecard & { position: number }> {
  return withAsOfView(store, asOf, [country], (v) => ({ ...v.readSide.scorecard(country, year, quarter, modelVersion, options), position: v.position }));
}
