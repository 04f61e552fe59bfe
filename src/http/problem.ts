import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { Problem } from '../../contracts/index.js';
import { AppError, type ErrorCode, type FieldError } from '../errors/catalogue.js';
import { storageFull, STORAGE_FULL_RETRY_S } from '../errors/storage-full.js';

/** Fastify's own error codes mapped onto our catalogue. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
};

export function toProblem(err: unknown, instance?: string): Problem {
  const app = toAppError(err);
  const problem: Problem = {
    type: `https://rcm.invalid/problems/${app.code.toLowerCase().replaceAll('_', '-')}`,
    title: app.title,
    status: app.status,
    code: app.code,
    detail: app.message,
  };
  if (instance) problem.instance = instance;
  if (app.errors) problem.errors = app.errors;
  return problem;
}

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const fe = err as Partial<FastifyError> & { validationContext?: string };
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = fe.validationContext ?? 'body';
    const errors: FieldError[] = err.validation.map((v) => ({
      path: [where, ...v.instancePath.split('/').filter((s) => s.length > 0)].join('.'),
      message: v.message ?? 'invalid',
    }));
    const first = errors[0];
    return new AppError('VALIDATION_FAILED', first ? `${first.path}: ${first.message}` : 'Invalid request', errors);
  }
  const mapped = fe.code ? FASTIFY_CODES[fe.code] : undefined;
  if (mapped) return new AppError(mapped, cleanMessage(fe.message));
  const full = storageFull(err);
  if (full) return full;
  if (fe.statusCode === 429) return new AppError('RATE_LIMITED', fe.message);
  if (fe.statusCode === 503) return new AppError('OVERLOADED', fe.message);
  if (fe.statusCode === 413) return new AppError('PAYLOAD_TOO_LARGE', fe.message);
  if (fe.statusCode === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE', fe.message);
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return new AppError('BAD_REQUEST', cleanMessage(fe.message));
  return new AppError('INTERNAL', 'Internal error; it has been logged');
}

function cleanMessage(m: string | undefined): string | undefined {
  return m?.replace(/^FST_[A-Z_]+:\s*/, '');
}

export function sendProblem(reply: FastifyReply, req: FastifyRequest, err: unknown): FastifyReply {
  const problem = toProblem(mediaTypeNamed(bodyLimitNamed(err, req), req), req.url.split('?')[0]);
  if (problem.status >= 500 && problem.code === 'INTERNAL') req.log.error({ err }, 'unhandled error');
  if (problem.code === 'STORAGE_FULL') {
    req.log.error({ err }, 'the disk of the data directory is full: a write was refused, nothing of it recorded');
    reply.header('retry-after', String(STORAGE_FULL_RETRY_S));
  }
  if (problem.status === 401) reply.header('www-authenticate', 'Bearer realm="rcm"');
  return reply.code(problem.status).type('application/problem+json').send(problem);
}

/** Fastify's "Request body is too large" with the limit the route has: the desk learns how much to cut. */
/** Fastify says only "Unsupported Media Type": name the type sent and the ones the route takes. */
function mediaTypeNamed(err: unknown, req: FastifyRequest): unknown {
  if ((err as Partial<FastifyError>).code !== 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return err;
  const sent = req.headers['content-type'];
  const accepts = req.routeOptions?.config?.accepts ?? ['application/json'];
  return new AppError('UNSUPPORTED_MEDIA_TYPE', `${sent ? `Content-Type ${sent} is` : 'A body without a Content-Type is'} not accepted here; send ${accepts.join(', ')}`);
}

function bodyLimitNamed(err: unknown, req: FastifyRequest): unknown {
  const limit = req.routeOptions?.bodyLimit;
  if ((err as Partial<FastifyError>).code !== 'FST_ERR_CTP_BODY_TOO_LARGE' || limit === undefined) return err;
  return new AppError('PAYLOAD_TOO_LARGE', `The body is larger than this route's limit of ${limit} bytes; nothing was recorded`);
}
