import { join } from 'node:path';
import { z } from 'zod';
import { ReportingYear } from '../../../contracts/index.js';
import {
  CountryList,
  CountryListQuery,
  type FrozenPeriod,
  CountryProfile,
  ProjectionStatusList,
  ProfileQuery,
  ReadQuery,
  ScorecardQuery,
  ScorecardResponse,
  TimelinePage,
  ScoringModelList,
  ClosedPeriodList,
} from '../../../contracts/read-models.js';
import { AsOfParam, TimelineReadQuery } from '../../../contracts/reports.js';
import type { AppContext } from '../../app/context.js';
import { profileAsOf, scorecardAsOf, timelineAsOf } from '../../as-of/as-of-read-side.js';
import { FrozenScorecards } from '../../as-of/frozen-scorecards.js';
import { closuresAt } from '../../as-of/governance-at.js';
import { parseAsOf } from '../../as-of/parse-as-of.js';
import { asOfCacheFor, closeAsOfCache } from '../../as-of/view-cache.js';
import { freezeOf } from '../../../projections/governance/freeze.js';
import { AppError } from '../../errors/catalogue.js';
import { AnswerCache } from '../answer-cache.js';
import { latestScoreOf, type ReadSide } from '../../projection-runtime/read-side.js';
import { requireRecorded } from '../../projection-runtime/position-waiters.js';
import { SqliteEventStore } from '../../store/sqlite/sqlite-event-store.js';
import type { ZodApp } from '../app.js';
import { CountryParam, requireConfiguredCountry } from '../country-param.js';
import { ACCESS_PROBLEMS, problemResponses, STORING_PROBLEMS } from '../problem-responses.js';

/** What the read routes need besides the lead's AppContext (add `readSide` to AppContext). */
export type ReadRoutesContext = AppContext & { readSide: ReadSide };

const readers = ['desk', 'analyst', 'auditor', 'admin'] as const;
/** Country reads: a bad query, an unknown country, the access problems (403: a desk of other countries). */
/** The country routes take `asOf`: its view is built on disk. */
const countryProblems = problemResponses(400, 404, ...STORING_PROBLEMS);
/** Reads every role may make: no 403. */
const openProblems = problemResponses(400, 401, 429, 503);
/** The country list: a closed latest year is read from an as-known-at view, built on disk. */
const listProblems = problemResponses(400, 401, 429, 503, 507);
/** How long a read waits for `minPosition` before NOT_CAUGHT_UP. */
const WAIT_MS = 5000;

/**
 * Read endpoints over the projections. Every read accepts `minPosition` (read-your-writes): it is
 * answered once the read models have reached that global position, or fails with 503
 * NOT_CAUGHT_UP after a bounded wait.
 */
export function readModelRoutes(app: ZodApp, ctx: ReadRoutesContext, options: { countryList?: boolean } = {}): void {
  const rs = ctx.readSide;
  const answers = new AnswerCache();
  const frozen = new FrozenScorecards(ctx.store);
  // An as-of answer is built from the log itself, so it waits for nothing; a minPosition beyond the
  // log's end is refused all the same, as on every read.
  const asOfReady = async (minPosition: number | undefined) => {
    if (minPosition !== undefined) await requireRecorded(minPosition, () => ctx.store.headPosition());
  };
  // As-of views are cached as files beside the read models (RCM_AS_OF_CACHE_MB, RCM_AS_OF_SNAPSHOT_EVERY).
  asOfCacheFor(ctx.store, {
    dir: join(ctx.config.dataDir, 'as-of-cache'),
    maxBytes: ctx.config.asOfCacheBytes,
    snapshotEvery: ctx.config.asOfSnapshotEvery,
    onWarning: (message) => app.log.warn(message),
    // The embedded log can be opened again from a worker thread, which then folds the views.
    ...(ctx.store instanceof SqliteEventStore ? { eventsPath: ctx.store.path } : {}),
  });
  app.addHook('onClose', async () => closeAsOfCache(ctx.store));

  // Replaces the configured-list handler of routes/countries.ts (same path, enriched answer).
  if (options.countryList !== false) app.get(
    '/v1/countries',
    {
      config: { access: { roles: [...readers] } },
      schema: { operationId: 'listCountries', tags: ['read models'], summary: 'Configured countries with latest score, band and last activity (a desk: its own)', querystring: CountryListQuery, response: { 200: CountryList, ...listProblems } },
    },
    async (req, reply) => {
      await rs.ready(req.query.minPosition, WAIT_MS);
      // A desk sees its own countries only: the answer kept for it is keyed by them.
      const scope = req.principal?.role === 'desk' ? req.principal.countries : null;
      const frozenAsked = req.query.frozen === 'true';
      // A closed latest year is scored as known at its freeze point (as its scorecard is). Those
      // scorecards come from as-of views, which take time to open: the answer is built only once
      // every one it needs is kept, fetched in between (a few rounds at most: one, unless a period
      // is closed or a later year begins meanwhile).
      for (let round = 0; round < 3; round++) {
        const missing: [string, number, FrozenPeriod][] = [];
        const sent = rs.read(() =>
          answers.sendBuilt(reply, rs.stateKey(), `${req.url}|${scope?.join(',') ?? '*'}`, () => {
            const closures = frozenAsked ? rs.closedPeriods() : [];
            const all = rs.countries((code, year) => {
              const freeze = freezeOf(closures, year, null);
              if (!freeze) return undefined;
              const card = frozen.peek(code, year, null, freeze);
              if (!card) missing.push([code, year, freeze]);
              return card && latestScoreOf(year, card);
            });
            return missing.length > 0 ? undefined : { countries: scope ? all.filter((c) => scope.includes(c.code)) : all, position: rs.position() };
          }),
        );
        if (sent) return sent;
        await Promise.all(missing.map(([code, year, freeze]) => frozen.get(code, year, null, freeze)));
      }
      throw new AppError('NOT_CAUGHT_UP', 'The closed years kept changing while the country list was read; retry');
    },
  );

  app.get(
    '/v1/countries/:country/profile',
    {
      config: { access: { roles: [...readers], countryScoped: true } },
      schema: {
        operationId: 'getCountryProfile',
        tags: ['read models'],
        summary: 'Country profile: instruments, visa measures, dialogues, open and overdue requests, operations, moratoria, official finding',
        params: z.object({ country: CountryParam }),
        querystring: ProfileQuery.extend({ asOf: AsOfParam.optional() }),
        response: { 200: CountryProfile, ...countryProblems },
      },
    },
    async (req, reply) => {
      const country = requireConfiguredCountry(ctx.config.countries, req.params.country);
      const page = { requestsLimit: req.query.requestsLimit, requestsCursor: req.query.requestsCursor };
      if (req.query.asOf) {
        await asOfReady(req.query.minPosition);
        return profileAsOf(ctx.store, country, req.query.asOf, page);
      }
      await rs.ready(req.query.minPosition, WAIT_MS);
      const today = rs.today();
      return rs.read(() => answers.send(reply, rs.stateKey(), `${req.url}|${today}`, () => rs.profile(country, today, page)));
    },
  );

  app.get(
    '/v1/countries/:country/timeline',
    {
      config: { access: { roles: [...readers], countryScoped: true } },
      schema: {
        operationId: 'getCountryTimeline',
        tags: ['read models'],
        summary: 'History in occurredOn order; corrections are shown with what they corrected',
        params: z.object({ country: CountryParam }),
        querystring: TimelineReadQuery,
        response: { 200: TimelinePage, ...countryProblems },
      },
    },
    async (req, reply) => {
      const country = requireConfiguredCountry(ctx.config.countries, req.params.country);
      const { from, to, family, limit, cursor, asOf } = req.query;
      if (asOf) {
        await asOfReady(req.query.minPosition);
        return timelineAsOf(ctx.store, country, asOf, { from, to, family, limit, cursor });
      }
      await rs.ready(req.query.minPosition, WAIT_MS);
      return rs.read(() => answers.send(reply, rs.stateKey(), req.url, () => rs.timeline(country, { from, to, family, limit, cursor })));
    },
  );

  app.get(
    '/v1/countries/:country/scorecards/:year',
    {
      config: { access: { roles: [...readers], countryScoped: true } },
      schema: {
        operationId: 'getScorecard',
        tags: ['read models'],
        summary: 'Explained cooperation scorecard of a year or quarter (?quarter=1..4), with any published model (?model=); at most 20 evidence ids per indicator unless ?evidence=full; a closed period as known at its freeze point unless ?frozen=false',
        params: z.object({ country: CountryParam, year: ReportingYear }),
        querystring: ScorecardQuery.extend({ asOf: AsOfParam.optional() }),
        response: { 200: ScorecardResponse, ...countryProblems },
      },
    },
    async (req, reply) => {
      const country = requireConfiguredCountry(ctx.config.countries, req.params.country);
      const { year } = req.params;
      const quarter = req.query.quarter ?? null;
      const options = { evidence: req.query.evidence };
      const frozenAsked = req.query.frozen === 'true';
      const frozenCard = (freeze: FrozenPeriod, requestCutoff?: string) =>
        frozen.get(country, year, quarter, freeze, { modelVersion: req.query.model, requestCutoff, evidence: req.query.evidence });
      if (req.query.asOf) {
        await asOfReady(req.query.minPosition);
        const cutoff = parseAsOf(req.query.asOf);
        // A closure recorded after the cutoff did not exist then: the period is answered as asked, open.
        const freeze = frozenAsked ? freezeOf(await closuresAt(ctx.store, cutoff), year, quarter, cutoff) : null;
        if (freeze) return frozenCard(freeze, cutoff);
        return scorecardAsOf(ctx.store, country, req.query.asOf, year, quarter, req.query.model, options);
      }
      await rs.ready(req.query.minPosition, WAIT_MS);
      // The closures the live read models know (the same read state as a live answer would be cached under).
      const freeze = frozenAsked ? rs.read(() => freezeOf(rs.closedPeriods(), year, quarter)) : null;
      if (freeze) return frozenCard(freeze);
      return rs.read(() =>
        answers.send(reply, rs.stateKey(), req.url, () => ({ ...rs.scorecard(country, req.params.year, req.query.quarter ?? null, req.query.model, options), position: rs.position() })),
      );
    },
  );

  app.get(
    '/v1/projections',
    {
      config: { access: { roles: ['analyst', 'auditor', 'admin'] } },
      schema: { operationId: 'listProjections', tags: ['read models'], summary: 'Projection versions, positions and lag', response: { 200: ProjectionStatusList, ...problemResponses(...ACCESS_PROBLEMS) } },
    },
    async () => {
      const projections = await rs.runner.status();
      return { projections, headPosition: Math.max(0, ...projections.map((p) => p.headPosition)) };
    },
  );

  app.get(
    '/v1/scoring-models',
    {
      config: { access: { roles: [...readers] } },
      schema: { operationId: 'listScoringModels', tags: ['read models'], summary: 'Published scoring-model versions (version 1 is built in)', querystring: ReadQuery, response: { 200: ScoringModelList, ...openProblems } },
    },
    async (req) => {
      await rs.ready(req.query.minPosition, WAIT_MS);
      return { models: rs.models() };
    },
  );

  app.get(
    '/v1/periods',
    {
      config: { access: { roles: [...readers] } },
      schema: { operationId: 'listPeriods', tags: ['read models'], summary: 'Closed reporting periods', querystring: ReadQuery, response: { 200: ClosedPeriodList, ...openProblems } },
    },
    async (req) => {
      await rs.ready(req.query.minPosition, WAIT_MS);
      return { periods: rs.closedPeriods().map(({ period, eventId, closedOn, dataCutoff, recordedAt }) => ({ period, eventId, closedOn, dataCutoff, recordedAt })) };
    },
  );
}
