import type { Statement } from 'better-sqlite3';
import { countryStreamId, isCalendarDate, type ScoringModel } from '../../contracts/index.js';
import type { CountryProfile, CountrySummary, EvidenceMode, Scorecard, TimelinePage } from '../../contracts/read-models.js';
import { ACTIVITY, BUCKETS, ENTITIES, evidenceCounter, TIMELINE, timelineEntry, type EntityRow, type TimelineRow } from '../../projections/country-state/index.js';
import type { ProfileEntityStates } from '../../projections/country-state/entities.js';
import type { OpenCommitmentDoc, RequestLapse } from '../../contracts/profile.js';
import type { BucketRow } from '../../projections/country-state/buckets.js';
import { addDeadline, LAST_DAY } from '../../projections/country-state/dates.js';
import { MODELS, PERIODS, type ModelRow, type PeriodRow } from '../../projections/governance/index.js';
import { assembleInputs, officialFindingFor } from '../../projections/scoring/assemble.js';
import { computeScorecard } from '../../projections/scoring/compute-scorecard.js';
import type { EvidenceRole } from '../../projections/scoring/inputs.js';
import { AppError } from '../errors/catalogue.js';
import { chooseModel, publishedModels, type PublishedModelInfo } from './published-models.js';
import { physicalTable, type ReadModelDatabase } from './read-model-db.js';
import type { ReadModelFeed } from './read-model-feed.js';

const COUNTRY = 'country-state';
const GOVERNANCE = 'governance';

export type { PublishedModelInfo } from './published-models.js';

export interface TimelineOptions {
  from?: string | undefined;
  to?: string | undefined;
  family?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

interface EvidenceRow {
  entity_id: string;
  role: EvidenceRole;
  evidence: string;
}

const todayUtc = () => new Date().toISOString().slice(0, 10);

/** Event ids per indicator in a default (bounded) scorecard answer; `evidence: 'full'` lists them all. */
export const EVIDENCE_LIMIT = 20;
const ROLES: readonly EvidenceRole[] = ['C', 'D1', 'D2', 'D3', 'D4'];

export interface ScorecardOptions {
  /** bounded (default): at most EVIDENCE_LIMIT ids per indicator, read from O(1) rows; full: every id (the annual report). */
  evidence?: EvidenceMode;
  /**
   * The model to score with, instead of looking `modelVersion` up in these read models: a closed
   * period's frozen view scored with a model published after its freeze point.
   */
  model?: ScoringModel;
}

type LatestScore = NonNullable<CountrySummary['latestScore']>;

/** The overview's summary of a year's scorecard. */
export function latestScoreOf(year: number, card: Scorecard): LatestScore {
  const { score, band, reason, reasonDetail, provisional, containsEstimates, modelVersion, frozen } = card;
  return { year, score, band, reason, reasonDetail, provisional, containsEstimates, modelVersion, ...(frozen ? { frozen } : {}) };
}

export interface ProfileOptions {
  requestsLimit?: number;
  requestsCursor?: string | undefined;
}

/** Most scorecards kept between two moves of the read models (a dashboard asks the same ones again and again). */
const SCORECARD_CACHE_MAX = 2000;

/** The live (or given) versions of the projections as one read transaction sees them. */
interface ReadState {
  versions: ReadonlyMap<string, number>;
  /** Lowest checkpoint of those versions: what the answer reflects. */
  position: number;
  /** Changes whenever the read models may have changed (a committed batch or a switch-over). */
  key: string;
}

/**
 * The queries behind the read endpoints, on the live read-model tables. Every answer is built from
 * a bounded number of rows (a bucket, a period's contributing entities, the country's instruments),
 * so latency does not grow with the length of the history.
 */
export class ReadSide {
  private readonly statements = new Map<string, Statement>();
  /** Computed scorecards, valid while the read models stay where they were (see cachedScorecard). */
  private readonly scorecards = new Map<string, Scorecard>();
  private scorecardsAt = '';
  private checkpoints: Statement | null = null;
  /** Set while a read runs (see read()). */
  private state: ReadState | null = null;

  constructor(
    private readonly db: ReadModelDatabase,
    readonly runner: ReadModelFeed,
    private readonly options: {
      countries: readonly string[];
      today?: () => string;
      /** The projection versions to read (a snapshot's, fixed when it was taken); absent: the runner's live ones. */
      versions?: ReadonlyMap<string, number>;
    } = { countries: [] },
  ) {}

  /** The date the profile counts overdue requests at (UTC, or the one given to the constructor). */
  today(): string {
    return (this.options.today ?? todayUtc)();
  }

  /**
   * Inside read(): names the read-model state this read sees (the projection versions and their
   * checkpoints); it changes with every committed batch and version switch-over.
   */
  stateKey(): string {
    if (!this.state) throw new Error('ReadSide.stateKey() is only known inside read()');
    return this.state.key;
  }

  private stmt(sql: string): Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /**
   * Runs `reads` in one read transaction (nested reads join it): every query sees the same
   * committed batch, and the tables read are the versions live in it, whoever writes the read
   * models meanwhile (the runner may be in a worker thread, committing and switching versions
   * between two queries of one answer).
   */
  read<T>(reads: () => T): T {
    if (this.state) return reads();
    const own = !this.db.inTransaction; // a snapshot reader's connection is already in one
    if (own) this.stmt('BEGIN').run();
    try {
      this.state = this.readState();
      return reads();
    } finally {
      this.state = null;
      if (own && this.db.inTransaction) this.stmt('COMMIT').run();
    }
  }

  private readState(): ReadState {
    // Every row, as arrays (a handful; cheaper than filtering in SQL): once per answer.
    let checkpoints = this.checkpoints;
    if (!checkpoints) this.checkpoints = checkpoints = this.db.prepare('SELECT name, version, position, status FROM projection_checkpoints').raw(true);
    const rows = checkpoints.all() as [name: string, version: number, position: number, status: string][];
    const given = this.options.versions;
    const chosen = rows.filter(([name, version, , status]) => (given ? given.get(name) === version : status === 'live'));
    let position = chosen.length === 0 ? 0 : Number.MAX_SAFE_INTEGER;
    let key = '';
    for (const [name, version, at] of chosen) {
      position = Math.min(position, at);
      key += `${name}@${version}:${at},`;
    }
    return { versions: given ?? new Map(chosen.map(([name, version]) => [name, version])), position, key };
  }

  /** Physical name of a table this read side reads (the live version, or the one it was given). */
  table(projection: string, table: string): string {
    const version = (this.state ?? this.readState()).versions.get(projection);
    if (version === undefined) throw new AppError('NOT_CAUGHT_UP', `Projection ${projection} has no caught-up version yet`);
    return physicalTable(projection, version, table);
  }

  private docs<T>(sql: string, ...args: unknown[]): T[] {
    return (this.stmt(sql).all(...args) as { doc: string }[]).map((r) => JSON.parse(r.doc) as T);
  }

  private doc<T>(sql: string, ...args: unknown[]): T | undefined {
    const r = this.stmt(sql).get(...args) as { doc: string } | undefined;
    return r ? (JSON.parse(r.doc) as T) : undefined;
  }

  /** Read-your-writes: waits until the read models have reached `minPosition`. */
  ready(minPosition: number | undefined, timeoutMs = 5000): Promise<void> {
    return this.runner.waitForPosition(minPosition ?? 0, timeoutMs);
  }

  /** The position the read models stand at (inside a read: the one its answer reflects). */
  position(): number {
    return (this.state ?? this.readState()).position;
  }

  // ------------------------------------------------------------------ governance

  models(): PublishedModelInfo[] {
    return this.read(() => publishedModels(this.docs<ModelRow>(`SELECT doc FROM ${this.table(GOVERNANCE, MODELS)} ORDER BY k`)));
  }

  model(version?: number): ScoringModel {
    return this.read(() => chooseModel(this.models(), version));
  }

  closedPeriods(): PeriodRow[] {
    return this.read(() => {
      return this.docs<PeriodRow>(`SELECT doc FROM ${this.table(GOVERNANCE, PERIODS)} ORDER BY k`);
    });
  }

  /** A quarter is closed when it or its year is closed. */
  isClosed(year: number, quarter: number | null): boolean {
    return this.read(() => {
      const keys = quarter === null ? [String(year)] : [String(year), `${year}-Q${quarter}`];
      const table = this.table(GOVERNANCE, PERIODS);
      return keys.some((k) => this.stmt(`SELECT 1 AS x FROM ${table} WHERE k = ?`).get(k) !== undefined);
    });
  }

  // ------------------------------------------------------------------ countries

  private entitiesOfKind(country: string, kind: string): EntityRow[] {
    return this.docs<EntityRow>(`SELECT doc FROM ${this.table(COUNTRY, ENTITIES)} WHERE country = ? AND kind = ? ORDER BY sort_date, k`, country, kind);
  }

  private activity(country: string): CountrySummary['lastActivity'] {
    const a = this.doc<Record<string, any>>(`SELECT doc FROM ${this.table(COUNTRY, ACTIVITY)} WHERE k = ?`, country);
    if (!a) return null;
    return { eventId: a['lastEventId'], type: a['lastType'], position: a['lastPosition'], recordedAt: a['lastRecordedAt'], occurredOn: a['lastOccurredOn'], events: a['events'] };
  }

  /**
   * The configured countries with the score of their latest year with data. `latestOf` may answer
   * that score instead (a closed year, frozen at its closure); undefined: computed here, live.
   */
  countries(latestOf?: (country: string, year: number) => LatestScore | undefined): CountrySummary[] {
    return this.read(() => {
      const model = this.model();
      const buckets = this.table(COUNTRY, BUCKETS);
      return this.options.countries.map((code) => {
        const latest = this.doc<BucketRow>(`SELECT doc FROM ${buckets} WHERE country = ? AND quarter = 0 ORDER BY year DESC LIMIT 1`, code);
        const latestScore = latest ? (latestOf?.(code, latest.year) ?? latestScoreOf(latest.year, this.scorecardFromBucket(code, latest.year, null, latest, model, 'none'))) : null;
        return { code, streamId: countryStreamId(code), lastActivity: this.activity(code), latestScore };
      });
    });
  }

  private scorecardFromBucket(country: string, year: number, quarter: number | null, bucket: BucketRow | undefined, model: ScoringModel, evidence: EvidenceMode | 'none'): Scorecard {
    const entities = this.table(COUNTRY, ENTITIES);
    const period = quarter === null ? 'bucket_year = ?' : 'bucket_year = ? AND bucket_quarter = ?';
    const periodArgs = quarter === null ? [year] : [year, quarter];
    // Evidence: the slim columns of the contributing entities (their id, role and event ids), not their documents.
    // Bounded: per role only the first entities in id order (an index range with LIMIT; every entity has at least one event).
    let rows: EvidenceRow[] = [];
    if (evidence === 'full') rows = this.stmt(`SELECT entity_id, role, evidence FROM ${entities} WHERE country = ? AND ${period} AND role IS NOT NULL`).all(country, ...periodArgs) as EvidenceRow[];
    else if (evidence === 'bounded') {
      // One statement, one index range per role (a statement call costs more than these few rows).
      const perRole = ROLES.map(() => `SELECT * FROM (SELECT entity_id, role, evidence FROM ${entities} WHERE country = ? AND ${period} AND role = ? ORDER BY entity_id LIMIT ${EVIDENCE_LIMIT})`);
      rows = this.stmt(perRole.join(' UNION ALL ')).all(...ROLES.flatMap((role) => [country, ...periodArgs, role])) as EvidenceRow[];
    }
    const contributing = rows.map((r) => ({ id: r.entity_id, eventIds: JSON.parse(r.evidence) as string[], contribution: { role: r.role } }));
    const inputs = assembleInputs({
      country,
      year,
      quarter,
      bucket,
      contributing,
      moratoria: this.entitiesOfKind(country, 'moratorium'),
      instruments: this.entitiesOfKind(country, 'instrument'),
      assessments: this.entitiesOfKind(country, 'assessment'),
    });
    const card = computeScorecard(inputs, model, { closed: this.isClosed(year, quarter) });
    return evidence === 'bounded' ? boundEvidence(card, inputs.evidence, bucket?.counters ?? {}) : card;
  }

  /**
   * A year's or quarter's scorecard. By default each indicator lists at most EVIDENCE_LIMIT event ids
   * (with the full count, from the bucket); `{ evidence: 'full' }` lists every id (reads every
   * contributing entity: the annual report).
   */
  scorecard(country: string, year: number, quarter: number | null, modelVersion?: number, options: ScorecardOptions = {}): Scorecard {
    return this.read(() => {
      const evidence = options.evidence ?? 'bounded';
      const given = options.model;
      return this.cachedScorecard(`${country}|${year}|${quarter ?? 0}|${given ? `given ${given.modelVersion}` : (modelVersion ?? 'latest')}|${evidence}`, () => {
        const model = given ?? this.model(modelVersion);
        const bucket = this.doc<BucketRow>(`SELECT doc FROM ${this.table(COUNTRY, BUCKETS)} WHERE k = ?`, `${country}|${year}|${quarter ?? 0}`);
        return this.scorecardFromBucket(country, year, quarter, bucket, model, evidence);
      });
    });
  }

  /**
   * A scorecard is a pure function of the read models (it does not depend on the clock), so it is
   * kept until they change (the checkpoints a read sees: any committed batch or version switch).
   * Callers treat the result as read-only (it is shared).
   */
  private cachedScorecard(key: string, compute: () => Scorecard): Scorecard {
    const at = this.state!.key;
    if (at !== this.scorecardsAt || this.scorecards.size >= SCORECARD_CACHE_MAX) {
      this.scorecards.clear();
      this.scorecardsAt = at;
    }
    let card = this.scorecards.get(key);
    if (!card) this.scorecards.set(key, (card = compute()));
    return card;
  }

  /**
   * The country profile. Open requests: the count is kept by the projection (activity row), the
   * overdue count is the open ones minus those not yet due (an index range over recent due dates),
   * and one page of open requests is listed, most recently submitted first (`requestsCursor`).
   */
  profile(country: string, asOfDate = this.today(), options: ProfileOptions = {}): CountryProfile {
    return this.read(() => {
      const model = this.model();
      const entities = this.table(COUNTRY, ENTITIES);
      // The stored state of a kind is what the projection's fold of that kind builds (typed by the profile contract).
      const view =
        <K extends keyof ProfileEntityStates>(_kind: K) =>
        (e: EntityRow): { id: string } & ProfileEntityStates[K] & { eventIds: string[] } => ({ id: e.id, ...(e.state as ProfileEntityStates[K]), eventIds: e.eventIds });
      const instruments = this.entitiesOfKind(country, 'instrument');
      const measures = this.entitiesOfKind(country, 'measure').map(view('measure'));
      const openCount = (this.stmt(`SELECT json_extract(doc, '$.openRequests') AS n FROM ${this.table(COUNTRY, ACTIVITY)} WHERE k = ?`).get(country) as { n: number | null } | undefined)?.n ?? 0;
      // Without an instrument deadline (due_on NULL) the model's default applies: due = submittedOn + default calendar days.
      const defaultDueFrom = addDeadline(asOfDate, -model.defaultReplyDeadlineDays, 'calendar');
      // A request whose lapse was recorded (open: not deemed accepted) is overdue whatever the computed
      // deadline says: the lapse is the desk's fact. Only the few requests not yet due are looked into.
      const notDue = this.stmt(
        `SELECT (SELECT COUNT(*) FROM ${entities} WHERE country = ? AND kind = 'request' AND open = 1 AND due_on >= ? AND json_extract(doc, '$.state.lapse') IS NULL)
              + (SELECT COUNT(*) FROM ${entities} WHERE country = ? AND kind = 'request' AND open = 1 AND due_on IS NULL AND sort_date >= ? AND json_extract(doc, '$.state.lapse') IS NULL) AS n`,
      ).get(country, asOfDate, country, defaultDueFrom) as { n: number };
      const limit = options.requestsLimit ?? 20;
      const cursor = options.requestsCursor ? decodeRequestCursor(country, options.requestsCursor) : null;
      const page = cursor
        ? this.stmt(`SELECT k, doc FROM ${entities} WHERE country = ? AND kind = 'request' AND open = 1 AND (sort_date, k) < (?, ?) ORDER BY sort_date DESC, k DESC LIMIT ?`).all(country, cursor.sortDate, cursor.k, limit + 1)
        : this.stmt(`SELECT k, doc FROM ${entities} WHERE country = ? AND kind = 'request' AND open = 1 ORDER BY sort_date DESC, k DESC LIMIT ?`).all(country, limit + 1);
      const open = (page as { k: string; doc: string }[]).map((r) => ({ k: r.k, row: JSON.parse(r.doc) as EntityRow }));
      const openRequests = open.slice(0, limit).map(({ row: r }) => {
        const s = r.state;
        // The deadline the projection stored (instrument terms when the request was saved), else the model default.
        // A deadline stored past year 9999 by an older build ("+010000-01", from a fact dated near then) reads as the last day.
        const stored = r.dueOn?.startsWith('+') ? LAST_DAY : r.dueOn;
        const lapse = s['lapse'] as RequestLapse | undefined;
        // A recorded lapse names the deadline that lapsed: shown, rather than one computed beside it.
        const deadline = lapse?.deadline ?? stored ?? addDeadline(s['submittedOn'], model.defaultReplyDeadlineDays, 'calendar');
        return {
          requestId: r.id,
          requestKind: s['requestKind'] ?? null,
          submittedOn: s['submittedOn'] ?? null,
          requestingState: s['requestingState'] ?? null,
          instrumentId: s['instrumentId'] ?? null,
          deadline,
          overdue: lapse !== undefined || deadline < asOfDate,
          lapse: lapse ?? null,
        };
      });
      const last = open[Math.min(limit, open.length) - 1];
      const nextCursor = open.length > limit && last ? encodeRequestCursor(last.row.sortDate ?? '', last.k) : null;
      const moratoria = this.entitiesOfKind(country, 'moratorium').map(view('moratorium'));
      return {
        country,
        asOfDate,
        position: this.position(),
        instruments: instruments.map(view('instrument')),
        visaMeasures: {
          inForce: measures.filter((m) => m.status === 'in-force'),
          proposed: measures.filter((m) => m.status === 'proposed' || m.status === 'adopted'),
          other: measures.filter((m) => !['in-force', 'proposed', 'adopted'].includes(m.status!)),
        },
        dialogueTracks: this.entitiesOfKind(country, 'track').map(view('track')),
        // open = 1: status 'open', which only DialogueCommitmentRecorded sets (with the fields it records).
        openCommitments: this.docs<EntityRow>(`SELECT doc FROM ${entities} WHERE country = ? AND kind = 'commitment' AND open = 1 ORDER BY sort_date, k`, country).map(view('commitment')) as OpenCommitmentDoc[],
        notifications: this.entitiesOfKind(country, 'notification').map(view('notification')),
        requests: { open: openCount, overdue: Math.max(0, openCount - notDue.n), openRequests, nextCursor },
        // open = 0 (always, for an operation) lets the (country, kind, open, sort_date, k) index give the order: no sort of every operation.
        recentOperations: this.docs<EntityRow>(`SELECT doc FROM ${entities} WHERE country = ? AND kind = 'operation' AND open = 0 ORDER BY sort_date DESC, k DESC LIMIT 20`, country).map(view('operation')),
        activeMoratoria: moratoria.filter((m) => m.from !== undefined && m.from <= asOfDate && (!m.to || m.to >= asOfDate)),
        moratoria,
        officialFinding: officialFindingFor(this.entitiesOfKind(country, 'assessment'), null),
        lastActivity: this.activity(country),
      };
    });
  }

  timeline(country: string, q: TimelineOptions): TimelinePage {
    return this.read(() => {
      const table = this.table(COUNTRY, TIMELINE);
      const where = ['country = ?'];
      const args: unknown[] = [country];
      if (q.from) {
        where.push('occurred_on >= ?');
        args.push(q.from);
      }
      if (q.to) {
        where.push('occurred_on <= ?');
        args.push(q.to);
      }
      if (q.family) {
        where.push('family = ?');
        args.push(q.family);
      }
      if (q.cursor) {
        const c = decodeCursor(country, q.cursor);
        // A row value, not `a > ? OR (a = ? AND k > ?)`: SQLite starts the index range at the cursor instead of scanning from the country's first row.
        where.push('(occurred_on, k) > (?, ?)');
        args.push(c.occurredOn, c.position);
      }
      args.push(q.limit + 1);
      // Slim rows keyed by position (k); the entry is assembled from the columns and the pre-serialised summary.
      const rows = (this.stmt(`SELECT * FROM ${table} WHERE ${where.join(' AND ')} ORDER BY occurred_on, k LIMIT ?`).all(...args) as (TimelineRow & { k: number })[]).map((r) =>
        timelineEntry(r.k, r),
      );
      const page = rows.slice(0, q.limit);
      const last = page[page.length - 1];
      return {
        country,
        entries: page,
        nextCursor: rows.length > q.limit && last ? encodeCursor(country, last.occurredOn, last.position) : null,
        position: this.position(),
      };
    });
  }
}

/**
 * Timeline cursor: the country, then the (occurredOn, position) of the page's last entry. The country
 * binds it to the timeline that gave it; the date must be a real one and the position a whole number
 * (0: from the start of that date), so a forged cursor is refused rather than silently starting anywhere.
 */
export function encodeCursor(country: string, occurredOn: string, position: number): string {
  return Buffer.from(`${country}|${occurredOn}|${position}`).toString('base64url');
}

export function decodeCursor(country: string, cursor: string): { occurredOn: string; position: number } {
  const m = /^([A-Z]{2})\|(\d{4}-\d{2}-\d{2})\|(0|[1-9]\d{0,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m || !isCalendarDate(m[2]!) || !Number.isSafeInteger(Number(m[3]))) throw new AppError('BAD_REQUEST', 'Invalid timeline cursor: pass a nextCursor as the timeline gave it');
  if (m[1] !== country) throw new AppError('BAD_REQUEST', `Invalid timeline cursor: it belongs to the timeline of ${m[1]}, not ${country}`);
  return { occurredOn: m[2]!, position: Number(m[3]) };
}

/**
 * Open-requests cursor: the (submittedOn, entity key) of the page's last request. The key names its
 * country (`ET|request|<id>`), which binds the cursor to that country's profile.
 */
export function encodeRequestCursor(sortDate: string, k: string): string {
  return Buffer.from(JSON.stringify([sortDate, k])).toString('base64url');
}

function decodeRequestCursor(country: string, cursor: string): { sortDate: string; k: string } {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(cursor, 'base64url').toString());
  } catch {
    // not JSON: refused below
  }
  // The id after the prefix is not checked against today's EntityId: a request recorded under an older rule still pages.
  const prefix = `${country}|request|`;
  if (!Array.isArray(v) || v.length !== 2 || typeof v[0] !== 'string' || typeof v[1] !== 'string' || !isCalendarDate(v[0]) || !/^[A-Z]{2}\|request\|./.test(v[1])) {
    throw new AppError('BAD_REQUEST', 'Invalid requests cursor: pass requests.nextCursor as the profile gave it');
  }
  if (!v[1].startsWith(prefix)) throw new AppError('BAD_REQUEST', `Invalid requests cursor: it belongs to the profile of ${v[1].slice(0, 2)}, not ${country}`);
  return { sortDate: v[0], k: v[1] };
}

/**
 * Bounds a scorecard computed from the first ids of each role: each indicator keeps its first
 * EVIDENCE_LIMIT ids (the same prefix as the full list, whose role lists are concatenated whole) and
 * says how many ids the full list holds, from the bucket's per-role evidence counters.
 */
function boundEvidence(card: Scorecard, partial: Partial<Record<EvidenceRole, string[]>>, counters: Record<string, number>): Scorecard {
  const indicators = card.indicators.map((i) => {
    const ids = new Set(i.evidence);
    let count = i.evidence.length;
    for (const role of ROLES) {
      const first = partial[role]?.[0];
      // A role's list is included whole or not at all: its first id tells.
      if (first !== undefined && ids.has(first)) count += (counters[evidenceCounter(role)] ?? partial[role]!.length) - partial[role]!.length;
    }
    const evidence = i.evidence.slice(0, EVIDENCE_LIMIT);
    return { ...i, evidence, evidenceCount: count, evidenceTruncated: count > evidence.length };
  });
  return { ...card, indicators };
}
