import { freezeOf, latestClosedYear } from '../../projections/governance/freeze.js';
import { closuresAt } from '../as-of/governance-at.js';
import type { EventStore } from '../store/port.js';

export interface ClosedYearPreparerOptions {
  store: EventStore;
  /** Builds what the first request for the year would: its annual report, and so the as-of views behind its frozen answers. */
  prepare: (year: number, signal: AbortSignal) => Promise<void>;
  log: { info(o: object, msg: string): void; warn(o: object, msg: string): void };
  /** New commits are looked at this long after the first of them (at most once per interval, whatever the ingest rate). */
  settleMs?: number;
}

/**
 * A closed year is answered as known at its freeze point, from as-of views that take seconds per
 * country to build at 1,000,000 events (24 s for the first report of five countries). The latest
 * closed year is what preparers and the overview ask for, so it is prepared in the background: once
 * after a start, and again whenever a closure changes which year that is or where it freezes. A
 * preparation that fails is logged and not retried until the next closure or start: the first
 * request then builds what it needs, as without this.
 */
export class ClosedYearPreparer {
  private readonly settleMs: number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private pending = false;
  private unsubscribe: (() => void) | null = null;
  private readonly abort = new AbortController();
  /** The year and closure last prepared (or tried). */
  private prepared: string | null = null;

  constructor(private readonly options: ClosedYearPreparerOptions) {
    this.settleMs = options.settleMs ?? 1000;
  }

  start(): void {
    this.unsubscribe = this.options.store.onCommit(() => this.schedule());
    this.schedule();
  }

  /** Stops following commits and ends a preparation at its next country. */
  async stop(): Promise<void> {
    this.abort.abort();
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Settles once nothing is scheduled or running (tests). */
  async idle(): Promise<void> {
    while (this.timer || this.running) await (this.running ?? new Promise((r) => setTimeout(r, this.settleMs / 4)));
  }

  private schedule(): void {
    if (this.abort.signal.aborted || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.running) {
        this.pending = true;
        return;
      }
      this.running = this.check().finally(() => {
        this.running = null;
        if (this.pending) {
          this.pending = false;
          this.schedule();
        }
      });
    }, this.settleMs);
  }

  private async check(): Promise<void> {
    const { log, store } = this.options;
    let year: number | null = null;
    try {
      const closures = await closuresAt(store);
      year = latestClosedYear(closures);
      if (year === null) return;
      const freeze = freezeOf(closures, year, null)!;
      const key = `${year}|${freeze.eventId}|${freeze.frozenAt}`;
      if (key === this.prepared) return;
      this.prepared = key;
      const began = performance.now();
      await this.options.prepare(year, this.abort.signal);
      const seconds = (performance.now() - began) / 1000;
      log.info({ year, frozenAt: freeze.frozenAt, seconds: Number(seconds.toFixed(3)) }, `Closed year ${year}: its annual report and frozen answers are prepared (${seconds.toFixed(1)} s)`);
    } catch (err) {
      if (this.abort.signal.aborted) return;
      log.warn({ err, year }, `Closed year ${year ?? '?'} could not be prepared in the background; its first request builds what it needs`);
    }
  }
}
