import { z } from 'zod';
import { CountryCode, IsoDate, Period } from './common.js';

const Counter = z.number().int().min(0);

/** Answer of POST /v1/imports/eurostat (and what the import:eurostat command prints). */
export const EurostatImportSummary = z
  .object({
    dataset: z.string().describe('Eurostat dataset code, e.g. migr_eiord'),
    format: z.enum(['tsv', 'sdmx-csv']),
    compressed: z.boolean().describe('The file was gzip-compressed'),
    lastUpdate: IsoDate.nullable().describe("The dataset's last update, where the file carries it"),
    geo: z.string().describe('Reporting scope imported'),
    freq: z.enum(['A', 'Q']),
    filters: z.record(z.string(), z.string()).describe('Dimension filters applied (defaults: totals)'),
    dryRun: z.boolean().describe('True: nothing was recorded; the counts say what an import would do'),
    correlationId: z.string().describe('Shared by every event this import recorded'),
    observations: Counter.describe('Observations read from the file'),
    recorded: Counter.describe('New facts'),
    unchanged: Counter.describe('Already recorded with the same value and flags'),
    revised: Counter.describe('Recorded earlier with another value: corrected (EntryCorrected)'),
    skipped: Counter,
    skippedByReason: z.object({
      'not-available': Counter,
      confidential: Counter,
      'aggregate-citizen': Counter,
      'country-not-configured': Counter,
      'filtered-out': Counter,
    }),
    filteredOutBy: z.record(z.string(), Counter).describe('Filtered-out observations by the dimension that excluded them'),
    changes: z.array(
      z.object({
        action: z.enum(['record', 'revise']),
        country: CountryCode,
        period: Period,
        count: Counter,
        flags: z.string(),
        line: z.number().int().min(1).describe('Line of the file'),
        previousCount: Counter.optional(),
        correctedEventId: z.uuid().optional(),
        eventId: z.uuid().optional().describe('The recorded event (absent in a dry run)'),
      }),
    ),
  })
  .describe('What an import of a Eurostat return-statistics file did (or, in a dry run, would do)');
export type EurostatImportSummary = z.infer<typeof EurostatImportSummary>;
