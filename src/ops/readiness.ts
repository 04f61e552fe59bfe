import type { TokenStore } from '../auth/token-store.js';
import type { EventStore } from '../store/port.js';

/** What /ready needs to know about the projections (the projection runner's `status()`). */
export interface ProjectionStatusSource {
  status(): Promise<Array<{ name: string; position: number; headPosition: number; lag: number; state: string; error: string | null }>>;
}

export interface ReadinessDeps {
  store: EventStore;
  tokens: TokenStore;
  /** Absent while the instance runs without a read side: readiness is then "stores open" only. */
  projections?: ProjectionStatusSource | undefined;
  /** Largest projection lag (in events behind the log head) that still counts as caught up. */
  maxProjectionLag: number;
  /** Why the instance sheds requests now (null: it does not). */
  overload: () => string | null;
}

export interface CheckResult {
  ok: boolean;
  detail: string;
}

export interface Readiness {
  ready: boolean;
  checks: { eventStore: CheckResult; authStore: CheckResult; projections: CheckResult; load: CheckResult };
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Readiness = every store answers a trivial read, and every projection is live and within
 * `maxProjectionLag` events of the log head. Each check is independent, so a failing one never
 * hides the others in the answer.
 */
export async function checkReadiness(deps: ReadinessDeps): Promise<Readiness> {
  const eventStore = await check(async () => `open (${deps.store.kind}), head position ${await deps.store.headPosition()}`);
  const authStore = await check(async () => `open, ${deps.tokens.count()} token(s)`);
  const projections = await check(async () => {
    if (!deps.projections) return 'no read side in this instance';
    const entries = await deps.projections.status();
    const behind = entries.filter((p) => p.state === 'failed' || p.lag > deps.maxProjectionLag);
    if (behind.length > 0) {
      throw new Error(
        behind
          .map((p) => `${p.name} ${p.state}${p.error ? ` (${p.error})` : ''} at ${p.position}/${p.headPosition}, lag ${p.lag} > ${deps.maxProjectionLag}`)
          .join('; '),
      );
    }
    return entries.map((p) => `${p.name} at ${p.position}/${p.headPosition}`).join(', ') || 'no projections';
  });
  // An instance that sheds every request (503 OVERLOADED) is not ready to take traffic, though it lives.
  const load = await check(async () => {
    const reason = deps.overload();
    if (reason !== null) throw new Error(reason);
    return 'requests accepted';
  });
  return { ready: eventStore.ok && authStore.ok && projections.ok && load.ok, checks: { eventStore, authStore, projections, load } };
}

async function check(fn: () => Promise<string>): Promise<CheckResult> {
  try {
    return { ok: true, detail: await fn() };
  } catch (e) {
    return { ok: false, detail: message(e) };
  }
}
