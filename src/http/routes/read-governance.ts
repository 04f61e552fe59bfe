import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  AppendResponse,
  PeriodClosed,
  ReportingYear,
  REPORTING_PERIODS_STREAM,
  SCORING_MODELS_STREAM,
  ScoringModelVersionPublished,
  type StoredEvent,
} from '../../../contracts/index.js';
import { ClosePeriodBody, PublishScoringModelBody } from '../../../contracts/read-models.js';
import { decideClosePeriod } from '../../domain/index.js';
import { AppError } from '../../errors/catalogue.js';
import type { EventStore, NewEvent } from '../../store/port.js';
import type { ZodApp } from '../app.js';
import type { ReadRoutesContext } from './read-models.js';
import { problemResponses, STORING_PROBLEMS } from '../problem-responses.js';

const problems = problemResponses(400, 409, 413, 415, ...STORING_PROBLEMS);

function governanceEvent(type: 'ScoringModelVersionPublished' | 'PeriodClosed', occurredOn: string, data: Record<string, unknown>, principal: string, reference: string): NewEvent {
  const def = type === 'PeriodClosed' ? PeriodClosed : ScoringModelVersionPublished;
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: def.schemaVersion,
    country: null,
    occurredOn,
    recordedBy: principal,
    provenance: { sourceKind: 'other', reference, evidenceStatus: 'confirmed' },
    data: def.data.parse(data) as Record<string, unknown>,
  };
}

async function appendGlobal(store: EventStore, streamId: string, history: StoredEvent[], event: NewEvent) {
  const expected = history.length === 0 ? 'no_stream' : history[history.length - 1]!.streamRevision;
  // A concurrent publish moves the stream: the store answers REVISION_CONFLICT (409) and nothing is appended.
  const result = await store.append(streamId, expected, [event]);
  const e = result.events[0]!;
  return { eventId: e.eventId, type: e.type, streamId, streamRevision: e.streamRevision, position: e.position, recordedAt: e.recordedAt, hash: e.hash };
}

/** Admin commands of the read side: publish a scoring model, close a reporting period. */
export function readGovernanceRoutes(app: ZodApp, ctx: ReadRoutesContext): void {
  app.post(
    '/v1/scoring-models',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        operationId: 'publishScoringModel',
        tags: ['governance'],
        summary: 'Publish a new scoring-model version (model.modelVersion must be the next version)',
        body: PublishScoringModelBody,
        response: { 201: AppendResponse, ...problems },
      },
    },
    async (req, reply) => {
      const history = await ctx.store.readStream(SCORING_MODELS_STREAM);
      const last = Math.max(1, ...history.map((e) => Number((e.data['model'] as { modelVersion: number }).modelVersion)));
      const next = last + 1;
      if (req.body.model.modelVersion !== next) {
        throw new AppError('VALIDATION_FAILED', `The next scoring-model version is ${next}`, [
          { path: 'model.modelVersion', message: `Expected ${next} (published up to ${last})` },
        ]);
      }
      const model = { ...req.body.model, ...(req.body.effectiveFrom ? { effectiveFrom: req.body.effectiveFrom } : {}) };
      const event = governanceEvent(
        'ScoringModelVersionPublished',
        ctx.today(),
        { model, approvedBy: req.body.approvedBy, ...(req.body.note ? { note: req.body.note } : {}) },
        req.principal!.id,
        `scoring model v${next}`,
      );
      const res = await appendGlobal(ctx.store, SCORING_MODELS_STREAM, history, event);
      return reply.code(201).send(res);
    },
  );

  app.post(
    '/v1/periods/:year/close',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        operationId: 'closePeriod',
        tags: ['governance'],
        summary: 'Close a reporting year: its scorecards are no longer provisional',
        description:
          'Final. Only once the year has ended (UTC): 409 PERIOD_NOT_ENDED before. A `dataCutoff` must fall after the ' +
          "year's end and not after today (UTC; the next day is accepted for time zones ahead of UTC): 409 PERIOD_CUTOFF_INVALID otherwise.",
        params: z.object({ year: ReportingYear }),
        // Optional: no body (null to fastify) is {}.
        body: ClosePeriodBody.nullish(),
        response: { 201: AppendResponse, ...problems },
      },
    },
    async (req, reply) => {
      const period = String(req.params.year);
      const history = await ctx.store.readStream(REPORTING_PERIODS_STREAM);
      const fact = decideClosePeriod(history, { period, ...req.body }, ctx.today());
      const event = governanceEvent('PeriodClosed', fact.occurredOn, fact.data, req.principal!.id, `period ${period} closed`);
      const res = await appendGlobal(ctx.store, REPORTING_PERIODS_STREAM, history, event);
      return reply.code(201).send(res);
    },
  );
}
