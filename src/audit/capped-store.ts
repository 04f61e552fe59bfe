import type { StoredEvent } from '../../contracts/envelope.js';
import type { EventStore, ReadAllOptions } from '../store/port.js';

interface Iterable_ {
  iterateAll(fromPosition?: number, toPosition?: number, options?: { pageSize?: number }): Iterable<StoredEvent>;
}

/**
 * A read-only view of an event store that ends at `cap`: the projection runner fed from it builds
 * read models exactly as of that position, however far the real log has moved on.
 */
export function cappedStore(inner: EventStore, cap: number): EventStore & Partial<Iterable_> {
  const clamp = (to: number | undefined) => Math.min(to ?? cap, cap);
  const view: EventStore & Partial<Iterable_> = {
    kind: `${inner.kind}@${cap}`,
    append: () => Promise.reject(new Error('A capped store view is read-only')),
    readStream: async (streamId, options) => (await inner.readStream(streamId, options)).filter((e) => e.position <= cap),
    readAll: (options: ReadAllOptions = {}) => inner.readAll({ ...options, toPosition: clamp(options.toPosition) }),
    readAllRaw: (options: ReadAllOptions = {}) => inner.readAllRaw({ ...options, toPosition: clamp(options.toPosition) }),
    headPosition: async () => Math.min(await inner.headPosition(), cap),
    streamHeads: () => inner.streamHeads(),
    positionAt: async (at) => Math.min(await inner.positionAt(at), cap),
    findIdempotency: () => Promise.resolve(undefined),
    onCommit: () => () => {},
    close: async () => {},
  };
  const it = (inner as Partial<Iterable_>).iterateAll;
  if (typeof it === 'function') view.iterateAll = (from, to, options) => it.call(inner, from, clamp(to), options);
  return view;
}
