import type { FastifyReply } from 'fastify';

/** Characters of serialised answers kept (a profile is ~28,000, a timeline page of 50 entries ~25,000). */
export const ANSWER_CACHE_CHARS = 16 * 1024 * 1024;

/**
 * Serialised answers of read routes, kept while the read models stay where they were. A profile,
 * timeline page, scorecard or country list is a pure function of the read models, the request's
 * path and query, and (the profile's overdue count) the date, or (a desk's country list) its scope: the first request after each change builds the answer
 * and serialises it through the route's response schema; the next ones send the same bytes without
 * reading, validating or allocating anything. Any committed batch or version switch-over changes
 * the read-model state and empties the cache.
 */
export class AnswerCache {
  private at = '';
  private chars = 0;
  private readonly answers = new Map<string, string>();

  constructor(private readonly maxChars = ANSWER_CACHE_CHARS) {}

  /** Sends the answer to `key` at read-model state `at` (built on a miss). */
  send<R extends FastifyReply>(reply: R, at: string, key: string, build: () => unknown): R {
    return this.sendBuilt(reply, at, key, build)!;
  }

  /** As send(), but `build` may answer undefined (it cannot build the answer yet): nothing is sent or kept, and undefined is returned. */
  sendBuilt<R extends FastifyReply>(reply: R, at: string, key: string, build: () => unknown): R | undefined {
    if (at !== this.at) this.reset(at);
    let body = this.answers.get(key);
    if (body === undefined) {
      const answer = build();
      if (answer === undefined) return undefined;
      body = reply.serialize(answer) as string;
      if (this.chars + body.length > this.maxChars) this.reset(at);
      this.answers.set(key, body);
      this.chars += body.length;
    }
    return reply.type('application/json; charset=utf-8').send(body) as R;
  }

  private reset(at: string): void {
    this.answers.clear();
    this.chars = 0;
    this.at = at;
  }
}
