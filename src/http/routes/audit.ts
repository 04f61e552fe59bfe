import { AuditEventPage, AuditEventsQuery, ChainReport } from '../../../contracts/reports.js';
import type { ChainReport as ChainReportData } from '../../audit/chain-verifier.js';
import { portRawSource } from '../../audit/raw-event-source.js';
import { verifyLog } from '../../audit/verify-log.js';
import type { RoutePlugin } from '../app.js';
import { ACCESS_PROBLEMS, problemResponses } from '../problem-responses.js';


/** Auditor endpoints: the raw global feed and hash-chain verification of every stream. */
export const auditRoutes: RoutePlugin = (app, ctx) => {
  // Requests that arrive while a verification runs share it (its report names the position it
  // covers): a whole log of 1,000,000 events takes ~25 s of work, which must not be multiplied.
  let running: Promise<ChainReportData> | null = null;
  app.get(
    '/v1/audit/events',
    {
      config: { access: { roles: ['auditor', 'admin'] } },
      schema: {
        operationId: 'listAuditEvents',
        tags: ['audit'],
        summary: 'The global event feed (all streams, stored form), paged by position',
        querystring: AuditEventsQuery,
        response: { 200: AuditEventPage, ...problemResponses(400, ...ACCESS_PROBLEMS) },
      },
    },
    async (req) => {
      const { fromPosition, limit } = req.query;
      const events = await ctx.store.readAllRaw({ fromPosition, limit: limit + 1 });
      const page = events.slice(0, limit);
      return {
        events: page,
        nextPosition: events.length > limit ? page[page.length - 1]!.position + 1 : null,
        headPosition: await ctx.store.headPosition(),
      };
    },
  );

  app.get(
    '/v1/audit/verify',
    {
      config: { access: { roles: ['auditor', 'admin'] } },
      schema: {
        operationId: 'verifyAuditChain',
        tags: ['audit'],
        summary: 'Recompute the hash chain of every stream; names the first broken link per stream',
        response: { 200: ChainReport, ...problemResponses(...ACCESS_PROBLEMS) },
      },
    },
    async () =>
      (running ??= verifyLog(portRawSource(ctx.store)).finally(() => {
        running = null;
      })),
  );
};
