/** The `onCommit` listeners of an event-store adapter; a failing listener never affects the others or the store. */
export class CommitListeners {
  private readonly listeners = new Set<(lastPosition: number) => void>();

  constructor(
    private readonly onError: (error: unknown) => void = (e) =>
      process.emitWarning(`onCommit listener failed: ${e instanceof Error ? e.stack : String(e)}`),
  ) {}

  add(listener: (lastPosition: number) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  notify(lastPosition: number): void {
    for (const listener of this.listeners) {
      try {
        listener(lastPosition);
      } catch (e) {
        this.onError(e);
      }
    }
  }
}
