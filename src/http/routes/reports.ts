import { z } from 'zod';
import { AnnualReport } from '../../../contracts/annual-report.js';
import { ReportingYear } from '../../../contracts/index.js';
import { AnnualReportQuery } from '../../../contracts/reports.js';
import { buildAnnualReport, renderReport, reportFileName, REPORT_CONTENT_TYPES } from '../../reports/index.js';
import { ClosedYearPreparer } from '../../reports/closed-year-preparer.js';
import { ReportCache } from '../../reports/report-cache.js';
import { SnapshotReaders } from '../../reports/snapshot-readers.js';
import type { RoutePlugin } from '../app.js';
import { responseHeaders } from '../openapi-headers.js';
import { problemResponses, STORING_PROBLEMS } from '../problem-responses.js';

const header = (description: string) => ({ description, schema: { type: 'string' } });
const validators = {
  ETag: header('Weak entity tag of the bytes: W/"<contentHash>.<format>"; send it as If-None-Match to revalidate'),
  'Cache-Control': header('private, no-cache: keep the bytes, revalidate before use'),
  'X-Report-Cache': header('hit, shared or built: whether the body was kept from an earlier request'),
};
const reportHeaders = responseHeaders({
  200: {
    ...validators,
    'Content-Disposition': header('inline, with the report\'s file name'),
    'X-Content-Hash': header("The manifest's contentHash (sha256 hex)"),
    'X-Report-As-Of': header('The recorded-time cutoff the report reflects (RFC 3339)'),
    'X-Report-Position': header('Global position of the last event the report could see'),
  },
  304: validators,
});

/** The report's bytes, under each format's media type (REPORT_CONTENT_TYPES without parameters). */
const reportBodies = {
  description: 'The report in the requested format (UTF-8)',
  content: {
    'application/json': { schema: AnnualReport },
    'text/csv': { schema: z.string().describe('RFC 4180, header row present') },
    'text/markdown': { schema: z.string() },
    'text/html': { schema: z.string().describe('Printable HTML page') },
  },
};

/** The annual per-country report (input to the Commission's Article 25a assessment). */
export const reportRoutes: RoutePlugin = (app, ctx) => {
  // Reports read a snapshot of the live read models on connections of their own, yielding between countries.
  const readers = ctx.readModels && !ctx.readModels.memory ? new SnapshotReaders(ctx.readModels.name) : undefined;
  if (readers) app.addHook('onClose', async () => readers.close());
  const cache = ctx.config.reportCacheBytes > 0 ? new ReportCache(ctx.config.reportCacheBytes) : undefined;
  if (cache) app.addHook('onClose', async () => cache.clear());
  if (ctx.config.prepareClosedYear) {
    // The report a request without options would get (the same cache key), built before anyone asks.
    const preparer = new ClosedYearPreparer({
      store: ctx.store,
      log: app.log,
      prepare: async (year, signal) => {
        await buildAnnualReport(ctx.store, { year, countries: ctx.config.countries, signal, ...(cache ? { cache } : {}) });
      },
    });
    app.addHook('onReady', async () => preparer.start());
    app.addHook('onClose', async () => preparer.stop());
  }
  app.get(
    '/v1/reports/annual/:year',
    {
      config: { access: { roles: ['analyst', 'auditor', 'admin'] } },
      schema: {
        operationId: 'getAnnualReport',
        ...reportHeaders,
        tags: ['reports'],
        summary: 'Annual per-country assessment as JSON, CSV (RFC 4180), Markdown or printable HTML, as known at `asOf`',
        description:
          'Without `asOf` the report reflects everything recorded up to the request; its manifest names the earliest ' +
          'instant of that day with the same events (the later of the day\'s start, UTC, and the last fact\'s recordedAt), ' +
          'so the answer and its ETag stay the same until something is recorded or the day ends. ' +
          '`asOf` is a date (end of that day, UTC) or a date-time. The same manifest always gives the same bytes; ' +
          'the `X-Content-Hash` header repeats the manifest content hash. Bodies are kept between requests while ' +
          'nothing is recorded before the cutoff (`X-Report-Cache`: hit, shared or built); `Cache-Control: no-cache` ' +
          'builds anew. The (weak) `ETag` names the bytes: `If-None-Match` with it answers 304. ' +
          'A closed year is frozen: without `asOf`, or with one at or after the closure was recorded, the report shows what was ' +
          'known at the freeze point (the earlier of the closure and the end of its dataCutoff day), says so in the manifest and in ' +
          "each scorecard (`frozen`), and names the closure's recordedAt as its `asOf` when asked for now; `frozen=false` reports the " +
          'live figures instead. An `asOf` before the closure was recorded answers the year as it then stood, open.',
        params: z.object({ year: ReportingYear }),
        querystring: AnnualReportQuery,
        response: { 200: reportBodies, 304: z.undefined().describe('The bytes named by If-None-Match'), ...problemResponses(400, 404, ...STORING_PROBLEMS) },
      },
    },
    async (req, reply) => {
      const { format, asOf, model, evidence } = req.query;
      const frozen = req.query.frozen === 'true';
      const live = ctx.readModels ? { db: ctx.readModels, runner: ctx.readSide.runner, waitMs: ctx.config.readWaitMs, ...(readers ? { readers } : {}) } : undefined;
      const fresh = /(^|,)\s*no-cache\s*(,|$)/i.test(req.headers['cache-control'] ?? '');
      const report = await buildAnnualReport(ctx.store, { year: req.params.year, countries: ctx.config.countries, asOf, model, evidence, frozen, ...(live ? { live } : {}), ...(cache ? { cache, fresh } : {}) });
      // The manifest fixes the bytes of each format; clients may keep them and revalidate. Weak: the
      // same bytes may travel compressed in more than one way.
      const etag = `W/"${report.manifest.contentHash}.${format}"`;
      reply.header('etag', etag).header('cache-control', 'private, no-cache');
      if (report.cache) reply.header('x-report-cache', report.cache);
      if (matchesETag(req.headers['if-none-match'], etag)) return reply.code(304).send();
      // Bytes go out as they are (fastify serialises objects only); reportBodies documents what they encode.
      const bytes: unknown = renderReport(report, format);
      return reply
        .header('content-type', REPORT_CONTENT_TYPES[format])
        .header('content-disposition', `inline; filename="${reportFileName(report, format)}"`)
        .header('x-content-hash', report.manifest.contentHash)
        .header('x-report-as-of', report.manifest.asOf)
        .header('x-report-position', String(report.manifest.position))
        .send(bytes as string);
    },
  );
};

/** If-None-Match (RFC 9110 13.1.2): `*`, or a list of entity tags compared weakly. */
function matchesETag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(etag));
}
