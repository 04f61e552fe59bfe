import { maxHeaderSize, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionError, FastifyInstance } from 'fastify';
import { AppError } from '../errors/catalogue.js';
import { toProblem } from './problem.js';

/** The catalogue error for an error Node's HTTP parser or its request timer raised on a connection. */
export function clientErrorToAppError(err: ConnectionError, requestTimeoutMs: number): AppError {
  switch (err.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new AppError('REQUEST_TIMEOUT', `The request did not arrive in full within ${requestTimeoutMs / 1000} s (RCM_REQUEST_TIMEOUT_MS)`);
    case 'HPE_HEADER_OVERFLOW':
      return new AppError('HEADERS_TOO_LARGE', `The request line and headers exceed ${maxHeaderSize} bytes`);
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return new AppError('PAYLOAD_TOO_LARGE', 'The chunk extensions of the body are too large');
    default: {
      // llhttp's reason is a fixed text such as "Invalid method encountered"; never the client's bytes.
      const reason = (err as { reason?: unknown }).reason;
      const why = typeof reason === 'string' && /^[\x20-\x7e]{1,120}$/.test(reason) ? `: ${reason}` : '';
      return new AppError('BAD_REQUEST', `The request is not well-formed HTTP/1.1${why}`);
    }
  }
}

/**
 * fastify's `clientErrorHandler`: errors raised before a request reaches fastify (over-long headers,
 * a malformed request line, a request not in full within RCM_REQUEST_TIMEOUT_MS) are answered with
 * problem+json like every other error. There is no reply object: the answer is written raw on the
 * socket, which is then closed (the parser cannot go on after such an error).
 */
export function makeClientErrorHandler(requestTimeoutMs: number) {
  return function clientErrorHandler(this: FastifyInstance, err: ConnectionError, socket: Socket): void {
    // A reset or already closed connection has no one to answer.
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    const problem = toProblem(clientErrorToAppError(err, requestTimeoutMs));
    this.log.debug({ err, code: problem.code }, 'client error');
    // As Node does: no answer if one is already being written on this connection (it would corrupt it).
    const current = (socket as Socket & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
    if (socket.writable && !current?.headersSent) {
      const body = JSON.stringify(problem);
      socket.write(
        `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? ''}\r\n` +
          'Content-Type: application/problem+json\r\n' +
          `Content-Length: ${Buffer.byteLength(body)}\r\n` +
          'Connection: close\r\n\r\n' +
          body,
      );
    }
    socket.destroy(err);
  };
}
