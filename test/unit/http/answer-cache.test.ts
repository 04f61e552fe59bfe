import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import t from 'tap';
import { z } from 'zod';
import { AnswerCache } from '../../../src/http/answer-cache.js';

/** A route answering through an AnswerCache; `state` and `builds` are the test's levers and counter. */
async function app(maxChars?: number) {
  const cache = new AnswerCache(maxChars);
  const lever = { state: 's1', builds: 0 };
  const f = Fastify().withTypeProvider<ZodTypeProvider>();
  f.setValidatorCompiler(validatorCompiler);
  f.setSerializerCompiler(serializerCompiler);
  f.get('/a/:n', { schema: { params: z.object({ n: z.string() }), response: { 200: z.object({ n: z.string(), built: z.number() }) } } }, async (req, reply) =>
    cache.send(reply, lever.state, req.url, () => ({ n: req.params.n, built: ++lever.builds, secret: 'not in the schema' })),
  );
  await f.ready();
  return { f, lever };
}

t.test('an answer is built and serialised through the route schema once per read-model state', async (t) => {
  const { f, lever } = await app();
  t.teardown(() => f.close());
  const a = await f.inject({ url: '/a/x' });
  t.equal(a.headers['content-type'], 'application/json; charset=utf-8');
  t.same(a.json(), { n: 'x', built: 1 }, 'serialised by the response schema (unknown keys left out)');
  t.equal((await f.inject({ url: '/a/x' })).body, a.body, 'the kept answer');
  t.same((await f.inject({ url: '/a/y' })).json(), { n: 'y', built: 2 }, 'another key');
  t.equal(lever.builds, 2);
  lever.state = 's2';
  t.same((await f.inject({ url: '/a/x' })).json(), { n: 'x', built: 3 }, 'a new state builds anew');
  t.same((await f.inject({ url: '/a/y' })).json(), { n: 'y', built: 4 }, 'and forgets every answer of the old one');
});

t.test('the kept answers stay within their size', async (t) => {
  // Each answer is 20 characters ({"n":"a","built":1}): room for two.
  const { f, lever } = await app(45);
  t.teardown(() => f.close());
  for (const n of ['a', 'b', 'c']) await f.inject({ url: `/a/${n}` });
  t.equal(lever.builds, 3);
  await f.inject({ url: '/a/c' });
  t.equal(lever.builds, 3, 'the last one is kept');
  await f.inject({ url: '/a/a' });
  t.equal(lever.builds, 4, 'the earlier ones were dropped to make room');
});

t.test('a failing build keeps nothing and fails the request', async (t) => {
  const cache = new AnswerCache();
  const f = Fastify();
  let fail = true;
  f.get('/b', async (_req, reply) =>
    cache.send(reply, 's', 'b', () => {
      if (fail) throw new Error('not caught up');
      return { ok: true };
    }),
  );
  t.teardown(() => f.close());
  t.equal((await f.inject({ url: '/b' })).statusCode, 500);
  fail = false;
  t.same((await f.inject({ url: '/b' })).json(), { ok: true });
});
