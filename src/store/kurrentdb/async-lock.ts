/** Runs tasks one at a time, in call order (a promise chain); a failing task does not block the next. */
export class AsyncLock {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves when every task started so far has settled. */
  async idle(): Promise<void> {
    await this.tail;
  }
}
