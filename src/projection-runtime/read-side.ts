import type { Statement } from 'better-sqlite3';
import { countryStreamId, ScoringModel } from '../../contracts/index.js';
import type { CountryProfile, CountrySummary, Scorecard, TimelinePage } from '../../contracts/read-models.js';
import { ACTIVITY, BUCKETS, ENTITIES, TIMELINE, type EntityRow, type TimelineRow } from '../../projections/country-state/index.js';
import type { BucketRow } from '../../projections/country-state/buckets.js';
import { addDeadline } from '../../projections/country-state/dates.js';
import { instrumentDeadline } from '../../projections/country-state/entities.js';
import { MODELS, PERIODS, type ModelRow, type PeriodRow } from '../../projections/governance/index.js';
import { assembleInputs, officialFindingFor } from '../../projections/scoring/assemble.js';
import { computeScorecard } from '../../projections/scoring/compute-scorecard.js';
import type { EvidenceRole } from '../../projections/scoring/inputs.js';
import { scoringModelV1 } from '../../projections/scoring/model-v1.js';
import { AppError } from '../errors/catalogue.js';
import type { ReadModelDatabase } from './read-model-db.js';
import type { ProjectionRunner } from './runner.js';

const COUNTRY = 'country-state';
const GOVERNANCE = 'governance';

export interface PublishedModelInfo {
  modelVersion: number;
  model: ScoringModel;
  eventId: string | null;
  approvedBy: string | null;
  publishedAt: string | null;
}

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

/**
 * The queries behind the read endpoints, on the live read-model tables. Every answer is built from
 * a bounded number of rows (a bucket, a period's contributing entities, the country's instruments),
 * so latency does not grow with the length of the history.
 */
export class ReadSide {
  private readonly statements = new Map<string, Statement>();

  constructor(
    private readonly db: ReadModelDatabase,
    readonly runner: ProjectionRunner,
    private readonly options: { countries: readonly string[]; today?: () => string } = { countries: [] },
  ) {}

  private stmt(sql: string): Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  private t(projection: string, table: string): string {
    return this.runner.table(projection, table);
  }

  private docs<T>(sql: string, ...args: unknown[]): T[] {
    return (this.stmt(sql).all(...args) as { doc: string }[]).map((r) => JSON.parse(r.doc) as T);
  }

  private doc<T>(sql: string, ...args: unknown[]): T | undefined {
    const r = this.stmt(sql).get(...args) as { doc: string } | undefined;
    return r ? (JSON.parse(r.doc) as T) : undefined;
  }

  /** Read-your-writes: waits until the read models have reached `minPosition`. */
  async ready(minPosition: number | undefined, timeoutMs = 5000): Promise<number> {
    await this.runner.waitForPosition(minPosition ?? 0, timeoutMs);
    return this.runner.servedPosition();
  }

  position(): number {
    return this.runner.servedPosition();
  }

  // ------------------------------------------------------------------ governance

  models(): PublishedModelInfo[] {
    const published = this.docs<ModelRow>(`SELECT doc FROM ${this.t(GOVERNANCE, MODELS)} ORDER BY k`);
    const out: PublishedModelInfo[] = [{ modelVersion: 1, model: scoringModelV1, eventId: null, approvedBy: null, publishedAt: null }];
    for (const m of published) {
      const info = { modelVersion: m.modelVersion, model: ScoringModel.parse(m.model), eventId: m.eventId, approvedBy: m.approvedBy, publishedAt: m.publishedAt };
      if (m.modelVersion === 1) out[0] = info;
      else out.push(info);
    }
    return out.sort((a, b) => a.modelVersion - b.modelVersion);
  }

  model(version?: number): ScoringModel {
    const all = this.models();
    if (version === undefined) return all[all.length - 1]!.model;
    const found = all.find((m) => m.modelVersion === version);
    if (!found) throw new AppError('NOT_FOUND', `No scoring model version ${version}; published: ${all.map((m) => m.modelVersion).join(', ')}`);
    return found.model;
  }

  closedPeriods(): PeriodRow[] {
    return this.docs<PeriodRow>(`SELECT doc FROM ${this.t(GOVERNANCE, PERIODS)} ORDER BY k`);
  }

  /** A quarter is closed when it or its year is closed. */
  isClosed(year: number, quarter: number | null): boolean {
    const keys = quarter === null ? [String(year)] : [String(year), `${year}-Q${quarter}`];
    const table = this.t(GOVERNANCE, PERIODS);
    return keys.some((k) => this.stmt(`SELECT 1 AS x FROM ${table} WHERE k = ?`).get(k) !== undefined);
  }

  // ------------------------------------------------------------------ countries

  private entitiesOfKind(country: string, kind: string): EntityRow[] {
    return this.docs<EntityRow>(`SELECT doc FROM ${this.t(COUNTRY, ENTITIES)} WHERE country = ? AND kind = ? ORDER BY sort_date, k`, country, kind);
  }

  private activity(country: string): CountrySummary['lastActivity'] {
    const a = this.doc<Record<string, any>>(`SELECT doc FROM ${this.t(COUNTRY, ACTIVITY)} WHERE k = ?`, country);
    if (!a) return null;
    return { eventId: a['lastEventId'], type: a['lastType'], position: a['lastPosition'], recordedAt: a['lastRecordedAt'], occurredOn: a['lastOccurredOn'], events: a['events'] };
  }

  countries(): CountrySummary[] {
    const model = this.model();
    const buckets = this.t(COUNTRY, BUCKETS);
    return this.options.countries.map((code) => {
      const latest = this.doc<BucketRow>(`SELECT doc FROM ${buckets} WHERE country = ? AND quarter = 0 ORDER BY year DESC LIMIT 1`, code);
      let latestScore: CountrySummary['latestScore'] = null;
      if (latest) {
        const card = this.scorecardFromBucket(code, latest.year, null, latest, model, false);
        latestScore = {
          year: latest.year,
          score: card.score,
          band: card.band,
          reason: card.reason,
          reasonDetail: card.reasonDetail,
          provisional: card.provisional,
          modelVersion: card.modelVersion,
        };
      }
      return { code, streamId: countryStreamId(code), lastActivity: this.activity(code), latestScore };
    });
  }

  private scorecardFromBucket(country: string, year: number, quarter: number | null, bucket: BucketRow | undefined, model: ScoringModel, withEvidence: boolean): Scorecard {
    const entities = this.t(COUNTRY, ENTITIES);
    // Evidence: the slim columns of the contributing entities (their id, role and event ids), not their documents.
    const rows = withEvidence
      ? quarter === null
        ? (this.stmt(`SELECT entity_id, role, evidence FROM ${entities} WHERE country = ? AND bucket_year = ? AND role IS NOT NULL`).all(country, year) as EvidenceRow[])
        : (this.stmt(`SELECT entity_id, role, evidence FROM ${entities} WHERE country = ? AND bucket_year = ? AND bucket_quarter = ? AND role IS NOT NULL`).all(country, year, quarter) as EvidenceRow[])
      : [];
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
    return computeScorecard(inputs, model, { closed: this.isClosed(year, quarter) });
  }

  scorecard(country: string, year: number, quarter: number | null, modelVersion?: number): Scorecard {
    const model = this.model(modelVersion);
    const bucket = this.doc<BucketRow>(`SELECT doc FROM ${this.t(COUNTRY, BUCKETS)} WHERE k = ?`, `${country}|${year}|${quarter ?? 0}`);
    return this.scorecardFromBucket(country, year, quarter, bucket, model, true);
  }

  profile(country: string, asOfDate = (this.options.today ?? todayUtc)()): CountryProfile {
    const model = this.model();
    const entities = this.t(COUNTRY, ENTITIES);
    const view = (e: EntityRow): Record<string, any> => ({ id: e.id, ...e.state, eventIds: e.eventIds });
    const instruments = this.entitiesOfKind(country, 'instrument');
    const measures = this.entitiesOfKind(country, 'measure').map(view);
    const terms = new Map(instruments.map((i) => [i.id, i.state['terms']]));
    const ctx = { instrumentTerms: (id: string) => terms.get(id) };
    const open = this.docs<EntityRow>(`SELECT doc FROM ${entities} WHERE country = ? AND kind = 'request' AND open = 1 ORDER BY sort_date, k`, country);
    let overdue = 0;
    const openRequests = open.map((r) => {
      const s = r.state;
      const dl = instrumentDeadline(s, ctx) ?? { days: model.defaultReplyDeadlineDays, dayKind: 'calendar' as const };
      const deadline = addDeadline(s['submittedOn'], dl.days, dl.dayKind);
      const isOverdue = deadline < asOfDate;
      if (isOverdue) overdue++;
      return {
        requestId: r.id,
        requestKind: s['requestKind'] ?? null,
        submittedOn: s['submittedOn'] ?? null,
        requestingState: s['requestingState'] ?? null,
        instrumentId: s['instrumentId'] ?? null,
        deadline,
        overdue: isOverdue,
        lapse: s['lapse'] ?? null,
      };
    });
    const moratoria = this.entitiesOfKind(country, 'moratorium').map(view);
    return {
      country,
      asOfDate,
      position: this.position(),
      instruments: instruments.map(view),
      visaMeasures: {
        inForce: measures.filter((m) => m['status'] === 'in-force'),
        proposed: measures.filter((m) => m['status'] === 'proposed' || m['status'] === 'adopted'),
        other: measures.filter((m) => !['in-force', 'proposed', 'adopted'].includes(m['status'])),
      },
      dialogueTracks: this.entitiesOfKind(country, 'track').map(view),
      openCommitments: this.docs<EntityRow>(`SELECT doc FROM ${entities} WHERE country = ? AND kind = 'commitment' AND open = 1 ORDER BY sort_date, k`, country).map(view),
      notifications: this.entitiesOfKind(country, 'notification').map(view),
      requests: { open: open.length, overdue, openRequests: openRequests.slice(0, 100) },
      recentOperations: this.docs<EntityRow>(`SELECT doc FROM ${entities} WHERE country = ? AND kind = 'operation' ORDER BY sort_date DESC, k LIMIT 20`, country).map(view),
      activeMoratoria: moratoria.filter((m) => m['from'] <= asOfDate && (!m['to'] || m['to'] >= asOfDate)),
      moratoria,
      officialFinding: officialFindingFor(this.entitiesOfKind(country, 'assessment'), null),
      lastActivity: this.activity(country),
    };
  }

  timeline(country: string, q: TimelineOptions): TimelinePage {
    const table = this.t(COUNTRY, TIMELINE);
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
      const c = decodeCursor(q.cursor);
      where.push('(occurred_on > ? OR (occurred_on = ? AND position > ?))');
      args.push(c.occurredOn, c.occurredOn, c.position);
    }
    args.push(q.limit + 1);
    const rows = this.docs<TimelineRow>(`SELECT doc FROM ${table} WHERE ${where.join(' AND ')} ORDER BY occurred_on, position LIMIT ?`, ...args);
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return {
      country,
      entries: page.map(({ country: _x, ...e }) => e),
      nextCursor: rows.length > q.limit && last ? encodeCursor(last.occurredOn, last.position) : null,
      position: this.position(),
    };
  }
}

export function encodeCursor(occurredOn: string, position: number): string {
  return Buffer.from(`${occurredOn}|${position}`).toString('base64url');
}

export function decodeCursor(cursor: string): { occurredOn: string; position: number } {
  const m = /^(\d{4}-\d{2}-\d{2})\|(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw new AppError('BAD_REQUEST', 'Invalid timeline cursor');
  return { occurredOn: m[1]!, position: Number(m[2]) };
}
