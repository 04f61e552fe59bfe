import { effectiveOf, ENTITIES, TIMELINE, timelineEntry, type EntityRow, type TimelineEntry, type TimelineRow } from '../../projections/country-state/index.js';
import type { Statement } from 'better-sqlite3';
import type { AsOfView } from '../as-of/as-of-read-side.js';
import type {
  ReportDialogueSession,
  ReportEvidence,
  ReportInstrument,
  ReportMoratorium,
  ReportOperation,
  ReportVisaMeasure,
} from './types.js';
import { instrumentStatusAt, measureStatusAt, stepsUntil } from './year-end-status.js';

const COUNTRY = 'country-state';
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The report sections of one country, read from an as-of view's scratch read models (the same
 * tables the live read side serves). Every list is sorted, so the same events give the same report.
 */
export class CountrySections {
  constructor(
    private readonly view: AsOfView,
    private readonly country: string,
    private readonly year: number,
    /** "In force at year end" is judged on this day. */
    private readonly referenceDate: string,
  ) {}

  /** Prepared once per section set: timelineRow runs once per cited event. */
  private readonly statements = new Map<string, Statement>();

  private readonly tables = new Map<string, string>();

  /** Resolved once: the view's versions do not change while its sections are read. */
  private table(name: string): string {
    let t = this.tables.get(name);
    if (t === undefined) this.tables.set(name, (t = this.view.readSide.table(COUNTRY, name)));
    return t;
  }

  private stmt(sql: string): Statement {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.view.db.prepare(sql)));
    return s;
  }

  private entities(kind: string): EntityRow[] {
    const rows = this.stmt(`SELECT doc FROM ${this.table(ENTITIES)} WHERE country = ? AND kind = ? ORDER BY k`).all(this.country, kind) as { doc: string }[];
    return rows.map((r) => JSON.parse(r.doc) as EntityRow);
  }

  /** The timeline entry of an event (rows are keyed by position; looked up through the event_id index). */
  timelineRow(eventId: string): TimelineEntry | undefined {
    const r = this.stmt(`SELECT * FROM ${this.table(TIMELINE)} WHERE event_id = ?`).get(eventId) as (TimelineRow & { k: number }) | undefined;
    return r ? timelineEntry(r.k, r) : undefined;
  }

  /**
   * The timeline entries of many events in one statement: the ids as a JSON array joined through
   * the event_id index, which saves a statement call per event (at 1,000,000 events a report's
   * lookups went from ~32 to ~25 ms; what is left is reading the rows' pages on a fresh snapshot).
   */
  private timelineRows(eventIds: readonly string[]): TimelineEntry[] {
    const rows = this.stmt(`SELECT t.* FROM json_each(?) AS ids JOIN ${this.table(TIMELINE)} AS t ON t.event_id = ids.value`).all(JSON.stringify(eventIds)) as (TimelineRow & {
      k: number;
    })[];
    return rows.map((r) => timelineEntry(r.k, r));
  }

  instruments(): ReportInstrument[] {
    const out: ReportInstrument[] = [];
    for (const e of this.entities('instrument')) {
      const steps = stepsUntil(e.state['history'], this.referenceDate);
      if (steps.length === 0) continue; // not yet known to exist at the reference date
      let suspension: ReportInstrument['suspension'] = null;
      const observed = (s: { eventId: string }) => {
        const data = this.effectiveData(s.eventId);
        suspension = {
          declaredBy: String(data?.['declaredBy'] ?? 'unknown'),
          declaredOn: (s as { on?: string }).on ?? '',
          effect: String(data?.['effect'] ?? 'unknown'),
          reason: (data?.['reason'] as string | undefined) ?? null,
        };
        return data?.['effect'] === 'observed-in-practice';
      };
      const status = instrumentStatusAt(steps, observed);
      if (status === 'in-force') {
        // a resumption after the last suspension clears it
        const lastSusp = steps.map((s) => s.type).lastIndexOf('InstrumentSuspensionDeclared');
        const lastResume = steps.map((s) => s.type).lastIndexOf('InstrumentResumed');
        if (lastResume > lastSusp) suspension = null;
      }
      out.push({
        instrumentId: e.id,
        title: e.state['title'] ?? null,
        kind: e.state['instrumentKind'] ?? null,
        level: e.state['level'] ?? null,
        legallyBinding: e.state['legallyBinding'] ?? null,
        statusAtYearEnd: status,
        inForceAtYearEnd: status === 'in-force',
        suspension,
        steps,
      });
    }
    return out.sort((a, b) => byText(a.instrumentId, b.instrumentId));
  }

  visaMeasures(): ReportVisaMeasure[] {
    const out: ReportVisaMeasure[] = [];
    for (const e of this.entities('measure')) {
      const steps = stepsUntil(e.state['history'], this.referenceDate);
      if (steps.length === 0) continue;
      const status = measureStatusAt(steps);
      out.push({
        measureId: e.id,
        legalBasis: e.state['legalBasis'] ?? null,
        provisions: [...(e.state['provisions'] ?? [])].sort(),
        proposalRef: e.state['proposalRef'] ?? null,
        councilActRef: steps.some((s) => s.type === 'VisaMeasureAdopted') ? (e.state['councilActRef'] ?? null) : null,
        statusAtYearEnd: status,
        inForceAtYearEnd: status === 'in-force',
        steps,
      });
    }
    return out.sort((a, b) => byText(a.measureId, b.measureId));
  }

  dialogueSessions(): ReportDialogueSession[] {
    const titles = new Map(this.entities('track').map((t) => [t.id, (t.state['title'] as string | undefined) ?? null]));
    // The year's rows through the (country, family, occurred_on) index, not every dialogue event of
    // the country; plus the corrected ones of other years, whose date in force may differ from the
    // recorded one. UNION ALL of disjoint halves: a UNION's de-duplication (a temporary B-tree) cost
    // ~0.85 ms per country against 0.05 ms.
    const [from, to] = this.yearRange();
    const rows = this
      .stmt(
        `SELECT * FROM ${this.table(TIMELINE)} WHERE country = @country AND family = 'dialogues' AND occurred_on >= @from AND occurred_on < @to
         UNION ALL SELECT * FROM ${this.table(TIMELINE)} WHERE country = @country AND family = 'dialogues' AND status = 'corrected' AND NOT (occurred_on >= @from AND occurred_on < @to)`,
      )
      .all({ country: this.country, from, to }) as TimelineRow[];
    const out: ReportDialogueSession[] = [];
    for (const row of rows) {
      if (row.type !== 'DialogueSessionHeld') continue;
      const eff = effectiveOf(row);
      if (!eff || !eff.occurredOn.startsWith(`${this.year}-`)) continue;
      const d = eff.data as Record<string, any>;
      out.push({
        eventId: row.event_id,
        trackId: d['trackId'],
        trackTitle: titles.get(d['trackId']) ?? null,
        on: eff.occurredOn,
        location: d['location'] ?? null,
        topics: [...(d['topics'] ?? [])],
        outcomeSummary: d['outcomeSummary'] ?? null,
      });
    }
    return out.sort((a, b) => byText(a.on, b.on) || byText(a.trackId, b.trackId) || byText(a.eventId, b.eventId));
  }

  /** Bounds of the dates (YYYY-MM-DD) that start with `${year}-`: '.' follows '-' in code-unit order. */
  private yearRange(): [string, string] {
    return [`${this.year}-`, `${this.year}.`];
  }

  returnOperations(): ReportOperation[] {
    const out: ReportOperation[] = [];
    // The year's operations (sort_date starts with `${year}-`) through the (country, kind, open, sort_date) index, not all of the country's.
    const rows = this.stmt(`SELECT doc FROM ${this.table(ENTITIES)} WHERE country = ? AND kind = 'operation' AND open IN (0, 1) AND sort_date >= ? AND sort_date < ? ORDER BY k`).all(
      this.country,
      ...this.yearRange(),
    ) as { doc: string }[];
    for (const e of rows.map((r) => JSON.parse(r.doc) as EntityRow)) {
      const s = e.state;
      out.push({
        operationId: e.id,
        mode: s['mode'] ?? null,
        status: s['status'] ?? 'unknown',
        plannedDate: s['plannedDate'] ?? null,
        plannedReturnees: s['plannedReturnees'] ?? null,
        executedOn: s['executed']?.on ?? null,
        returnees: s['executed']?.returnees ?? null,
        cancelledOn: s['cancelled']?.on ?? null,
        cancelCause: s['cancelled']?.cause ?? null,
        partnerAttributable: s['cancelled'] ? Boolean(s['cancelled'].partnerAttributable) : null,
        eventIds: [...e.eventIds],
      });
    }
    return out.sort((a, b) => byText(a.executedOn ?? a.cancelledOn ?? a.plannedDate ?? '', b.executedOn ?? b.cancelledOn ?? b.plannedDate ?? '') || byText(a.operationId, b.operationId));
  }

  /** Partner moratoria overlapping the year. */
  partnerMoratoria(): ReportMoratorium[] {
    const start = `${this.year}-01-01`;
    const end = `${this.year}-12-31`;
    return this.entities('moratorium')
      .filter((m) => m.state['from'] && m.state['from'] <= end && (!m.state['to'] || m.state['to'] >= start))
      .map((m) => ({ moratoriumId: m.id, scope: m.state['scope'] ?? null, from: m.state['from'], to: m.state['to'] ?? null, eventIds: [...m.eventIds] }))
      .sort((a, b) => byText(a.from, b.from) || byText(a.moratoriumId, b.moratoriumId));
  }

  private effectiveData(eventId: string): Record<string, unknown> | undefined {
    const row = this.timelineRow(eventId);
    if (!row || row.effective === null) return undefined;
    return (row.effective ?? row).data;
  }

  /** Provenance of every cited event, with its correction status as known at the cutoff. */
  evidence(eventIds: Iterable<string>): ReportEvidence[] {
    const out: ReportEvidence[] = [];
    // A global-stream event (e.g. a published model) has no country timeline row: it is left out.
    for (const row of this.timelineRows([...new Set(eventIds)])) {
      const p = row.provenance as Record<string, unknown>;
      out.push({
        eventId: row.eventId,
        type: row.type,
        occurredOn: row.effective?.occurredOn ?? row.occurredOn,
        recordedAt: row.recordedAt,
        position: row.position,
        sourceKind: String(p['sourceKind'] ?? ''),
        reference: String(p['reference'] ?? ''),
        url: (p['url'] as string | undefined) ?? null,
        evidenceStatus: String(p['evidenceStatus'] ?? ''),
        status: row.status,
        correctedBy: row.corrections.map((c) => c.eventId),
      });
    }
    return out.sort((a, b) => byText(a.occurredOn, b.occurredOn) || a.position - b.position);
  }
}
