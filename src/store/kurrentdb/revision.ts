import { ANY, NO_STREAM, WrongExpectedVersionError, type AppendStreamState, type CurrentStreamState } from '@kurrent/kurrentdb-client';
import { WrongExpectedRevisionError, type ActualRevision } from '../errors.js';
import type { ExpectedRevision } from '../port.js';

/** Our expected revision as the client's `streamState`: `no_stream` -> NO_STREAM, `any` -> ANY, n -> BigInt(n). */
export function toStreamState(expected: ExpectedRevision): AppendStreamState {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream') return NO_STREAM;
  return BigInt(expected);
}

/** A server revision (bigint; the bridge may hand out numbers) as a JS number, refusing what would lose precision. */
export function revisionToNumber(revision: bigint | number): number {
  const n = typeof revision === 'bigint' ? revision : BigInt(revision);
  if (n < 0n || n > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`Stream revision ${n} is outside 0..2^53-1`);
  return Number(n);
}

/**
 * The client's current stream state as ours. Negative revisions are the server's markers for a
 * deleted (-5) or tombstoned (-6) stream; we never delete, so they are reported as `no_stream`.
 */
export function fromCurrentStreamState(state: CurrentStreamState | AppendStreamState | undefined): ActualRevision {
  if (typeof state === 'bigint') return state < 0n ? 'no_stream' : revisionToNumber(state);
  return 'no_stream';
}

/** Maps the client's WrongExpectedVersionError to ours, keeping the expected revision the caller asked for. */
export function mapWrongExpectedVersion(error: unknown, streamId: string, expected: ExpectedRevision): unknown {
  if (error instanceof WrongExpectedVersionError) {
    return new WrongExpectedRevisionError(streamId, expected, fromCurrentStreamState(error.actualState));
  }
  return error;
}
