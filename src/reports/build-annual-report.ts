import { allProjections } from '../../projections/index.js';
import type { Projection } from '../../projections/types.js';
import { FIRST_YEAR, isReportingYear, LAST_YEAR } from '../../contracts/common.js';
import type { EvidenceMode, FrozenPeriod } from '../../contracts/read-models.js';
import type { ScoringModel } from '../../contracts/scoring-model.js';
import { freezeOf, frozenScorecard } from '../../projections/governance/freeze.js';
import { closuresAt, modelAt } from '../as-of/governance-at.js';
import { openAsOfView, openScratchAsOfView, type AsOfView } from '../as-of/as-of-read-side.js';
import { dateOf, nowCutoff, parseAsOf, settledCutoff } from '../as-of/parse-as-of.js';
import { AppError } from '../errors/catalogue.js';
import type { ReadModelDatabase } from '../projection-runtime/read-model-db.js';
import { ReadSide } from '../projection-runtime/read-side.js';
import type { ReadModelFeed } from '../projection-runtime/read-model-feed.js';
import type { EventStore } from '../store/port.js';
import { canonicallyOrdered } from '../store/canonical-json.js';
import { CountrySections } from './country-sections.js';
import { contentHash, REPORT_FORMAT_VERSION } from './manifest.js';
import type { BuiltReport, ReportCache, ReportCacheOutcome } from './report-cache.js';
import type { SnapshotReaders } from './snapshot-readers.js';
import type { AnnualReport, CountryReport } from './types.js';

export interface AnnualReportOptions {
  year: number;
  countries: readonly string[];
  /**
   * Raw `asOf` (date or date-time). Absent: now; the manifest then names the earliest instant of the
   * day with the same events (`settledCutoff`), so the answer stays the same until something is recorded.
   */
  asOf?: string | undefined;
  /** Scoring-model version; absent: the latest published at the cutoff. */
  model?: number | undefined;
  /** bounded (default): each indicator cites its first evidence events with the count; full: all of them. */
  evidence?: EvidenceMode | undefined;
  projections?: readonly Projection[];
  now?: () => Date;
  /** Build every country from the first event in one scratch view instead of the as-of cache (the reference in tests). */
  scratch?: boolean;
  /**
   * The service's live read models. A report without `asOf` is then read from them when they stand
   * exactly at the cutoff's position (they are what a view built up to that position would hold),
   * instead of building per-country views: seconds per country at 1,000,000 events.
   */
  live?: LiveReadModels;
  /** Bodies kept between requests (not used for `scratch` reports or other projections). */
  cache?: ReportCache;
  /** Build anew even when `cache` holds the body (the new build replaces it). */
  fresh?: boolean;
  /** false: a closed year with every fact recorded by the cutoff (live figures), not frozen at its closure. Default true. */
  frozen?: boolean;
  /** Stops a build between countries (a background preparation when the service stops). */
  signal?: AbortSignal;
}

export interface LiveReadModels {
  db: ReadModelDatabase;
  runner: ReadModelFeed;
  waitMs?: number;
  /**
   * Connections of their own to the read-model file: the report then reads one snapshot and yields
   * to the event loop between countries. Absent (an in-memory database): it is read on `db` in one
   * go, without yielding.
   */
  readers?: SnapshotReaders;
  /** How the report yields between countries when it reads a snapshot (default: one event-loop turn). */
  pause?: () => Promise<void>;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The number in a projection's checkpoint row, read inside a snapshot. */
function checkpointOf(db: ReadModelDatabase, name: string, version: number): number | undefined {
  return (db.prepare('SELECT position FROM projection_checkpoints WHERE name = ? AND version = ?').get(name, version) as { position: number } | undefined)?.position;
}

/**
 * The live read models dressed as a view at `position`, or null when they have moved past it (a
 * commit landed after the cutoff): then the cached views answer. With `readers`, the view is a
 * snapshot whose first read (every live version's checkpoint) comes right after that check, with
 * no yield in between; it keeps what it saw whatever the runner commits later. Without, the caller
 * reads it without yielding to the event loop, so no projection batch can move the live models
 * meanwhile; buildAnnualReport re-checks that afterwards.
 */
async function liveViewAt(live: LiveReadModels, asOf: string, position: number, countries: readonly string[]): Promise<{ view: AsOfView; snapshot: boolean } | null> {
  // Taken first: waiting for a free connection must not come between the check and the first read.
  const snap = live.readers ? await live.readers.begin() : null;
  try {
    await live.runner.waitForPosition(position, live.waitMs ?? 5000);
    const versions = live.runner.liveVersions();
    if (live.runner.servedPosition() !== position || (snap && [...versions].some(([name, version]) => checkpointOf(snap.db, name, version) !== position))) {
      snap?.end();
      return null;
    }
    const db = snap?.db ?? live.db;
    const readSide = new ReadSide(db, live.runner, { countries, today: () => dateOf(asOf), ...(snap ? { versions } : {}) });
    return { view: { asOf, position, countries, readSide, db, runner: live.runner, close: async () => snap?.end() }, snapshot: snap !== null };
  } catch (e) {
    snap?.end();
    throw e;
  }
}

/**
 * The annual per-country assessment as known at a recorded-time cutoff. Always built from the
 * events up to the cutoff (never from the live read models, which move on), so the same manifest
 * (`asOf`, `position`, model and projection versions) gives the same body and the same bytes:
 * nothing in it depends on the clock, and every list is sorted. `cache` says where the body came from.
 */
export async function buildAnnualReport(store: EventStore, options: AnnualReportOptions): Promise<AnnualReport & { cache?: ReportCacheOutcome }> {
  const { year } = options;
  if (!isReportingYear(year)) throw new AppError('BAD_REQUEST', `year must be ${FIRST_YEAR}-${LAST_YEAR}, got ${year}`);
  const asked = options.asOf === undefined ? nowCutoff(options.now?.()) : parseAsOf(options.asOf);
  const projections = options.projections ?? allProjections;
  const evidence = options.evidence ?? 'bounded';
  const countryList = [...options.countries].sort();
  const cache = options.scratch || options.projections ? undefined : options.cache;
  // A year closed by the cutoff is reported as known at its freeze point, with the model of then
  // unless another is asked for (published by the cutoff).
  const freeze = options.frozen === false ? null : freezeOf(await closuresAt(store, asked), year, null, asked);
  const given = freeze && options.model !== undefined ? await modelAt(store, options.model, asked) : undefined;
  const position = await store.positionAt(freeze?.frozenAt ?? asked);
  // Asked for "now", a frozen report names its closure's recordedAt: the earliest instant with this
  // answer, which later facts do not move (asking with it gives the same manifest and bytes).
  const asOf = freeze
    ? (options.asOf === undefined ? freeze.closedAt : asked)
    : options.asOf === undefined
      ? await settledCutoff(asked, position, { positionAt: (at) => store.positionAt(at), recordedAtOf: (p) => recordedAtOf(store, p) })
      : asked;
  const build = () => buildBody(store, options, freeze ? { at: freeze.frozenAt, freeze, given } : { at: asOf }, position, countryList);
  let built: BuiltReport;
  let outcome: ReportCacheOutcome | undefined;
  if (cache) {
    // A frozen body differs from a live one at the same position (it is marked frozen): keyed apart.
    const key = JSON.stringify([year, position, dateOf(freeze?.frozenAt ?? asOf), options.model ?? null, evidence, countryList, freeze?.eventId ?? null]);
    ({ built, outcome } = await cache.get(key, build, { fresh: options.fresh === true }));
    // Recorded time never goes back, so the build saw exactly `position`; if not, it is not kept.
    if (built.position !== position) cache.delete(key);
  } else built = await build();
  const manifest = {
    kind: 'annual-report' as const,
    year,
    countries: countryList,
    asOf,
    position: built.position,
    modelVersion: built.modelVersion,
    evidence,
    ...(freeze ? { frozen: freeze } : {}),
    projectionVersions: Object.fromEntries([...projections].sort((a, b) => (a.name < b.name ? -1 : 1)).map((p) => [p.name, p.version])),
    reportFormatVersion: REPORT_FORMAT_VERSION,
  };
  return { manifest: { ...manifest, contentHash: contentHash(manifest, built.report) }, report: built.report, ...(outcome ? { cache: outcome } : {}) };
}

async function recordedAtOf(store: EventStore, position: number): Promise<string> {
  const [event] = await store.readAll({ fromPosition: position, toPosition: position, limit: 1 });
  if (!event) throw new Error(`No event at position ${position}`);
  return event.recordedAt;
}

/** Where a report body is read: at `at`; a frozen one is marked so, scored with `given` if a model was asked for. */
interface BodyCutoff {
  at: string;
  freeze?: FrozenPeriod;
  given?: ScoringModel | undefined;
}

/**
 * The report's body as known at `cut.at` (`cutoff`: its position), read from the live read models,
 * one scratch view, or per-country as-of views.
 */
async function buildBody(store: EventStore, options: AnnualReportOptions, cut: BodyCutoff, cutoff: number, countryList: string[]): Promise<BuiltReport> {
  const { year } = options;
  const asOf = cut.at;
  const projections = options.projections ?? allProjections;
  const evidence = options.evidence ?? 'bounded';
  // One cached view per country (what the scorecard routes use too, so they share builds); countries
  // do not influence each other's read models, so this answers what one view of all of them would.
  const scratch = options.scratch ? await openScratchAsOfView(store, { asOf, countries: countryList, projections }) : null;
  const useLive = options.live && !scratch && !cut.freeze && options.asOf === undefined && options.projections === undefined;
  const live = useLive ? await liveViewAt(options.live!, asOf, cutoff, countryList) : null;
  const shared = scratch ?? live?.view ?? null;
  // A snapshot of the live models lets other requests in between countries (~150 ms of reads at 1,000,000 events in all).
  const pause = live?.snapshot ? (options.live!.pause ?? nextTurn) : null;
  const viewOf = (countries: string[]): Promise<AsOfView> => (shared ? Promise.resolve(shared) : openAsOfView(store, { asOf, countries, projections }));
  try {
    const yearEnd = `${year}-12-31`;
    const cutoffDay = dateOf(asOf);
    const referenceDate = cutoffDay < yearEnd ? cutoffDay : yearEnd;
    const countries: CountryReport[] = [];
    let modelVersion = 0;
    let position = shared?.position ?? null;
    for (const [i, country] of countryList.entries()) {
      options.signal?.throwIfAborted();
      if (pause && i > 0) await pause();
      const view = await viewOf([country]);
      try {
        position = view.position;
        // Bounded by default: at 1,000,000 events a country-year has thousands of evidence events.
        const asIs = view.readSide.scorecard(country, year, null, options.model, { evidence, ...(cut.given ? { model: cut.given } : {}) });
        const scorecard = cut.freeze ? frozenScorecard(asIs, cut.freeze) : asIs;
        modelVersion = scorecard.modelVersion;
        const sections = new CountrySections(view, country, year, referenceDate);
        const instruments = sections.instruments();
        const visaMeasures = sections.visaMeasures();
        const dialogueSessions = sections.dialogueSessions();
        const returnOperations = sections.returnOperations();
        const partnerMoratoria = sections.partnerMoratoria();
        const cited = [
          ...scorecard.indicators.flatMap((i) => i.evidence),
          ...(scorecard.officialFinding ? [scorecard.officialFinding.eventId] : []),
          ...instruments.flatMap((i) => i.steps.map((s) => s.eventId)),
          ...visaMeasures.flatMap((m) => m.steps.map((s) => s.eventId)),
          ...dialogueSessions.map((s) => s.eventId),
          ...returnOperations.flatMap((o) => o.eventIds),
          ...partnerMoratoria.flatMap((m) => m.eventIds),
        ];
        const dataGaps = [...scorecard.dataGaps];
        if (scorecard.reasonDetail) dataGaps.push(`No overall score: ${scorecard.reasonDetail}`);
        countries.push({ country, scorecard, instruments, visaMeasures, dialogueSessions, returnOperations, partnerMoratoria, dataGaps, evidence: sections.evidence(cited) });
      } finally {
        if (!shared) await view.close();
      }
    }
    if (modelVersion === 0 || position === null) {
      // No country: the governance streams alone say which model applies.
      const view = await viewOf([]);
      try {
        position = view.position;
        if (modelVersion === 0) modelVersion = (cut.given ?? view.readSide.model(options.model)).modelVersion;
      } finally {
        if (!shared) await view.close();
      }
    }
    if (live && !live.snapshot && live.view.runner.servedPosition() !== live.view.position) {
      // Cannot happen while the reads above never yield; if it ever does, the answer is not trusted.
      throw new AppError('INTERNAL', `The live read models moved from ${live.view.position} during the report`);
    }
    // In RFC 8785 key order once: the content hash and the JSON rendering then serialise it as it is
    // instead of each making a canonical copy (~8 ms each at 1,000,000 events).
    const report = canonicallyOrdered({
      title: `Annual assessment of cooperation on return and readmission, ${year}`,
      year,
      referenceDate,
      disclaimer:
        'Prepared as input for the Commission’s annual Article 25a(2) assessment. Scores are an internal, explainable aid (see each indicator’s numerator, denominator and evidence), not the Commission’s finding, which is shown beside them where known.',
      countries,
    });
    return { report, position, modelVersion };
  } finally {
    await scratch?.close();
    await live?.view.close();
  }
}
