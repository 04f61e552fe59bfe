export { KurrentDbEventStore, openKurrentDbEventStore, type ImportClaims, type KurrentClient, type KurrentDbEventStoreOptions } from './kurrentdb-event-store.js';
export { idempotentEventId, uuidV5, RCM_EVENT_ID_NAMESPACE } from './deterministic-id.js';
export { LocalIndex, compareServerPositions, type ServerPosition } from './local-index.js';
export { fromRecordedEvent, toEventData, METADATA_FORMAT, NotOurEventError, type MetadataClaim, type RcmMetadata } from './metadata.js';
export { toStreamState, fromCurrentStreamState, mapWrongExpectedVersion } from './revision.js';
export { ourStreamsFilter, ourStreamsRegex, serverStreamName, ourStreamId, isOurStreamId, checkNamespace } from './stream-names.js';
