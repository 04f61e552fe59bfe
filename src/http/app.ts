import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { constants as zlib } from 'node:zlib';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import compress from '@fastify/compress';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import './fastify-augment.js';
import type { AppContext } from '../app/context.js';
import { AppError } from '../errors/catalogue.js';
import authPlugin from './auth-plugin.js';
import { makeClientErrorHandler } from './client-error.js';
import { registerStrictJsonParser } from './json-body.js';
import { transform, transformObject } from './openapi-body.js';
import { sendProblem } from './problem.js';
import { registerProtection } from './protection.js';
import { commandRoutes } from './routes/commands.js';
import { countryRoutes } from './routes/countries.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { healthRoutes } from './routes/health.js';
import { operationsRoutes } from './routes/operations.js';
import { tokenRoutes } from './routes/tokens.js';
import { auditRoutes } from './routes/audit.js';
import { reportRoutes } from './routes/reports.js';
import { makeImportRoutes } from './routes/imports.js';
import { readGovernanceRoutes } from './routes/read-governance.js';
import { readModelRoutes } from './routes/read-models.js';

export type ZodApp = FastifyInstance<any, any, any, any, ZodTypeProvider>;
export type RoutePlugin = (app: ZodApp, ctx: AppContext) => Promise<void> | void;

const routePlugins: RoutePlugin[] = [
  healthRoutes,
  operationsRoutes,
  tokenRoutes,
  countryRoutes,
  commandRoutes,
  readModelRoutes,
  readGovernanceRoutes,
  (app, ctx) => makeImportRoutes({ bodyLimit: ctx.config.importBodyLimit, decompressedLimit: ctx.config.importDecompressedLimit })(app, ctx),
  auditRoutes,
  reportRoutes,
  dashboardRoutes,
];

export async function buildApp(ctx: AppContext, options: { logger?: FastifyServerOptions['logger'] } = {}): Promise<ZodApp> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: ctx.config.bodyLimit,
    // Reject prototype-pollution keys in JSON bodies instead of stripping them silently.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // A client's X-Request-Id is kept only when it is a short plain token: it goes into every log line.
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(given) ? given : crypto.randomUUID();
    },
    // Router errors (malformed URL encoding, over-long parameters) answer problem+json like every other error.
    frameworkErrors: (err, req, reply) => sendProblem(reply, req, err),
    requestTimeout: ctx.config.requestTimeoutMs,
    connectionTimeout: ctx.config.requestTimeoutMs * 2,
    http: {
      requestTimeout: ctx.config.requestTimeoutMs,
      // Node's default (60 s) is kept by fastify, and Node's checker swaps the two timeouts when
      // headersTimeout > requestTimeout: a stalled body was cut only after 60 s, silently (the idle
      // socket timeout came first). Equal, the whole request must arrive within requestTimeout.
      headersTimeout: ctx.config.requestTimeoutMs,
      // Node checks for expired requests every 30 s by default; this answers 408 within ~1 s of the limit.
      connectionsCheckingInterval: Math.ceil(Math.min(1000, ctx.config.requestTimeoutMs / 10)),
    },
    // Errors before a request reaches fastify (431, malformed HTTP, 408) answer problem+json too.
    clientErrorHandler: makeClientErrorHandler(ctx.config.requestTimeoutMs),
    // While closing, requests already on open connections are served (with Connection: close) instead
    // of fastify's non-problem 503 body; the stores close only after the last of them has answered.
    return503OnClosing: false,
  }).withTypeProvider<ZodTypeProvider>();

  // JSON only; routes that take files (imports) register their own parsers in their scope.
  app.removeContentTypeParser('text/plain');
  registerStrictJsonParser(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((err, req, reply) => sendProblem(reply, req, err));
  app.setNotFoundHandler((req, reply) =>
    sendProblem(reply, req, new AppError('NOT_FOUND', `No route ${req.method} ${req.url.split('?')[0]}`)),
  );

  // Request bodies are read as sent (JSON, or an import file whose gzip is detected from its bytes):
  // a Content-Encoding would be ignored (a gzipped body met the JSON parser, a `br` label on plain JSON
  // was recorded), so any coding but identity is refused before the body is read. After onRequest:
  // an unauthenticated request still gets 401 first.
  app.addHook('preParsing', (req, reply, payload, done) => {
    const coding = req.headers['content-encoding'];
    if (coding === undefined || coding.split(',').every((c) => ['', 'identity'].includes(c.trim().toLowerCase()))) {
      done(null, payload);
      return;
    }
    reply.header('accept-encoding', 'identity');
    done(new AppError('UNSUPPORTED_CONTENT_ENCODING', `Content-Encoding ${JSON.stringify(coding.slice(0, 100))} is not accepted; send the body uncompressed`));
  });

  // connectionTimeout closes a connection on which nothing moves for that long: a client that stops
  // reading its answer. But nothing moves either while an answer is still being worked on (a cold
  // annual report at 1,000,000 events: minutes), and Node destroyed such sockets without a word.
  app.addHook('onRequest', (_req, reply, done) => {
    reply.raw.on('timeout', closeIfStalled);
    done();
  });

  // On close, answers still in flight end their keep-alive connections; otherwise those sockets sit
  // idle until keepAliveTimeout (72 s) and hold the shutdown (server.close waits for them).
  let closing = false;
  // Node closes the connections idle when the server closes, once: one whose answer was still in
  // flight then stayed open until keepAliveTimeout (72 s) once idle, and held the shutdown. Swept
  // until the server has closed.
  let sweep: NodeJS.Timeout | undefined;
  app.addHook('preClose', async () => {
    closing = true;
    sweep = setInterval(() => app.server.closeIdleConnections(), 100);
  });
  app.addHook('onClose', async () => clearInterval(sweep));
  // Callback style: an async hook costs a promise per response.
  app.addHook('onSend', (_req, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });

  await registerProtection(app, ctx.config, ctx.tokens);
  // Answers over 1 KB to clients that accept it (browsers do): a 1 MB JSON report is ~0.1 MB gzipped.
  // Brotli at quality 4 is about as fast as gzip; its default (11) took 3.2 s for a 1 MB report.
  // Request bodies are not decompressed: desks post small JSON.
  await app.register(compress, {
    encodings: ['br', 'gzip', 'deflate'],
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } },
    globalDecompression: false,
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Return Cooperation Monitor',
        version: '0.1.0',
        description:
          'Records facts about partner countries\' cooperation on return and readmission as immutable events and projects explainable Article 25a(2) scorecards.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    // jsonSchemaTransform(Object), documenting a body that may be left out as optional.
    transform,
    transformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await app.register(authPlugin, { tokens: ctx.tokens, countries: ctx.config.countries });

  for (const plugin of routePlugins) {
    await app.register(async (scoped) => plugin(scoped as ZodApp, ctx));
  }
  return app as ZodApp;
}

/**
 * A response's socket timed out. Once the answer is being sent, the client has stopped reading it:
 * the socket goes, as Node would do without this listener. Before, the answer is still being worked
 * on: the socket stays (Node destroys a timed-out socket only when nobody listens for the timeout).
 */
function closeIfStalled(this: ServerResponse, socket: Socket): void {
  if (this.headersSent) socket.destroy();
}
