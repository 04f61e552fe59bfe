import t from 'tap';
import { bearer, startTestApp } from '../../helpers/test-app.js';

t.test('POST /v1/periods/{year}/close: the body may be left out, and the OpenAPI document says so', async (t) => {
  const h = await startTestApp();
  t.teardown(() => h.close());
  const admin = bearer(h.tokens.admin);
  const bare = await h.app.inject({ method: 'POST', url: '/v1/periods/2017/close', headers: admin });
  t.equal(bare.statusCode, 201, `no body means {}: ${bare.body}`);
  const withBody = await h.app.inject({
    method: 'POST',
    url: '/v1/periods/2018/close',
    headers: { ...admin, 'content-type': 'application/json' },
    payload: { note: 'closed after the annual review' },
  });
  t.equal(withBody.statusCode, 201, withBody.body);
  const wrong = await h.app.inject({ method: 'POST', url: '/v1/periods/2016/close', headers: { ...admin, 'content-type': 'application/json' }, payload: { notes: 'x' } });
  t.equal(wrong.statusCode, 400, 'a body that is given is still validated');
  const stored = await h.ctx.store.readAll();
  t.same(stored.map((e) => [e.type, e.data['period'], e.data['note']]), [['PeriodClosed', '2017', undefined], ['PeriodClosed', '2018', 'closed after the annual review']]);

  await h.app.ready();
  const doc = h.app.swagger() as { paths: Record<string, Record<string, { requestBody?: { required: boolean; content: Record<string, { schema: Record<string, unknown> }> } }>> };
  const close = doc.paths['/v1/periods/{year}/close']!['post']!;
  t.equal(close.requestBody?.required, false, 'documented as optional');
  t.match(close.requestBody?.content['application/json']?.schema, { type: 'object', properties: { note: {}, dataCutoff: {} } }, 'documented as the object, not "object or null"');
  t.notOk(JSON.stringify(doc).includes('x-rcm-optional-body'), 'the internal marker does not reach the document');
  const required = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).filter(([, op]) => op.requestBody?.required === false).map(([m]) => `${m} ${path}`));
  t.same(required, ['post /v1/periods/{year}/close'], 'every other body stays required');
});
