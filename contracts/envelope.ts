import { z } from 'zod';
import { CountryCode, IsoDate, IsoDateTime, Provenance, Sha256Hex } from './common.js';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * A stored event as the adapters return it: readStream and readAll upcast `data` (and schemaVersion)
 * to the current schema version of its type, readAllRaw keeps the stored form. The OpenAPI document
 * types `data` by `type` (contracts/event-docs.ts).
 */
export const StoredEvent = z
  .object({
    eventId: z.uuid(),
    type: z.string(),
    schemaVersion: z.number().int().min(1),
    streamId: z.string(),
    streamRevision: z.number().int().min(0).describe('0-based position in its stream'),
    position: z.number().int().min(1).describe('Global order across all streams'),
    country: CountryCode.nullable().describe('null for global streams (scoring-models, reporting-periods)'),
    occurredOn: IsoDate.describe('When it happened in the world'),
    recordedAt: IsoDateTime.describe('Server UTC time of the append'),
    recordedBy: z.string().describe('Principal id of the token that wrote it'),
    provenance: Provenance,
    correlationId: z.string().optional(),
    causationId: z.string().optional(),
    data: z.record(z.string(), z.unknown()),
    prevHash: Sha256Hex,
    hash: Sha256Hex.describe('sha256(prevHash || canonical JSON of the envelope without hash and position)'),
  })
  .describe('Stored event envelope');
export type StoredEvent = z.infer<typeof StoredEvent>;

export function countryStreamId(country: string): string {
  return `country-${country}`;
}
export const SCORING_MODELS_STREAM = 'scoring-models';
export const REPORTING_PERIODS_STREAM = 'reporting-periods';
