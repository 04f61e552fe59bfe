import type { ProjectionStatusEntry } from './runner.js';

/**
 * What readers need from whatever feeds the read models: the projection runner in this thread, or
 * the proxy of one in a worker thread (ThreadedProjectionRunner).
 */
export interface ReadModelFeed {
  /** Lowest position every served projection has reached (0 when one has no live version yet). */
  servedPosition(): number;
  /** The live version of each projection that has one. */
  liveVersions(): Map<string, number>;
  /** Read-your-writes: resolves once every projection serves at least `position`. */
  waitForPosition(position: number, timeoutMs?: number): Promise<void>;
  status(): Promise<ProjectionStatusEntry[]>;
}
