import { closeSync, fdatasync, openSync } from 'node:fs';

/**
 * Makes committed WAL frames durable off the main thread. The event log's connection runs with
 * `synchronous = NORMAL`: COMMIT writes the transaction's frames into the WAL (the OS page cache)
 * and returns without fsync. `afterDurable` then queues the commit's acknowledgement behind an
 * `fdatasync` of the WAL file, which runs on libuv's thread pool, so the event loop keeps parsing
 * and deciding requests while the disk flushes, and everything committed meanwhile rides on the
 * next flush. On disk this is what `synchronous = FULL` leaves after each COMMIT (the WAL header
 * is synced by SQLite itself on every WAL reset); only the thread that waits for it differs.
 *
 * One flush at a time: callbacks registered while one runs wait for the next, which covers every
 * frame committed before it started. A failed flush is final (like PostgreSQL, we cannot know
 * what reached the disk): its callbacks and every later one get the error.
 */
export class WalSync {
  private fd: number | null = null;
  /** Callbacks covered by the flush in progress. */
  private flushing: Array<(error?: Error) => void> | null = null;
  /** Callbacks for commits made after the flush in progress started. */
  private waiting: Array<(error?: Error) => void> = [];
  private failure: Error | null = null;
  flushes = 0;

  constructor(private readonly walPath: string) {}

  /** Calls `done` once everything committed so far is on disk (or with the flush's error). */
  afterDurable(done: (error?: Error) => void): void {
    if (this.failure) {
      done(this.failure);
      return;
    }
    this.waiting.push(done);
    if (!this.flushing) this.flush();
  }

  /** Resolves once everything committed so far is on disk; nothing pending resolves at once. */
  whenDurable(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.waiting.length === 0 && !this.flushing) return Promise.resolve();
    return new Promise((resolve, reject) => {
      // Nothing committed since the flush in progress started: that flush covers it.
      const list = this.waiting.length === 0 && this.flushing ? this.flushing : this.waiting;
      list.push((error) => (error ? reject(error) : resolve()));
    });
  }

  get failed(): Error | null {
    return this.failure;
  }

  private flush(): void {
    const batch = this.waiting;
    this.waiting = [];
    this.flushing = batch;
    let fd: number;
    try {
      fd = this.fd ?? (this.fd = openSync(this.walPath, 'r'));
    } catch (e) {
      this.finish(batch, e instanceof Error ? e : new Error(String(e)));
      return;
    }
    fdatasync(fd, (error) => this.finish(batch, error ?? undefined));
  }

  private finish(batch: Array<(error?: Error) => void>, error: Error | undefined): void {
    this.flushes++;
    this.flushing = null;
    if (error) {
      this.failure = new Error(`fdatasync of ${this.walPath} failed: ${error.message}`, { cause: error });
      const all = [...batch, ...this.waiting];
      this.waiting = [];
      for (const done of all) done(this.failure);
      return;
    }
    for (const done of batch) done();
    if (this.waiting.length > 0) this.flush();
  }

  /** Waits for the flush in progress and any queued one, then closes the file descriptor. */
  async close(): Promise<void> {
    await this.whenDurable().catch(() => {});
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
