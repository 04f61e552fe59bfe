import { AppError } from '../errors/catalogue.js';

interface Waiter {
  position: number;
  resolve: () => void;
  reject: (e: unknown) => void;
  timer: NodeJS.Timeout;
}

/** Where the served read models stand: the lowest position every projection has reached, and whether each has a live version. */
export interface Served {
  position: number;
  allLive: boolean;
}

/**
 * Refuses at once (BAD_REQUEST) a position no write has produced yet: waiting for it would only time
 * out. (Every acknowledged append is in the log before its answer is sent, on any instance sharing
 * the log.) Also for reads that wait for nothing, such as as-of answers, built from the log itself.
 */
export async function requireRecorded(position: number, headPosition: () => Promise<number>): Promise<void> {
  const head = await headPosition();
  if (position > head) throw new AppError('BAD_REQUEST', `Position ${position} has not been recorded yet: the log ends at ${head}`);
}

/**
 * Reads waiting until the read models serve a position (read-your-writes), settled by whoever
 * learns that they moved: the runner after its batches, or the main thread's proxy of a runner in
 * a worker thread when the worker says so.
 */
export class PositionWaiters {
  private readonly waiters = new Set<Waiter>();
  /** Set by close(): every later wait fails with it. */
  private closedWith: unknown = null;

  constructor(private readonly served: () => Served) {}

  get size(): number {
    return this.waiters.size;
  }

  /**
   * Resolves once every projection serves at least `position` (and, for position 0, once every
   * projection has a live version). Throws NOT_CAUGHT_UP after `timeoutMs`, and BAD_REQUEST at once
   * for a position beyond the end of the log. `onWait` is told when the read has to wait.
   */
  async waitFor(position: number, timeoutMs: number, headPosition: () => Promise<number>, onWait: () => void): Promise<void> {
    const ready = () => {
      const s = this.served();
      return s.position >= position && s.allLive;
    };
    if (ready()) return;
    await requireRecorded(position, headPosition);
    if (ready()) return;
    if (this.closedWith !== null) throw this.closedWith;
    return new Promise<void>((resolve, reject) => {
      const w: Waiter = {
        position: Math.max(position, 0),
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(w);
          reject(
            new AppError(
              'NOT_CAUGHT_UP',
              `The read models are at position ${this.served().position}; position ${position} was not reached within ${timeoutMs} ms. Retry shortly.`,
            ),
          );
        }, timeoutMs),
      };
      this.waiters.add(w);
      onWait();
    });
  }

  /** Resolves the waiters whose position is now served. */
  settle(): void {
    if (this.waiters.size === 0) return;
    const s = this.served();
    if (!s.allLive) return;
    for (const w of this.waiters) {
      if (s.position >= w.position) {
        clearTimeout(w.timer);
        this.waiters.delete(w);
        w.resolve();
      }
    }
  }

  /** Waits are accepted again (the runner started again). */
  reopen(): void {
    this.closedWith = null;
  }

  /** Rejects every waiting read and every later one until reopen() (the runner stopped). */
  close(error: unknown): void {
    this.closedWith = error;
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.reject(error);
    }
    this.waiters.clear();
  }
}
