import { z } from 'zod';
import { FactDate, LongText } from '../common.js';
import { defineEvent } from './define.js';

export const EntryCorrected = defineEvent(
  'EntryCorrected',
  'corrections',
  z
    .object({
      correctedEventId: z.uuid().describe('eventId of the fact to correct (as its 201 answered it), of this country; not itself a correction'),
      reason: LongText,
      data: z
        .record(z.string(), z.unknown())
        .describe('The whole corrected data of that fact, every field, not only the changed ones; checked against its event type. Ids of the thing it is about cannot change'),
      occurredOn: FactDate.optional().describe("The corrected occurredOn of that fact, when its date was wrong (the correction's own occurredOn is the date of the correction)"),
    })
    .strict(),
  'Replaces the data (and, with data.occurredOn, the date) of an earlier fact of the same country; history keeps both, and scorecards and the profile use the corrected values. To withdraw a fact entirely, use EntryRetracted.',
);

export const EntryRetracted = defineEvent(
  'EntryRetracted',
  'corrections',
  z.object({ retractedEventId: z.uuid().describe('eventId of the fact to withdraw, of this country; not itself a correction'), reason: LongText }).strict(),
  'Withdraws an earlier fact recorded in error (a duplicate, the wrong country); history keeps both, and scorecards and the profile leave it out. A retraction is final: record the fact again if needed.',
);

export const correctionEvents = [EntryCorrected, EntryRetracted] as const;
