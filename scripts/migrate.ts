/**
 * Copies the whole event history from one store to another, keeping event ids, recordedAt,
 * principals, prevHash and hash (and the idempotency records), then verifies the copy.
 *
 *   npm run migrate -- --from sqlite:./data/events.sqlite --to kurrentdb://admin:changeit@127.0.0.1:2113?tls=false
 *   npm run migrate -- --from kurrentdb://... --to sqlite:./restore/events.sqlite
 *   npm run migrate -- --from sqlite:a.sqlite --to sqlite:b.sqlite [--batch 1000] [--from-namespace x-] [--to-namespace y-]
 *
 * Resumable: the target must hold a prefix of the source's global order (checked); the copy
 * continues after it. Stop the API instances writing to the source first. Exit codes: 0 copied
 * and verified, 1 failed (a broken chain, a mismatch, an error), 2 bad arguments.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { GENESIS_HASH, type StoredEvent } from '../contracts/envelope.js';
import { computeEventHash } from '../src/store/hash-chain.js';
import { openKurrentDbEventStore, type KurrentClient, type KurrentDbEventStore, type MetadataClaim } from '../src/store/kurrentdb/index.js';
import { openSqliteDatabase, type SqliteDatabase } from '../src/store/open-sqlite.js';
import type { AppendResult, EventStore, IdempotencyRecord, StreamHead } from '../src/store/port.js';
import { openSqliteEventStore, type SqliteEventStore } from '../src/store/sqlite/index.js';
import { parseCommandLine } from './lib/command-line.js';

const USAGE = `Usage:
  npm run migrate -- --from sqlite:PATH|kurrentdb://... --to sqlite:PATH|kurrentdb://... [--batch N] [--from-namespace X] [--to-namespace Y]
Copies the whole history (ids, times, hashes) and verifies every chain; stop writes to the source first.
`;

export type EndpointSpec = { kind: 'sqlite'; path: string } | { kind: 'kurrentdb'; url: string; namespace: string };

export interface ScopedIdempotency extends IdempotencyRecord {
  scope: string;
  createdAt: string;
}

/** One side of a migration: the store plus what the port does not cover (import, idempotency listing). */
interface Endpoint {
  readonly label: string;
  readonly store: EventStore;
  importEvents(events: readonly StoredEvent[], claims: ReadonlyMap<string, MetadataClaim>): Promise<void>;
  listIdempotency(): Promise<ScopedIdempotency[]>;
  /** Stores records whose events are already copied (SQLite); KurrentDB carries them on the events instead. */
  writeIdempotency(records: readonly ScopedIdempotency[]): Promise<void>;
  close(): Promise<void>;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

export function parseEndpoint(spec: string, namespace = ''): EndpointSpec {
  if (spec.startsWith('sqlite:')) {
    const path = spec.slice('sqlite:'.length);
    if (!path) throw new MigrationError(`No path in "${spec}"`);
    return { kind: 'sqlite', path };
  }
  if (/^(?:kurrentdb|kurrent|esdb|eventstore)(?:\+discover)?:\/\//i.test(spec)) return { kind: 'kurrentdb', url: spec, namespace };
  throw new MigrationError(`"${spec}" is neither sqlite:PATH nor a kurrentdb:// connection string`);
}

function describe(spec: EndpointSpec): string {
  return spec.kind === 'sqlite' ? `sqlite:${spec.path}` : `kurrentdb (${spec.url.replace(/\/\/[^@/]*@/, '//***@')}, namespace "${spec.namespace}")`;
}

class SqliteEndpoint implements Endpoint {
  readonly store: SqliteEventStore;
  private readonly side: SqliteDatabase;

  constructor(readonly label: string, path: string) {
    this.store = openSqliteEventStore({ path });
    // A second connection for the idempotency table, which the port does not list or import.
    this.side = openSqliteDatabase(path);
  }

  async importEvents(events: readonly StoredEvent[]): Promise<void> {
    await this.store.importEvents(events);
  }

  async listIdempotency(): Promise<ScopedIdempotency[]> {
    return this.side
      .prepare<[], { scope: string; requestHash: string; result: string; createdAt: string }>(
        'SELECT scope, request_hash AS requestHash, result, created_at AS createdAt FROM idempotency_keys ORDER BY scope',
      )
      .all()
      .map((r) => ({ scope: r.scope, requestHash: r.requestHash, result: JSON.parse(r.result) as AppendResult, createdAt: r.createdAt }));
  }

  async writeIdempotency(records: readonly ScopedIdempotency[]): Promise<void> {
    const insert = this.side.prepare('INSERT OR IGNORE INTO idempotency_keys (scope, request_hash, result, created_at) VALUES (?, ?, ?, ?)');
    this.side.transaction(() => {
      for (const r of records) insert.run(r.scope, r.requestHash, JSON.stringify(r.result), r.createdAt);
    })();
  }

  async close(): Promise<void> {
    await this.store.close();
    this.side.close();
  }
}

class KurrentEndpoint implements Endpoint {
  constructor(readonly label: string, readonly store: KurrentDbEventStore) {}

  async importEvents(events: readonly StoredEvent[], claims: ReadonlyMap<string, MetadataClaim>): Promise<void> {
    await this.store.importEvents(events, claims);
  }

  async listIdempotency(): Promise<ScopedIdempotency[]> {
    return (await this.store.listIdempotency()).map((r) => ({ ...r, createdAt: r.result.events[0]?.recordedAt ?? '' }));
  }

  async writeIdempotency(): Promise<void> {
    // Claims were written in the metadata of the first event of each claimed append.
  }

  async close(): Promise<void> {
    await this.store.close();
  }
}

async function openEndpoint(spec: EndpointSpec, role: 'source' | 'target', client?: KurrentClient): Promise<Endpoint> {
  const label = `${role} ${describe(spec)}`;
  if (spec.kind === 'sqlite') {
    if (role === 'source' && !existsSync(spec.path)) throw new MigrationError(`Source ${spec.path} does not exist`);
    return new SqliteEndpoint(label, spec.path);
  }
  // A scratch index: it is rebuilt from the log, and the migration must not disturb an instance's own.
  const store = await openKurrentDbEventStore({
    connectionString: spec.url,
    indexPath: ':memory:',
    namespace: spec.namespace,
    subscribe: false,
    ...(client ? { client } : {}),
  });
  return new KurrentEndpoint(label, store);
}

/** Follows every stream's chain across pages of global order (verifyChain needs the whole log in memory). */
export class ChainFollower {
  private readonly heads = new Map<string, { revision: number; hash: string }>();
  checked = 0;

  /** Undefined if the event continues its chain, else what is wrong. */
  check(event: StoredEvent): string | undefined {
    const head = this.heads.get(event.streamId);
    const where = `${event.streamId}@${event.streamRevision} (${event.eventId}, position ${event.position})`;
    if (event.streamRevision !== (head ? head.revision + 1 : 0)) return `${where}: revision gap`;
    if (event.prevHash !== (head ? head.hash : GENESIS_HASH)) return `${where}: prevHash does not link to the previous event`;
    if (computeEventHash(event) !== event.hash) return `${where}: hash does not match the content (altered)`;
    this.heads.set(event.streamId, { revision: event.streamRevision, hash: event.hash });
    this.checked++;
    return undefined;
  }

  streams(): number {
    return this.heads.size;
  }
}

export interface MigrationOptions {
  from: EndpointSpec;
  to: EndpointSpec;
  /** Events per page and import call. Default 1000. */
  batchSize?: number;
  log?: (line: string) => void;
  /** Test hook: called after each copied batch with the target's head; throwing simulates a crash. */
  afterBatch?: (targetHead: number) => void | Promise<void>;
  /** Test hook: the client for kurrentdb endpoints (an in-process stand-in); default: from the connection string. */
  kurrentClient?: KurrentClient;
}

export interface MigrationSummary {
  sourceEvents: number;
  resumedFrom: number;
  copied: number;
  streams: number;
  idempotencyRecords: number;
}

const KEYS: ReadonlyArray<keyof StoredEvent> = ['eventId', 'position', 'streamId', 'streamRevision', 'recordedAt', 'recordedBy', 'prevHash', 'hash'];

async function checkTargetIsPrefix(source: Endpoint, target: Endpoint, targetHead: number, sourceHead: number): Promise<void> {
  if (targetHead === 0) return;
  if (targetHead > sourceHead) throw new MigrationError(`${target.label} has ${targetHead} events, more than the source's ${sourceHead}`);
  const [s] = await source.store.readAllRaw({ fromPosition: targetHead, limit: 1 });
  const [t] = await target.store.readAllRaw({ fromPosition: targetHead, limit: 1 });
  if (!s || !t || s.eventId !== t.eventId || s.hash !== t.hash) {
    throw new MigrationError(`Target event at position ${targetHead} (${t?.eventId}) is not the source's (${s?.eventId}): the target is not a copy in progress`);
  }
  for (const head of await target.store.streamHeads()) {
    const [at] = await source.store.readStream(head.streamId, { fromRevision: head.lastRevision, limit: 1 });
    const raw = at ? (await source.store.readAllRaw({ fromPosition: at.position, limit: 1 }))[0] : undefined;
    if (!raw || raw.hash !== head.lastHash) throw new MigrationError(`Target stream ${head.streamId} head ${head.lastRevision} differs from the source`);
  }
}

function sameHeads(a: StreamHead[], b: StreamHead[]): boolean {
  const key = (h: StreamHead) => `${h.streamId}\u0000${h.lastRevision}\u0000${h.lastHash}`;
  const x = a.map(key).sort();
  const y = b.map(key).sort();
  return x.length === y.length && x.every((k, i) => k === y[i]);
}

/** Copies, then verifies: counts, heads, every event's identity fields, every chain, every idempotency record. */
export async function runMigration(options: MigrationOptions): Promise<MigrationSummary> {
  const batchSize = Math.max(1, Math.trunc(options.batchSize ?? 1000));
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const source = await openEndpoint(options.from, 'source', options.kurrentClient);
  let target: Endpoint | undefined;
  try {
    target = await openEndpoint(options.to, 'target', options.kurrentClient);
    const sourceHead = await source.store.headPosition();
    const resumedFrom = await target.store.headPosition();
    await checkTargetIsPrefix(source, target, resumedFrom, sourceHead);
    log(resumedFrom > 0 ? `Resuming: target holds ${resumedFrom} of ${sourceHead} events` : `Copying ${sourceHead} events`);

    const records = await source.listIdempotency();
    const claims = new Map<string, MetadataClaim>();
    for (const r of records) {
      const first = r.result.events[0];
      if (first) claims.set(first.eventId, { scope: r.scope, requestHash: r.requestHash, eventCount: r.result.events.length });
    }

    const started = Date.now();
    let lastReport = 0;
    let next = resumedFrom + 1;
    while (next <= sourceHead) {
      const page = await source.store.readAllRaw({ fromPosition: next, toPosition: sourceHead, limit: batchSize });
      if (page.length === 0) break;
      await target.importEvents(page, claims);
      next += page.length;
      const done = next - 1;
      if (Date.now() - lastReport >= 2000 || done === sourceHead) {
        lastReport = Date.now();
        const seconds = (Date.now() - started) / 1000;
        const rate = seconds > 0 ? Math.round((done - resumedFrom) / seconds) : 0;
        log(`copied ${done}/${sourceHead} (${((100 * done) / Math.max(1, sourceHead)).toFixed(1)}%, ${rate} events/s)`);
      }
      await options.afterBatch?.(done);
    }
    await target.writeIdempotency(records);

    // ---------------------------------------------------------------- verification
    const targetHead = await target.store.headPosition();
    if (targetHead !== sourceHead) throw new MigrationError(`Count mismatch: source ${sourceHead}, target ${targetHead}`);
    if (!sameHeads(await source.store.streamHeads(), await target.store.streamHeads())) throw new MigrationError('Stream heads differ between source and target');
    const sourceChains = new ChainFollower();
    const targetChains = new ChainFollower();
    for (let from = 1; from <= sourceHead; from += batchSize) {
      const [s, t] = await Promise.all([
        source.store.readAllRaw({ fromPosition: from, limit: batchSize }),
        target.store.readAllRaw({ fromPosition: from, limit: batchSize }),
      ]);
      if (s.length !== t.length) throw new MigrationError(`Page at ${from}: source has ${s.length} events, target ${t.length}`);
      s.forEach((se, i) => {
        const te = t[i] as StoredEvent;
        for (const k of KEYS) {
          if (se[k] !== te[k]) throw new MigrationError(`Position ${se.position}: ${k} differs (source ${String(se[k])}, target ${String(te[k])})`);
        }
        const broken = sourceChains.check(se) ?? targetChains.check(te);
        if (broken) throw new MigrationError(`Broken chain: ${broken}`);
      });
      log(`verified ${Math.min(sourceHead, from + batchSize - 1)}/${sourceHead}`);
    }
    for (const r of records) {
      const copied = await target.store.findIdempotency(r.scope);
      if (!copied || copied.requestHash !== r.requestHash || JSON.stringify(copied.result) !== JSON.stringify(r.result)) {
        throw new MigrationError(`Idempotency record ${r.scope} was not copied intact`);
      }
    }
    const summary = { sourceEvents: sourceHead, resumedFrom, copied: sourceHead - resumedFrom, streams: targetChains.streams(), idempotencyRecords: records.length };
    log(`OK: ${summary.sourceEvents} events in ${summary.streams} streams, chains verified, ${summary.idempotencyRecords} idempotency records`);
    return summary;
  } finally {
    await target?.close();
    await source.close();
  }
}

export async function main(argv: string[]): Promise<number> {
  const { values, exitCode } = parseCommandLine(
    USAGE,
    { from: { type: 'string' }, to: { type: 'string' }, batch: { type: 'string' }, 'from-namespace': { type: 'string' }, 'to-namespace': { type: 'string' } },
    argv,
  );
  if (exitCode !== undefined) return exitCode;
  if (!values.from || !values.to) {
    process.stderr.write(`Both --from and --to are required\n${USAGE}`);
    return 2;
  }
  try {
    const from = parseEndpoint(values.from, values['from-namespace'] ?? '');
    const to = parseEndpoint(values.to, values['to-namespace'] ?? '');
    if (from.kind === 'sqlite' && to.kind === 'sqlite' && from.path === to.path) throw new MigrationError('Source and target are the same file');
    await runMigration({ from, to, ...(values.batch ? { batchSize: Number(values.batch) } : {}) });
    return 0;
  } catch (e) {
    process.stderr.write(`migrate failed: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
