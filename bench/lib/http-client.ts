import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

export interface Reply {
  status: number;
  /** Decoded on first use: a timed request ends when the last byte has arrived, not after the client has turned 2 MB into a string. */
  readonly body: string;
}

/**
 * A plain keep-alive HTTP request (no client library overhead on the measured path). A GET whose
 * reused socket was closed by the server's keep-alive timeout is sent once more on a new one.
 */
export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Default: one shared keep-alive socket, so requests from one client wait for each other; pass another agent to measure beside them. */
  agent?: http.Agent;
}

export async function request(url: string, options: RequestOptions = {}): Promise<Reply> {
  try {
    return await requestOnce(url, options);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if ((options.method ?? 'GET') === 'GET' && (code === 'ECONNRESET' || code === 'EPIPE')) return await requestOnce(url, options);
    throw e;
  }
}

function requestOnce(url: string, options: RequestOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers: options.headers, agent: options.agent ?? agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        let text: string | undefined;
        resolve({
          status: res.statusCode ?? 0,
          get body() {
            return (text ??= Buffer.concat(chunks).toString('utf8'));
          },
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    if (options.body !== undefined) req.end(options.body);
    else req.end();
  });
}

export async function json<T>(url: string, options: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<T> {
  const reply = await request(url, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers: { ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...(options.headers ?? {}) },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  if (reply.status >= 400) throw new Error(`${options.method ?? 'GET'} ${url}: ${reply.status} ${reply.body.slice(0, 500)}`);
  return JSON.parse(reply.body) as T;
}
