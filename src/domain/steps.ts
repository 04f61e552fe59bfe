/**
 * Long folds written as generators that pause (`yield`) every so many events, so a shell can serve
 * other work between steps while the domain stays synchronous and pure.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs steps to their end without pausing and returns the result. */
export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** A counter that answers true once every `n` calls (never for n = Infinity): where a fold pauses. */
export function everyNth(n: number): () => boolean {
  let count = 0;
  return () => ++count % n === 0;
}
