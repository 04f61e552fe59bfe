import type { FastifyInstance } from 'fastify';

/**
 * Median app.inject time (µs) of each url over `total` requests each, after 200 warm-up requests
 * each; the urls alternate in blocks of 100 (their order reversed every other block), so that a
 * drift of the host is shared. Returns the last body of each url too. Any status but 200 throws.
 */
export async function injectMedians(app: FastifyInstance, urls: readonly string[], total: number): Promise<Record<string, { median: number; body: string }>> {
  const times = new Map<string, number[]>(urls.map((url) => [url, []]));
  const bodies = new Map<string, string>();
  const request = async (url: string) => {
    const t0 = process.hrtime.bigint();
    const res = await app.inject({ url });
    const took = Number(process.hrtime.bigint() - t0) / 1e3;
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    bodies.set(url, res.body);
    return took;
  };
  for (const url of urls) for (let i = 0; i < 200; i++) await request(url);
  for (let done = 0; done < total; done += 100) {
    for (const url of done % 200 === 0 ? urls : [...urls].reverse()) {
      for (let i = 0; i < 100; i++) times.get(url)!.push(await request(url));
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return Object.fromEntries(urls.map((url) => [url, { median: median(times.get(url)!), body: bodies.get(url)! }]));
}
