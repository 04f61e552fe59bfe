import { z } from 'zod';
import { FactDate, LongText } from '../common.js';
import { defineEvent } from './define.js';

export const EntryCorrected = defineEvent(
  'EntryCorrected',
  'corrections',
  z
    .object({
      correctedEventId: z.uuid(),
      reason: LongText,
      /** The full corrected data of the original event, validated against the original event type. */
      data: z.record(z.string(), z.unknown()),
      /** The corrected occurredOn of the original event, when that was wrong. */
      occurredOn: FactDate.optional(),
    })
    .strict(),
  'Replaces the data of an earlier event of the same country; history keeps both.',
);

export const EntryRetracted = defineEvent(
  'EntryRetracted',
  'corrections',
  z.object({ retractedEventId: z.uuid(), reason: LongText }).strict(),
  'Withdraws an earlier event recorded in error; history keeps both.',
);

export const correctionEvents = [EntryCorrected, EntryRetracted] as const;
