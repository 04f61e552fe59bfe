import { z } from 'zod';
import { CountryCode, IsoDateTime, Sha256Hex } from './common.js';
import { documentAs } from './documented.js';
import { StoredEvent } from './envelope.js';
import { UpcastEventDoc } from './event-docs.js';
import { tokenExamples } from './examples/admin.js';

export const AppendResponse = z
  .object({
    eventId: z.uuid(),
    type: z.string(),
    streamId: z.string(),
    streamRevision: z.number().int(),
    position: z.number().int(),
    recordedAt: IsoDateTime,
    hash: Sha256Hex,
  })
  .describe('The recorded fact');
export type AppendResponse = z.infer<typeof AppendResponse>;

const eventPage = <E extends z.ZodType>(event: E) =>
  z.object({
    events: z.array(event).describe("Upcast: data lifted to its type's current schema version (the hash covers the stored form, GET /v1/audit/events)"),
    nextRevision: z.number().int().nullable().describe('fromRevision for the next page, null at the end'),
  }).describe("A page of the country's stream");
export const EventPage = documentAs(eventPage(StoredEvent), eventPage(UpcastEventDoc));

export const CountryListEntry = z.object({ code: CountryCode, streamId: z.string() });

export const Role = z.enum(['desk', 'analyst', 'auditor', 'admin']);
export type Role = z.infer<typeof Role>;

export const CreateTokenBody = z
  .object({
    principal: z.string().regex(/^[A-Za-z0-9._@-]{1,64}$/, 'Expected a principal id of 1-64 letters, digits and . _ @ -'),
    role: Role,
    countries: z.array(CountryCode).max(250).optional().describe('Country scope; required for desks'),
    expiresAt: IsoDateTime.optional(),
  })
  .strict()
  .refine((b) => b.role !== 'desk' || (b.countries?.length ?? 0) > 0, {
    message: 'A desk token needs at least one country',
    path: ['countries'],
  })
  // Only desks are scoped by country: countries on another role would be dropped without a word.
  .refine((b) => b.role === 'desk' || (b.countries?.length ?? 0) === 0, {
    message: 'Only desk tokens take countries; analyst, auditor and admin tokens read every country',
    path: ['countries'],
  })
  // Checked when the token is created (the clock at that moment): such a token could never be used.
  .refine((b) => b.expiresAt === undefined || Date.parse(b.expiresAt) > Date.now(), {
    message: 'expiresAt must be in the future',
    path: ['expiresAt'],
  })
  .meta(tokenExamples);
export type CreateTokenBody = z.infer<typeof CreateTokenBody>;

export const TokenInfo = z.object({
  tokenId: z.string(),
  principal: z.string(),
  role: Role,
  countries: z.array(CountryCode),
  createdAt: IsoDateTime,
  expiresAt: IsoDateTime.nullable(),
  revokedAt: IsoDateTime.nullable(),
});
export const CreatedToken = TokenInfo.extend({ token: z.string().describe('Shown once; only its hash is stored') }).describe('The new token, with its secret');
