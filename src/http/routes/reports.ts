import { z } from 'zod';
import { Problem } from '../../../contracts/index.js';
import { AnnualReportQuery } from '../../../contracts/reports.js';
import { buildAnnualReport, renderReport, reportFileName, REPORT_CONTENT_TYPES } from '../../reports/index.js';
import { SnapshotReaders } from '../../reports/snapshot-readers.js';
import type { RoutePlugin } from '../app.js';

/** The annual per-country report (input to the Commission's Article 25a assessment). */
export const reportRoutes: RoutePlugin = (app, ctx) => {
  // Reports read a snapshot of the live read models on connections of their own, yielding between countries.
  const readers = ctx.readModels && !ctx.readModels.memory ? new SnapshotReaders(ctx.readModels.name) : undefined;
  if (readers) app.addHook('onClose', async () => readers.close());
  app.get(
    '/v1/reports/annual/:year',
    {
      config: { access: { roles: ['analyst', 'auditor', 'admin'] } },
      schema: {
        tags: ['reports'],
        summary: 'Annual per-country assessment as JSON, CSV (RFC 4180), Markdown or printable HTML, as known at `asOf`',
        description:
          'Without `asOf` the report reflects everything recorded up to the request (its manifest names the cutoff). ' +
          '`asOf` is a date (end of that day, UTC) or a date-time. The same manifest always gives the same bytes; ' +
          'the `X-Content-Hash` header repeats the manifest content hash.',
        params: z.object({ year: z.coerce.number().int().min(1990).max(2100) }),
        querystring: AnnualReportQuery,
        response: { 200: z.string().describe('The report in the requested format'), 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req, reply) => {
      const { format, asOf, model, evidence } = req.query;
      const live = ctx.readModels ? { db: ctx.readModels, runner: ctx.readSide.runner, waitMs: ctx.config.readWaitMs, ...(readers ? { readers } : {}) } : undefined;
      const report = await buildAnnualReport(ctx.store, { year: req.params.year, countries: ctx.config.countries, asOf, model, evidence, ...(live ? { live } : {}) });
      return reply
        .header('content-type', REPORT_CONTENT_TYPES[format])
        .header('content-disposition', `inline; filename="${reportFileName(report, format)}"`)
        .header('x-content-hash', report.manifest.contentHash)
        .header('x-report-as-of', report.manifest.asOf)
        .header('x-report-position', String(report.manifest.position))
        .send(renderReport(report, format));
    },
  );
};
