import t from 'tap';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { importRoutes } from '../../../src/http/routes/imports.js';
import type { ZodApp } from '../../../src/http/app.js';
import { bearer, startTestApp } from '../../helpers/test-app.js';
import { EIORD_TSV_COUNTS, eiordTsv, eirtnSdmxCsv } from '../../unit/imports/fixtures.js';

const URL = '/v1/imports/eurostat';

/** The real app; the import routes are registered here until the lead's app registers them. */
async function start(env: Record<string, string> = {}) {
  const h = await startTestApp(env);
  await h.app.after();
  if (!h.app.hasRoute({ method: 'POST', url: URL })) {
    await h.app.register(async (scoped) => importRoutes(scoped as ZodApp, h.ctx));
  }
  return h;
}

t.test('POST /v1/imports/eurostat: TSV body, summary, dry run, re-import, roles', async (t) => {
  const h = await start();
  t.teardown(() => h.close());
  const post = (query: string, body: string | Buffer, token = h.tokens.analyst, type = 'text/tab-separated-values') =>
    h.app.inject({ method: 'POST', url: `${URL}${query}`, headers: { ...bearer(token), 'content-type': type }, payload: body });

  const dry = await post('?dataset=migr_eiord&dryRun=true', eiordTsv());
  t.equal(dry.statusCode, 200, dry.body);
  t.match(dry.json(), { ...EIORD_TSV_COUNTS, dryRun: true, dataset: 'migr_eiord', geo: 'EU27_2020', freq: 'A' });
  t.equal(await h.ctx.store.headPosition(), 0, 'dry run records nothing');

  const real = await post('?dataset=migr_eiord', eiordTsv(), h.tokens.admin);
  t.equal(real.statusCode, 200, real.body);
  t.match(real.json(), { recorded: 13, dryRun: false });
  const events = await h.ctx.store.readAll();
  t.equal(events.length, 13);
  t.equal(events[0]!.recordedBy, 'admin-1', 'recorded as the calling principal');

  const again = await post('?dataset=migr_eiord', eiordTsv());
  t.match(again.json(), { recorded: 0, unchanged: 13 });
  t.equal((await h.ctx.store.readAll()).length, 13);

  const desk = await post('?dataset=migr_eiord', eiordTsv(), h.tokens.deskEtSo);
  t.equal(desk.statusCode, 403);
  const anonymous = await h.app.inject({ method: 'POST', url: URL, headers: { 'content-type': 'text/csv' }, payload: 'x' });
  t.equal(anonymous.statusCode, 401);
});

t.test('gzip SDMX-CSV with a filter; malformed files answer 400 naming the line and record nothing', async (t) => {
  const h = await start();
  t.teardown(() => h.close());
  const gz = await h.app.inject({
    method: 'POST',
    url: `${URL}?filter=c_dest%3DTHRD`,
    headers: { ...bearer(h.tokens.analyst), 'content-type': 'application/gzip' },
    payload: gzipSync(eirtnSdmxCsv()),
  });
  t.equal(gz.statusCode, 200, gz.body);
  t.match(gz.json(), { dataset: 'migr_eirtn', compressed: true, format: 'sdmx-csv', recorded: 1, filters: { c_dest: 'THRD' } });
  // application/gzip is the file's type; a Content-Encoding (which would ask the server to decode) is refused.
  const coded = await h.app.inject({
    method: 'POST',
    url: `${URL}?filter=c_dest%3DTHRD`,
    headers: { ...bearer(h.tokens.analyst), 'content-type': 'application/gzip', 'content-encoding': 'gzip' },
    payload: gzipSync(eirtnSdmxCsv()),
  });
  t.equal(coded.statusCode, 415, coded.body);
  t.match(coded.json(), { code: 'UNSUPPORTED_CONTENT_ENCODING' });

  const before = await h.ctx.store.headPosition();
  const bad = await h.app.inject({
    method: 'POST',
    url: `${URL}?dataset=migr_eiord`,
    headers: { ...bearer(h.tokens.analyst), 'content-type': 'application/octet-stream' },
    payload: eiordTsv().replace('19850 ', '19 850 '),
  });
  t.equal(bad.statusCode, 400, bad.body);
  t.match(bad.headers['content-type'], /application\/problem\+json/);
  t.match(bad.json(), { code: 'VALIDATION_FAILED', detail: /^Line 11: "19 850" is not a number/, errors: [{ path: 'line 11' }] });
  t.equal(await h.ctx.store.headPosition(), before, 'nothing recorded');

  const noDataset = await h.app.inject({ method: 'POST', url: URL, headers: { ...bearer(h.tokens.analyst), 'content-type': 'text/tab-separated-values' }, payload: eiordTsv() });
  t.match(noDataset.json(), { status: 400, detail: /pass the dataset code/ });

  const json = await h.app.inject({ method: 'POST', url: `${URL}?dataset=migr_eiord`, headers: { ...bearer(h.tokens.analyst), 'content-type': 'application/json' }, payload: '{}' });
  t.equal(json.statusCode, 415, json.body);
  const text = await h.app.inject({ method: 'POST', url: `${URL}?dataset=migr_eiord`, headers: { ...bearer(h.tokens.analyst), 'content-type': 'text/plain' }, payload: 'x' });
  t.equal(text.statusCode, 415, text.body);
  t.match(text.json().detail, /^Content-Type text\/plain is not accepted here; send text\/tab-separated-values, text\/csv, application\/gzip/, 'names the types the import takes');
});

t.test('a body over the import limit is refused with 413', async (t) => {
  const { makeImportRoutes } = await import('../../../src/http/routes/imports.js');
  const h = await startTestApp();
  t.teardown(() => h.close());
  await h.app.register(async (scoped) => makeImportRoutes({ bodyLimit: 100 })(scoped as ZodApp, h.ctx), { prefix: '/small' });
  const res = await h.app.inject({
    method: 'POST',
    url: `/small${URL}?dataset=migr_eiord`,
    headers: { ...bearer(h.tokens.analyst), 'content-type': 'text/tab-separated-values' },
    payload: eiordTsv(),
  });
  t.equal(res.statusCode, 413, res.body);
  const streamed = await h.app.inject({
    method: 'POST',
    url: `/small${URL}?dataset=migr_eiord`,
    headers: { ...bearer(h.tokens.analyst), 'content-type': 'text/tab-separated-values' },
    payload: Readable.from([eiordTsv()]), // no content-length: the limit is counted as the bytes arrive
  });
  t.equal(streamed.statusCode, 413, streamed.body);
  t.equal(await h.ctx.store.headPosition(), 0);
});

t.test('a gzip body that decompresses past the limit is refused with 413 (dry run too) and records nothing', async (t) => {
  const { makeImportRoutes } = await import('../../../src/http/routes/imports.js');
  const h = await startTestApp();
  t.teardown(() => h.close());
  await h.app.register(async (scoped) => makeImportRoutes({ decompressedLimit: 1024 * 1024 })(scoped as ZodApp, h.ctx), { prefix: '/small' });
  const bomb = gzipSync(Buffer.concat([Buffer.from('freq,unit,citizen,age,sex,geo\\TIME_PERIOD\t2018 \n'), Buffer.alloc(8 * 1024 * 1024, 0x0a), Buffer.from('A,PER,DZ,TOTAL,T,EU27_2020\t777 \n')]), { level: 9 });
  for (const dryRun of ['true', 'false']) {
    const res = await h.app.inject({
      method: 'POST',
      url: `/small${URL}?dataset=migr_eiord&dryRun=${dryRun}`,
      headers: { ...bearer(h.tokens.analyst), 'content-type': 'application/gzip' },
      payload: bomb,
    });
    t.equal(res.statusCode, 413, res.body);
    t.match(res.headers['content-type'], /application\/problem\+json/);
    t.match(res.json(), { code: 'PAYLOAD_TOO_LARGE', detail: /decompresses to more than the import limit of 1048576 bytes/ });
  }
  t.equal(await h.ctx.store.headPosition(), 0);
});

t.test('a fact the country rules refuse: the dry run answers the same 409 as the import, which records nothing', async (t) => {
  const h = await start();
  t.teardown(() => h.close());
  const tsv = 'freq,unit,citizen,age,sex,geo\\TIME_PERIOD\t2019 \t2021 \nA,PER,TN,TOTAL,T,EU27_2020\t1000 \t2000 \n';
  for (const dryRun of ['true', 'false']) {
    const res = await h.app.inject({
      method: 'POST',
      url: `${URL}?dataset=migr_eiord&lastUpdate=2020-01-01&dryRun=${dryRun}`,
      headers: { ...bearer(h.tokens.analyst), 'content-type': 'text/tab-separated-values' },
      payload: tsv,
    });
    t.equal(res.statusCode, 409, res.body);
    t.match(res.json(), { code: 'STATISTICS_PERIOD_IN_FUTURE', detail: /nothing was recorded: line 2 \(TN 2021\)/, errors: [{ path: 'line 2' }] });
  }
  t.equal(await h.ctx.store.headPosition(), 0);
});

t.test('filters named like Object.prototype members are checked like any other', async (t) => {
  const h = await start();
  t.teardown(() => h.close());
  for (const dim of ['constructor', 'toString', 'hasOwnProperty']) {
    const res = await h.app.inject({
      method: 'POST',
      url: `${URL}?dataset=migr_eiord&dryRun=true&filter=${dim}%3Dx`,
      headers: { ...bearer(h.tokens.analyst), 'content-type': 'text/tab-separated-values' },
      payload: eiordTsv(),
    });
    t.equal(res.statusCode, 400, res.body);
    t.match(res.json(), { code: 'VALIDATION_FAILED', detail: new RegExp(`^Filter ${dim}=x: the file has no "${dim}" dimension`) }, dim);
  }
});
