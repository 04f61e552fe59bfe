import { randomUUID } from 'node:crypto';
import t from 'tap';
import { SCORING_MODELS_STREAM, ScoringModelVersionPublished } from '../../../contracts/index.js';
import { scoringModelV1 } from '../../../projections/scoring/model-v1.js';
import { bearer, provenance, startTestApp } from '../../helpers/test-app.js';

const json = { 'content-type': 'application/json' };

async function setup(t: { teardown: (fn: () => unknown) => void }) {
  const h = await startTestApp({}, { today: () => '2025-01-01' });
  t.teardown(() => h.close());
  return { h, ctx: h.ctx };
}

t.test('desk writes, analyst reads with minPosition; scorecard, profile, timeline, governance', async (t) => {
  const { h, ctx } = await setup(t);
  const desk = { ...bearer(h.tokens.deskEtSo), ...json };
  const post = async (family: string, type: string, occurredOn: string, data: Record<string, unknown>) => {
    const res = await h.app.inject({ method: 'POST', url: `/v1/countries/ET/${family}`, headers: desk, payload: { type, occurredOn, data, provenance } });
    t.equal(res.statusCode, 201, `${type}: ${res.body}`);
    return res.json() as { position: number; eventId: string };
  };
  await post('statistics', 'ReturnDecisionsReported', '2020-03-01', { period: '2019', reportingScope: 'EU27_2020', count: 1395, dataset: 'migr_eiord' });
  await post('statistics', 'ReturnsReported', '2020-03-01', { period: '2019', reportingScope: 'EU27_2020', count: 215, destination: 'all', returnType: 'all', dataset: 'migr_eirtn' });
  const last = await post('statistics', 'ReadmissionStatisticsReported', '2020-03-01', { period: '2019', reportingScope: 'EU27_2020', submitted: 985, travelDocsIssued: 41, source: 'COM(2021) 55' });

  const analyst = bearer(h.tokens.analyst);
  const card = await h.app.inject({ method: 'GET', url: `/v1/countries/ET/scorecards/2019?minPosition=${last.position}`, headers: analyst });
  t.equal(card.statusCode, 200, card.body);
  const body = card.json();
  t.equal(body.score, null);
  t.equal(body.reason, 'insufficient-data');
  t.equal(body.indicators.find((i: { code: string }) => i.code === 'B').normalised, 26.6);
  t.equal(body.provisional, true);
  t.equal(body.modelVersion, 1);
  t.ok(body.position >= last.position);

  // A desk outside its scope is refused; a desk inside may read.
  t.equal((await h.app.inject({ method: 'GET', url: '/v1/countries/ET/profile', headers: bearer(h.tokens.deskTn) })).statusCode, 403);
  const profile = await h.app.inject({ method: 'GET', url: '/v1/countries/ET/profile', headers: bearer(h.tokens.deskEtSo) });
  t.equal(profile.statusCode, 200, profile.body);
  t.equal(profile.json().lastActivity.events, 3);

  // Corrections: the timeline keeps both; the scorecard uses the corrected figure.
  const decisions = (await h.app.inject({ method: 'GET', url: '/v1/countries/ET/timeline?family=statistics&limit=1', headers: analyst })).json();
  t.equal(decisions.entries.length, 1);
  t.ok(decisions.nextCursor);
  const target = decisions.entries[0];
  const corr = await h.app.inject({
    method: 'POST',
    url: '/v1/countries/ET/corrections',
    headers: desk,
    payload: { type: 'EntryCorrected', occurredOn: '2020-04-01', data: { correctedEventId: target.eventId, reason: 'Eurostat revision', data: { ...target.data, count: 2150 } }, provenance },
  });
  t.equal(corr.statusCode, 201, corr.body);
  const after = (await h.app.inject({ method: 'GET', url: `/v1/countries/ET/scorecards/2019?minPosition=${corr.json().position}`, headers: analyst })).json();
  t.equal(after.indicators.find((i: { code: string }) => i.code === 'B').denominator, 2150);
  const tl = (await h.app.inject({ method: 'GET', url: `/v1/countries/ET/timeline?minPosition=${corr.json().position}`, headers: analyst })).json();
  const original = tl.entries.find((e: { eventId: string }) => e.eventId === target.eventId);
  t.equal(original.status, 'corrected');
  t.equal(original.corrections[0].eventId, corr.json().eventId);
  t.equal(tl.entries.find((e: { type: string }) => e.type === 'EntryCorrected').target.eventId, target.eventId);

  // Governance: close 2019 (twice -> 409), publish model 2 and recompute with it.
  const admin = { ...bearer(h.tokens.admin), ...json };
  const close = await h.app.inject({ method: 'POST', url: '/v1/periods/2019/close', headers: admin, payload: {} });
  t.equal(close.statusCode, 201, close.body);
  const again = await h.app.inject({ method: 'POST', url: '/v1/periods/2019/close', headers: admin, payload: {} });
  t.equal(again.statusCode, 409);
  t.equal(again.json().code, 'LIFECYCLE_CONFLICT');
  t.equal((await h.app.inject({ method: 'POST', url: '/v1/periods/2019/close', headers: { ...bearer(h.tokens.analyst), ...json }, payload: {} })).statusCode, 403);

  const v2 = { ...scoringModelV1, modelVersion: 2, label: 'Lower threshold', minAvailableWeightShare: 0.5 };
  const wrong = await h.app.inject({ method: 'POST', url: '/v1/scoring-models', headers: admin, payload: { model: { ...v2, modelVersion: 5 }, approvedBy: 'board' } });
  t.equal(wrong.statusCode, 400);
  const pub = await h.app.inject({ method: 'POST', url: '/v1/scoring-models', headers: admin, payload: { model: v2, approvedBy: 'board' } });
  t.equal(pub.statusCode, 201, pub.body);
  const v2card = (await h.app.inject({ method: 'GET', url: `/v1/countries/ET/scorecards/2019?model=2&minPosition=${pub.json().position}`, headers: analyst })).json();
  t.equal(v2card.modelVersion, 2);
  t.equal(v2card.provisional, false, '2019 is closed');
  t.type(v2card.score, 'number', 'with a 50% threshold B and D1 give a score');
  const v1card = (await h.app.inject({ method: 'GET', url: '/v1/countries/ET/scorecards/2019?model=1', headers: analyst })).json();
  t.equal(v1card.score, null, 'model 1 still recomputes as before');
  t.equal((await h.app.inject({ method: 'GET', url: '/v1/countries/ET/scorecards/2019?model=9', headers: analyst })).statusCode, 404);

  const status = (await h.app.inject({ method: 'GET', url: '/v1/projections', headers: analyst })).json();
  t.same(status.projections.map((p: { name: string; state: string; lag: number }) => [p.name, p.state, p.lag]), [['country-state', 'live', 0], ['governance', 'live', 0]]);

  const list = ctx.readSide.countries();
  t.match(list.find((c) => c.code === 'ET'), { latestScore: { year: 2019, modelVersion: 2, score: Number, reason: null, provisional: false } }, 'the list scores with the latest published model');

  const late = await h.app.inject({ method: 'GET', url: '/v1/countries/ET/profile?minPosition=999999', headers: analyst });
  t.equal(late.statusCode, 400, 'a position never recorded is refused at once, not waited for');
  t.match(late.json(), { code: 'BAD_REQUEST', detail: /Position 999999 has not been recorded yet/ });
});

t.test('a computed scorecard is reused until the read models change, then recomputed', async (t) => {
  const { h, ctx } = await setup(t);
  const desk = { ...bearer(h.tokens.deskEtSo), ...json };
  const post = async (type: string, data: Record<string, unknown>) => {
    const res = await h.app.inject({ method: 'POST', url: '/v1/countries/ET/statistics', headers: desk, payload: { type, occurredOn: '2020-03-01', data, provenance } });
    t.equal(res.statusCode, 201, res.body);
    return res.json() as { position: number };
  };
  await post('ReturnDecisionsReported', { period: '2019', reportingScope: 'EU27_2020', count: 1395, dataset: 'migr_eiord' });
  const first = await post('ReturnsReported', { period: '2019', reportingScope: 'EU27_2020', count: 215, destination: 'all', returnType: 'all', dataset: 'migr_eirtn' });
  await ctx.readSide.ready(first.position);
  const a = ctx.readSide.scorecard('ET', 2019, null);
  t.equal(ctx.readSide.scorecard('ET', 2019, null), a, 'the same object while nothing changed');
  t.not(ctx.readSide.scorecard('ET', 2019, null, undefined, { evidence: 'full' }), a, 'another evidence mode is another entry');
  t.equal(a.indicators.find((i) => i.code === 'B')!.numerator, 215);
  const second = await post('ReturnsReported', { period: '2019', reportingScope: 'EU27_2020', count: 300, destination: 'all', returnType: 'all', dataset: 'migr_eirtn' });
  await ctx.readSide.ready(second.position);
  const b = ctx.readSide.scorecard('ET', 2019, null);
  t.not(b, a, 'recomputed once the read models moved');
  t.equal(b.indicators.find((i) => i.code === 'B')!.numerator, 300, 'a revised figure replaces the earlier one');
});

t.test('a model that cannot give a finite score is refused; one recorded before that rule still reads (200)', async (t) => {
  const { h } = await setup(t);
  const desk = { ...bearer(h.tokens.deskEtSo), ...json };
  const admin = { ...bearer(h.tokens.admin), ...json };
  const analyst = bearer(h.tokens.analyst);
  for (const [type, data] of [
    ['ReturnDecisionsReported', { period: '2019', reportingScope: 'EU27_2020', count: 1395, dataset: 'migr_eiord' }],
    ['ReturnsReported', { period: '2019', reportingScope: 'EU27_2020', count: 215, destination: 'all', returnType: 'all', dataset: 'migr_eirtn' }],
  ] as const) {
    const res = await h.app.inject({ method: 'POST', url: '/v1/countries/ET/statistics', headers: desk, payload: { type, occurredOn: '2020-03-01', data, provenance } });
    t.equal(res.statusCode, 201, res.body);
  }
  const zeroWeights = { ...scoringModelV1, modelVersion: 2, indicators: scoringModelV1.indicators.map((i) => ({ ...i, weight: 0 })), requiredIndicators: [], minAvailableWeightShare: 0 };
  const zeroSamples = { ...scoringModelV1, modelVersion: 3, indicators: scoringModelV1.indicators.map((i) => ({ ...i, minSample: 0 })) };

  const refused = await h.app.inject({ method: 'POST', url: '/v1/scoring-models', headers: admin, payload: { model: zeroWeights, approvedBy: 'board' } });
  t.equal(refused.statusCode, 400, refused.body);
  t.match(refused.json(), { code: 'VALIDATION_FAILED', errors: [{ path: 'body.model.indicators', message: /At least one indicator needs a weight above 0/ }] });
  const samples = await h.app.inject({ method: 'POST', url: '/v1/scoring-models', headers: admin, payload: { model: { ...zeroSamples, modelVersion: 2 }, approvedBy: 'board' } });
  t.equal(samples.statusCode, 400, samples.body);
  t.match(samples.json(), { code: 'VALIDATION_FAILED', errors: [{ path: 'body.model.indicators.0.minSample', message: /must be at least 1/ }] });

  // Recorded before the rule (straight into the log, as the old route did): reads must keep answering.
  let last = 0;
  for (const [rev, model] of [zeroWeights, zeroSamples].entries()) {
    const appended = await h.ctx.store.append(SCORING_MODELS_STREAM, rev === 0 ? 'no_stream' : rev - 1, [
      {
        eventId: randomUUID(),
        type: 'ScoringModelVersionPublished',
        schemaVersion: ScoringModelVersionPublished.schemaVersion,
        country: null,
        occurredOn: '2024-12-01',
        recordedBy: 'admin-1',
        provenance: { sourceKind: 'other', reference: `scoring model v${model.modelVersion}`, evidenceStatus: 'confirmed' },
        data: ScoringModelVersionPublished.data.parse({ model, approvedBy: 'board' }) as Record<string, unknown>,
      },
    ]);
    last = appended.events[0]!.position;
  }
  const ok = async (url: string) => {
    const res = await h.app.inject({ method: 'GET', url, headers: analyst });
    t.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
    return res;
  };
  const asOf = encodeURIComponent(new Date().toISOString());
  for (const v of [2, 3]) {
    const card = (await ok(`/v1/countries/ET/scorecards/2019?model=${v}&minPosition=${last}`)).json();
    t.match(card, { modelVersion: v, score: null, reason: 'insufficient-data' }, `model ${v}: no score, not a 500`);
    t.match((await ok(`/v1/countries/ET/scorecards/2019?model=${v}&asOf=${asOf}`)).json(), { modelVersion: v, score: null }, `model ${v} as known now`);
    await ok(`/v1/reports/annual/2019?model=${v}`);
  }
  t.match((await ok('/v1/countries/ET/scorecards/2019')).json(), { modelVersion: 3, score: null, reasonDetail: /Available weight 30% is below 60%/ }, 'the latest model (v3): B alone');
  const list = (await ok('/v1/countries')).json() as { countries: { code: string }[] };
  t.match(list.countries.find((c) => c.code === 'ET'), { latestScore: { year: 2019, modelVersion: 3, score: null } });
  await ok('/v1/reports/annual/2019');
  await ok('/v1/scoring-models');
});

t.test('a period is closed only once it has ended, with a data cutoff after its end and not in the future', async (t) => {
  const { h } = await setup(t); // today: 2025-01-01
  const admin = { ...bearer(h.tokens.admin), ...json };
  const close = (year: string, payload: Record<string, unknown> = {}) => h.app.inject({ method: 'POST', url: `/v1/periods/${year}/close`, headers: admin, payload });
  for (const year of ['2099', '2025']) {
    const res = await close(year);
    t.equal(res.statusCode, 409, res.body);
    t.match(res.json(), { code: 'PERIOD_NOT_ENDED', detail: new RegExp(`Period ${year} ends on ${year}-12-31`) });
  }
  for (const [year, dataCutoff, detail] of [
    ['2019', '2010-01-01', /must fall after the end of period 2019 \(2019-12-31\)/],
    ['2019', '2019-12-31', /must fall after the end/],
    ['2024', '9999-12-31', /9999-12-31 is in the future/],
  ] as const) {
    const res = await close(year, { dataCutoff });
    t.equal(res.statusCode, 409, res.body);
    t.match(res.json(), { code: 'PERIOD_CUTOFF_INVALID', detail });
  }
  const ok = await close('2024', { dataCutoff: '2025-01-01' });
  t.equal(ok.statusCode, 201, ok.body);
  const periods = (await h.app.inject({ method: 'GET', url: `/v1/periods?minPosition=${ok.json().position}`, headers: bearer(h.tokens.analyst) })).json();
  t.match(periods.periods, [{ period: '2024', closedOn: '2025-01-01', dataCutoff: '2025-01-01' }], 'dated by the injected clock; nothing refused was recorded');
  const card = (await h.app.inject({ method: 'GET', url: '/v1/countries/ET/scorecards/2099', headers: bearer(h.tokens.analyst) })).json();
  t.equal(card.provisional, true, 'the future year stays provisional');
});
