import type { CountryCommand, StoredEvent } from '../../contracts/index.js';
import { eventDefinition } from '../../contracts/events/index.js';
import { decideCorrection, decideFact, evolveCountryInPlace, initialCountryState, isCorrectionType, replayCountry } from '../../src/domain/index.js';
import { todayUtc } from '../../src/commands/command-service.js';
import { verifyChain } from '../../src/store/hash-chain.js';
import { openSqliteEventStore } from '../../src/store/sqlite/index.js';

export interface VerifyReport {
  streams: string[];
  events: number;
}

/**
 * Replays whole streams of a generated file through the domain exactly as the command service
 * decides them: every event's data is parsed with its contract schema, every fact must be accepted
 * by `decideFact` against the state so far (corrections by `decideCorrection` against the history
 * so far, both on `today`), and the hash chain must verify. Throws on the first event the domain
 * would refuse.
 */
export async function verifyHistory(path: string, streamIds: readonly string[], today = todayUtc()): Promise<VerifyReport> {
  const store = openSqliteEventStore({ path });
  let events = 0;
  try {
    for (const streamId of streamIds) {
      const stream = await store.readStream(streamId);
      const chain = verifyChain(stream);
      if (!chain.ok) throw new Error(`${streamId}: hash chain broken at revision ${chain.streamRevision}: ${chain.reason}`);
      const country = streamId.startsWith('country-') ? streamId.slice('country-'.length) : null;
      let state = country ? initialCountryState(country) : null;
      const history: StoredEvent[] = [];
      for (const e of stream) {
        const def = eventDefinition(e.type);
        if (!def) throw new Error(`${streamId}@${e.streamRevision}: unknown type ${e.type}`);
        const parsed = def.data.safeParse(e.data);
        if (!parsed.success) throw new Error(`${streamId}@${e.streamRevision} ${e.type}: ${parsed.error.message}`);
        if (country && state) {
          const command: CountryCommand = { type: e.type, occurredOn: e.occurredOn, data: e.data, provenance: e.provenance };
          try {
            if (isCorrectionType(e.type)) {
              decideCorrection(country, history, command, today);
              history.push(e);
              state = replayCountry(country, history);
            } else {
              decideFact(state, command, today);
              evolveCountryInPlace(state, e);
              history.push(e);
            }
          } catch (err) {
            throw new Error(`${streamId}@${e.streamRevision} ${e.type} (${e.occurredOn}) refused: ${err instanceof Error ? err.message : String(err)}`);
          }
        }
        events++;
      }
    }
  } finally {
    await store.close();
  }
  return { streams: [...streamIds], events };
}
