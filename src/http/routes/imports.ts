import { Readable, Transform } from 'node:stream';
import { z } from 'zod';
import { EurostatImportSummary } from '../../../contracts/index.js';
import { eurostatFileExamples } from '../../../contracts/examples/imports.js';
import { AppError } from '../../errors/catalogue.js';
import {
  checkWithCommands,
  loadCountryStatistics,
  parseFilterArgs,
  recordWithCommands,
  runEurostatImport,
} from '../../imports/eurostat/index.js';
import type { RoutePlugin } from '../app.js';
import { fileBody } from '../openapi-headers.js';
import { problemResponses, STORING_PROBLEMS } from '../problem-responses.js';

/** Whole-dataset files are large; the JSON body limit does not apply to this route. */
export const DEFAULT_IMPORT_BODY_LIMIT = 200 * 1024 * 1024;
/** What a gzip body may decompress to (RCM_IMPORT_DECOMPRESSED_LIMIT): as much as a plain body may be. */
export const DEFAULT_IMPORT_DECOMPRESSED_LIMIT = 200 * 1024 * 1024;

/** Content types accepted as a file body; the format itself is recognised from the content. */
export const IMPORT_CONTENT_TYPES = ['text/tab-separated-values', 'text/csv', 'application/gzip', 'application/x-gzip', 'application/octet-stream'];

const ImportQuery = z
  .object({
    geo: z.string().regex(/^[A-Z0-9_]{2,16}$/, 'Expected a reporting scope such as EU27_2020 or NL').optional()
      .describe('Reporting scope (Eurostat geo code); default EU27_2020'),
    freq: z.enum(['A', 'Q']).optional().describe('A annual or Q quarterly; default from the dataset'),
    dataset: z.string().regex(/^[a-z0-9_]{1,40}$/, 'Expected a dataset code such as migr_eiord').optional()
      .describe('Dataset code; required for TSV (which does not name it), checked against SDMX-CSV DATAFLOW'),
    datasetHint: z.string().regex(/^[a-z0-9_]{1,40}$/).optional()
      .describe('Dataset code guessed from the file name; used only when neither the content nor dataset names one'),
    filter: z.union([z.string(), z.array(z.string())]).optional()
      .describe('Dimension filter dim=value, repeatable; overrides the defaults age=TOTAL, sex=T, unit=PER'),
    lastUpdate: z.iso.date().optional().describe("The dataset's last update when the format does not carry it (TSV)"),
    dryRun: z.enum(['true', 'false']).default('false').describe('true: answer the summary, record nothing'),
  })
  .strict();

/**
 * POST /v1/imports/eurostat: the body is the file (TSV or SDMX-CSV, plain or gzip), streamed
 * through the parser; the answer is the import summary. Imports run one at a time per instance,
 * so two uploads of the same file cannot both plan "record" for the same fact. An import whose
 * answer can no longer be delivered (the client went away, or its connection timed out) stops
 * reading and records nothing.
 */
export function makeImportRoutes(options: { bodyLimit?: number; decompressedLimit?: number } = {}): RoutePlugin {
  const bodyLimit = options.bodyLimit ?? DEFAULT_IMPORT_BODY_LIMIT;
  const decompressedLimit = options.decompressedLimit ?? DEFAULT_IMPORT_DECOMPRESSED_LIMIT;
  let queue: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job, job);
    queue = run.catch(() => undefined);
    return run;
  };

  return (app, ctx) => {
    // Leave the body as a stream: it is parsed as it arrives, never buffered whole.
    app.addContentTypeParser(IMPORT_CONTENT_TYPES, (_req, payload, done) => done(null, payload));

    app.post(
      '/v1/imports/eurostat',
      {
        bodyLimit,
        config: { access: { roles: ['analyst', 'admin'] }, accepts: IMPORT_CONTENT_TYPES },
        schema: {
          operationId: 'importEurostat',
          tags: ['imports'],
          ...fileBody(IMPORT_CONTENT_TYPES, 'The Eurostat file as downloaded: TSV or SDMX-CSV, plain or gzip (recognised from the content, not the type)', eurostatFileExamples),
          summary: 'Import a Eurostat return-statistics file (migr_eiord, migr_eirtn, quarterly migr_eiord1, migr_eirtn1)',
          description:
            'Body: the file as downloaded (TSV or SDMX-CSV, plain or gzip; recognised from the content). Records ReturnDecisionsReported / ReturnsReported facts for the configured countries, a correction for a revised value, nothing for an unchanged one. The whole file is validated before anything is recorded.',
          querystring: ImportQuery,
          response: { 200: EurostatImportSummary, ...problemResponses(400, 409, 413, 415, ...STORING_PROBLEMS) },
        },
      },
      async (req, reply) => {
        if (!(req.body instanceof Readable)) {
          throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Send the file with one of the content types ${IMPORT_CONTENT_TYPES.join(', ')}`);
        }
        const declared = Number(req.headers['content-length'] ?? 0);
        if (declared > bodyLimit) throw tooLarge(bodyLimit);
        const q = req.query;
        const filters = parseFilterArgs(q.filter === undefined ? [] : Array.isArray(q.filter) ? q.filter : [q.filter]);
        const input = req.body.pipe(limitBytes(bodyLimit));
        req.body.on('error', (e) => input.destroy(e));
        // The response closing before it was sent means no answer can reach the client any more.
        const gone = new AbortController();
        reply.raw.on('close', () => {
          if (!reply.raw.writableFinished) gone.abort();
        });
        return oneAtATime(() =>
          runEurostatImport({
            input,
            options: { dataset: q.dataset, datasetHint: q.datasetHint, geo: q.geo, freq: q.freq, filters, lastUpdate: q.lastUpdate },
            countries: ctx.config.countries,
            loadFacts: (country) => loadCountryStatistics(ctx.store, country),
            record: recordWithCommands(ctx.commands, req.principal!.id),
            check: checkWithCommands(ctx.commands),
            dryRun: q.dryRun === 'true',
            signal: gone.signal,
            maxDecompressedBytes: decompressedLimit,
          }),
        );
      },
    );
  };
}

export const importRoutes: RoutePlugin = makeImportRoutes();

function tooLarge(limit: number): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `The file is larger than the import limit of ${limit} bytes`);
}

/** Fails the stream once more than `limit` bytes went through (a custom parser skips fastify's own check). */
function limitBytes(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, callback) {
      seen += chunk.length;
      if (seen > limit) callback(tooLarge(limit));
      else callback(null, chunk);
    },
  });
}
