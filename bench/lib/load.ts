import autocannon, { type Request } from 'autocannon';

export interface LoadRun {
  connections: number;
  seconds: number;
  requestsPerSecond: number;
  /** Responses counted by status class. */
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latency: { p50: number; p90: number; p99: number; max: number; mean: number };
  statusCodes: Record<string, number>;
}

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Called for every request: returns its path and body (distinct, valid facts). */
  next?: () => { path: string; body?: string };
  path?: string;
  body?: string;
  /** Requests per second over all connections (default: as fast as the server answers). */
  rate?: number;
}

/**
 * One bounded autocannon run, in this process (the server under test runs in another). Latency
 * figures are autocannon's (1 ms resolution); requests/s is 2xx responses over the duration, so
 * a failing route can never look fast.
 */
export async function load(options: LoadOptions): Promise<LoadRun> {
  const headers = { 'content-type': 'application/json', ...(options.headers ?? {}) };
  const next = options.next;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    pipelining: 1,
    duration: options.seconds,
    timeout: 10,
    ...(options.rate !== undefined ? { overallRate: options.rate } : {}),
    requests: [
      {
        method: options.method ?? 'POST',
        path: options.path ?? '/',
        headers,
        ...(options.body !== undefined ? { body: options.body } : {}),
        ...(next
          ? {
              setupRequest: (req: Request): Request => {
                const n = next();
                return { ...req, path: n.path, ...(n.body !== undefined ? { body: n.body } : {}) };
              },
            }
          : {}),
      },
    ],
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, v] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = (v as { count: number }).count;
  return {
    connections: options.connections,
    seconds: options.seconds,
    requestsPerSecond: result['2xx'] / result.duration,
    ok2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    latency: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: result.latency.mean,
    },
    statusCodes,
  };
}
