import type { ProjectionStatusEntry } from '../projection-runtime/runner.js';

const n = (x: number) => x.toLocaleString('en');

/**
 * One line on where the projections stand while the service catches up at start (a rebuild of a
 * large log takes tens of seconds; the server listens meanwhile), e.g.
 * `Catching up the read models: country-state v5 rebuilding, 350,000 of 1,000,000 events; governance v1 at 1,000,000`.
 */
export function formatCatchUpProgress(status: readonly ProjectionStatusEntry[]): string {
  const head = Math.max(0, ...status.map((s) => s.headPosition));
  const parts = status.map((s) => {
    if (s.rebuild) return `${s.name} v${s.rebuild.version} rebuilding, ${n(s.rebuild.position)} of ${n(head)} events`;
    if (s.state === 'failed') return `${s.name} v${s.version} failed (${s.error ?? 'unknown error'})`;
    return `${s.name} v${s.version} at ${n(s.position)}`;
  });
  return `Catching up the read models: ${parts.join('; ')}`;
}
