import t from 'tap';
import { bearer, provenance, startTestApp } from '../helpers/test-app.js';

/**
 * Read parameters a hostile-input probe found answered wrongly (500s from a response failing its own
 * schema, forged or borrowed cursors accepted, checks skipped on one path): each is now a 400 with
 * a message that says what is wrong, and the well-formed neighbours still answer.
 */
t.test('hostile read parameters: 400 with a clear message, never a 500 or a silent answer', async (t) => {
  const h = await startTestApp({}, { today: () => '2025-01-01' });
  t.teardown(() => h.close());
  const desk = { ...bearer(h.tokens.deskEtSo), 'content-type': 'application/json' };
  const analyst = bearer(h.tokens.analyst);
  let position = 0;
  for (const country of ['ET', 'SO']) {
    for (const n of [1, 2, 3]) {
      const res = await h.app.inject({
        method: 'POST',
        url: `/v1/countries/${country}/requests`,
        headers: desk,
        payload: {
          type: 'ReadmissionRequestSubmitted',
          occurredOn: `2024-02-0${n}`,
          data: { requestId: `${country}-RR-${n}`, caseRef: '9f86d081884c7d659a2feaa0c55ad015', requestingState: 'NL', procedure: 'normal', personCategory: 'own-national' },
          provenance,
        },
      });
      t.equal(res.statusCode, 201, res.body);
      position = res.json().position;
    }
  }
  const get = (url: string) => h.app.inject({ method: 'GET', url, headers: analyst });
  const b64 = (text: string) => Buffer.from(text).toString('base64url');
  const profile = (await get(`/v1/countries/ET/profile?requestsLimit=1&minPosition=${position}`)).json();
  const timeline = (await get(`/v1/countries/ET/timeline?limit=1&minPosition=${position}`)).json();
  t.ok(profile.requests.nextCursor && timeline.nextCursor, 'both reads have a next page');

  const refused: [string, RegExp][] = [
    // 1: asOf years the answer could not name (asOfDate) were a 500.
    ['/v1/countries/ET/profile?asOf=0001-01-01', /asOf: Expected a date from 1900 to 2100/],
    ['/v1/countries/ET/profile?asOf=0099-06-01', /asOf: Expected a date from 1900 to 2100/],
    ['/v1/countries/ET/profile?asOf=0000-01-01T00:00:00Z', /asOf: Expected a date from 1900 to 2100/],
    ['/v1/countries/ET/timeline?asOf=2101-01-01', /asOf: Expected a date from 1900 to 2100/],
    // 2: years beyond the Period pattern were a 500; now one range.
    ['/v1/countries/ET/scorecards/2101', /year must be a whole number from 1900 to 2100/],
    ['/v1/countries/ET/scorecards/1899', /year must be a whole number from 1900 to 2100/],
    // 3: minPosition beyond the log's end is a 400 with asOf too.
    ['/v1/countries/ET/profile?asOf=2030-01-01&minPosition=99999999', /Position 99999999 has not been recorded yet/],
    ['/v1/countries/ET/timeline?asOf=2030-01-01&minPosition=99999999', /Position 99999999 has not been recorded yet/],
    ['/v1/countries/ET/scorecards/2024?asOf=2030-01-01&minPosition=99999999', /Position 99999999 has not been recorded yet/],
    // 4: an unknown family lists the valid ones.
    ['/v1/countries/ET/timeline?family=foo', /family must be one of dialogues, instruments, visa-measures, requests, return-operations, statistics, corrections/],
    // 5: forged and borrowed cursors.
    [`/v1/countries/ET/timeline?cursor=${b64('9999-99-99|1')}`, /Invalid timeline cursor/],
    [`/v1/countries/ET/timeline?cursor=${b64('2017-02-30|1')}`, /Invalid timeline cursor/],
    [`/v1/countries/ET/timeline?cursor=${b64('0000-00-00|0')}`, /Invalid timeline cursor/],
    [`/v1/countries/ET/timeline?cursor=${b64('ET|2017-02-30|1')}`, /Invalid timeline cursor/],
    [`/v1/countries/ET/timeline?cursor=${b64('ET|0000-00-00|0')}`, /Invalid timeline cursor/],
    [`/v1/countries/SO/timeline?cursor=${timeline.nextCursor}`, /Invalid timeline cursor: it belongs to the timeline of ET, not SO/],
    [`/v1/countries/ET/timeline?cursor=${profile.requests.nextCursor}`, /Invalid timeline cursor/],
    [`/v1/countries/SO/profile?requestsCursor=${profile.requests.nextCursor}`, /Invalid requests cursor: it belongs to the profile of ET, not SO/],
    [`/v1/countries/ET/profile?requestsCursor=${b64('["x","y"]')}`, /Invalid requests cursor/],
    [`/v1/countries/ET/profile?requestsCursor=${b64('["2024-02-04","SO|request|x"]')}`, /Invalid requests cursor: it belongs to the profile of SO, not ET/],
    [`/v1/countries/ET/profile?requestsCursor=${timeline.nextCursor}`, /Invalid requests cursor/],
    // 6: only two ASCII letters are a country (ſ upper-cases to S, ß to SS).
    ['/v1/countries/%C5%BFo/profile', /country: Expected an ISO 3166-1 alpha-2 country code/],
    ['/v1/countries/%C3%9F/profile', /country: Expected an ISO 3166-1 alpha-2 country code/],
    // 7: offsets go up to 23:59.
    ['/v1/countries/ET/profile?asOf=2024-01-01T10:00:00%2B25:00', /asOf: Expected YYYY-MM-DD .* at most 23:59/],
    // 8: limits.
    ['/v1/countries/ET/timeline?limit=1&limit=2', /limit given more than once/],
    ['/v1/countries/ET/timeline?limit=', /limit must be a whole number from 1 to 500/],
    // 9: a range ending before it starts was an empty page, read as "nothing recorded".
    ['/v1/countries/ET/timeline?from=2026-12-01&to=2026-11-01', /^querystring\.to: to must not be before from/],
    ['/v1/countries/ET/timeline?from=2026-12-01&to=2026-11-01&asOf=2030-01-01', /^querystring\.to: to must not be before from/],
  ];
  for (const [url, detail] of refused) {
    const res = await get(url);
    t.equal(res.statusCode, 400, `${url}: ${res.body.slice(0, 300)}`);
    t.match(res.json().detail, detail, url);
    t.match(res.json().code, /^(VALIDATION_FAILED|BAD_REQUEST)$/, url);
  }

  // The neighbours still answer.
  const ok = [
    '/v1/countries/ET/scorecards/2100',
    '/v1/countries/ET/scorecards/2100?quarter=1',
    '/v1/countries/ET/scorecards/1900',
    `/v1/countries/ET/timeline?from=0050-06-01&minPosition=${position}`,
    `/v1/countries/ET/timeline?from=2026-11-12&to=2026-11-12&minPosition=${position}`,
    `/v1/countries/ET/profile?asOf=2030-01-01&minPosition=${position}`,
    '/v1/countries/ET/profile?asOf=2100-12-31T23:00:00-05:00',
    '/v1/countries/et/profile',
    `/v1/countries/ET/timeline?family=requests&cursor=${timeline.nextCursor}`,
  ];
  for (const url of ok) t.equal((await get(url)).statusCode, 200, url);
  const next = (await get(`/v1/countries/ET/profile?requestsLimit=1&requestsCursor=${profile.requests.nextCursor}`)).json();
  t.same(next.requests.openRequests.map((r: { requestId: string }) => r.requestId), ['ET-RR-2'], 'the next page of open requests');
  const page2 = (await get(`/v1/countries/ET/timeline?limit=1&cursor=${timeline.nextCursor}`)).json();
  t.equal(page2.entries[0].data.requestId, 'ET-RR-2', 'the next timeline page');
  t.equal((await get('/v1/countries/IQ/profile')).json().code, 'COUNTRY_NOT_CONFIGURED', 'two letters not configured: still 404');

  // A count beyond the maximum says so.
  for (const count of ['1e308', '9007199254740993']) {
    const res = await h.app.inject({
      method: 'POST',
      url: '/v1/countries/ET/statistics',
      headers: desk,
      payload: `{"type":"ReturnDecisionsReported","occurredOn":"2020-07-22","data":{"period":"2019","reportingScope":"EU27_2020","count":${count},"dataset":"migr_eiord"},"provenance":{"sourceKind":"press","reference":"x","evidenceStatus":"secondary"}}`,
    });
    t.equal(res.statusCode, 400);
    t.equal(res.json().detail, 'body.data.count: A count is at most 100,000,000', count);
  }
  // A fact of an early year is a real date (it was once "Not a real calendar date"), but before the
  // first reporting year: refused as a probable typo of the year, and said so.
  const early = await h.app.inject({
    method: 'POST',
    url: '/v1/countries/ET/dialogues',
    headers: desk,
    payload: { type: 'DialogueTrackOpened', occurredOn: '0050-06-01', data: { trackId: 'ET-NL-1', title: 'x', level: 'senior-officials', format: 'NL-bilateral', parties: ['NL', 'ET'] }, provenance },
  });
  t.equal(early.statusCode, 400, early.body);
  t.equal(early.json().detail, 'body.occurredOn: Expected a date from 1900-01-01 on (check the year)');
});
