import type { Response as InjectResponse } from 'light-my-request';
import type { TestApp } from './test-app.js';

/** An example fact to post: its key, route (`/v1/countries/{country}/{family}`), country and, for a correction, the key it corrects. */
export interface ExampleFactToPost {
  key: string;
  path: string;
  country: string;
  target?: string | undefined;
  value: unknown;
}

export interface PostedExample {
  fact: ExampleFactToPost;
  url: string;
  /** The body as posted (a correction with the eventId it corrects). */
  value: unknown;
  res: InjectResponse | null;
  /** Why it was not posted (a correction whose target was not recorded). */
  skipped?: string;
}

/** The Idempotency-Key each example is posted with. */
export const exampleKey = (key: string) => `example:${key}`;

/**
 * Posts example facts in the order they happened (what happens later in the world needs what came
 * before), a correction with the eventId answered for the example it corrects.
 */
export async function postExampleFacts(h: TestApp, headers: Record<string, string>, facts: readonly ExampleFactToPost[]): Promise<PostedExample[]> {
  const order = facts
    .map((fact, index) => ({ fact, index, value: structuredClone(fact.value) as { type: string; occurredOn: string; data: Record<string, unknown> } }))
    .sort((a, b) => a.value.occurredOn.localeCompare(b.value.occurredOn) || a.index - b.index);
  const recorded = new Map<string, string>();
  const posted: PostedExample[] = [];
  for (const { fact, value } of order) {
    const url = fact.path.replace('{country}', fact.country);
    if (fact.target !== undefined) {
      const eventId = recorded.get(fact.target);
      if (eventId === undefined) {
        posted.push({ fact, url, value, res: null, skipped: `corrects ${fact.target}, which is not recorded before it` });
        continue;
      }
      value.data[value.type === 'EntryCorrected' ? 'correctedEventId' : 'retractedEventId'] = eventId;
    }
    // Keyed, so that a test may retry one (the same answer) or reuse its key (refused).
    const res = await h.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': exampleKey(fact.key) }, payload: value });
    if (res.statusCode === 201) recorded.set(fact.key, res.json().eventId);
    posted.push({ fact, url, value, res });
  }
  return posted;
}
