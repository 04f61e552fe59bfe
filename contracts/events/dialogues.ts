import { z } from 'zod';
import { EntityId, FactDate, LongText, ShortText } from '../common.js';
import { defineEvent } from './define.js';

const IndicatorCode = z.enum(['A', 'B', 'C', 'D1', 'D2', 'D3', 'D4']);

export const DialogueTrackOpened = defineEvent(
  'DialogueTrackOpened',
  'dialogues',
  z
    .object({
      trackId: EntityId,
      title: ShortText,
      level: z.enum(['political', 'senior-officials', 'technical', 'operational']),
      format: z.enum(['NL-bilateral', 'EU', 'Benelux', 'Team-Europe']),
      parties: z.array(ShortText).min(1).max(50),
    })
    .strict(),
  'A migration dialogue track was opened with the partner.',
);

/**
 * Version 1 stored `participants` and `topics` as one comma-separated string each; version 2 uses
 * arrays. Old events are upcast on read.
 */
export const DialogueSessionHeld = defineEvent(
  'DialogueSessionHeld',
  'dialogues',
  z
    .object({
      trackId: EntityId,
      location: ShortText.optional(),
      participants: z.array(ShortText).max(100).default([]),
      topics: z.array(ShortText).max(100).default([]),
      outcomeSummary: LongText,
    })
    .strict(),
  'A session of a dialogue track took place (occurredOn is the session date).',
  {
    schemaVersion: 2,
    upcasters: {
      1: (data) => {
        const split = (v: unknown) =>
          typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter((s) => s.length > 0) : v;
        return { ...data, participants: split(data['participants'] ?? ''), topics: split(data['topics'] ?? '') };
      },
    },
  },
);

export const DialogueCommitmentRecorded = defineEvent(
  'DialogueCommitmentRecorded',
  'dialogues',
  z
    .object({
      commitmentId: EntityId,
      trackId: EntityId,
      owner: z.enum(['partner', 'NL', 'EU']),
      description: LongText,
      dueDate: FactDate.optional(),
      indicatorLink: IndicatorCode.optional(),
    })
    .strict(),
  'A commitment made in a dialogue track.',
);

export const DialogueCommitmentFulfilled = defineEvent(
  'DialogueCommitmentFulfilled',
  'dialogues',
  z.object({ commitmentId: EntityId, note: LongText.optional() }).strict(),
  'A recorded commitment was assessed as fulfilled.',
);

export const DialogueCommitmentLapsed = defineEvent(
  'DialogueCommitmentLapsed',
  'dialogues',
  z.object({ commitmentId: EntityId, note: LongText.optional() }).strict(),
  'A recorded commitment was assessed as not fulfilled (lapsed).',
);

export const dialogueEvents = [
  DialogueTrackOpened,
  DialogueSessionHeld,
  DialogueCommitmentRecorded,
  DialogueCommitmentFulfilled,
  DialogueCommitmentLapsed,
] as const;
