import { streamNameFilter, type Filter } from '@kurrent/kurrentdb-client';
import { EVENT_STORE_NAMESPACE } from '../../config/config.js';
import { AppError } from '../../errors/catalogue.js';

/**
 * Our streams on a KurrentDB server: `country-XX`, `scoring-models`, `reporting-periods`, each
 * optionally behind a namespace prefix (`<namespace>country-ET`). The namespace lets several
 * logical stores share one server (the contract tests give every test its own), and is not part
 * of the hashed envelope: `streamId` in our events never carries it, so a chain verifies the
 * same whatever namespace it was written under.
 */
const OUR_STREAM = /^(?:country-[A-Z]{2}|scoring-models|reporting-periods)$/;

/** Throws unless `namespace` is empty or lowercase letters/digits/dashes ending in `-`, `_` or `.`. */
export function checkNamespace(namespace: string): string {
  if (!EVENT_STORE_NAMESPACE.test(namespace)) {
    throw new AppError('BAD_REQUEST', `KurrentDB namespace "${namespace}" must be empty or like "rcm-" (lowercase, ends in - _ or .)`);
  }
  return namespace;
}

export function isOurStreamId(streamId: string): boolean {
  return OUR_STREAM.test(streamId);
}

/** Refuses a stream the $all filter would not see: an event there would never get a position. */
export function serverStreamName(namespace: string, streamId: string): string {
  if (!isOurStreamId(streamId)) {
    throw new AppError('BAD_REQUEST', `Stream ${streamId} is not one of country-XX, scoring-models, reporting-periods`);
  }
  return namespace + streamId;
}

/** Our stream id for a server stream name, or undefined if the name is not one of ours. */
export function ourStreamId(namespace: string, serverName: string): string | undefined {
  if (!serverName.startsWith(namespace)) return undefined;
  const id = serverName.slice(namespace.length);
  return isOurStreamId(id) ? id : undefined;
}

/** Regular-expression source (also valid for .NET, which the server uses) matching exactly our server stream names. */
export function ourStreamsRegex(namespace: string): string {
  const escaped = namespace.replace(/[.]/g, '\\.');
  return `^${escaped}(?:country-[A-Z]{2}|scoring-models|reporting-periods)$`;
}

/**
 * The server-side `$all` filter: stream names, by regex rather than prefixes, because a prefix
 * `scoring-models` would also let `scoring-models-x` through. System streams (`$...`, `$$...`)
 * never match, so system events are skipped by construction. The reader re-checks every event
 * with {@link ourStreamId} anyway.
 */
export function ourStreamsFilter(namespace: string, options: { checkpointInterval?: number } = {}): Filter {
  return streamNameFilter({ regex: ourStreamsRegex(namespace), ...(options.checkpointInterval ? { checkpointInterval: options.checkpointInterval } : {}) });
}
