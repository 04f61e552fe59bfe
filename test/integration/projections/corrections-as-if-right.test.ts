import t from 'tap';
import { bearer, provenance, startTestApp, type TestApp } from '../../helpers/test-app.js';

/**
 * Issue 3, part 5: a history with mistakes that were later corrected or retracted must give the same
 * read models as the history recorded right in the first place (only ids and positions differ).
 */
const json = { 'content-type': 'application/json' };
const hex = (i: number) => i.toString(16).padStart(32, 'c');

type Fact = { family: string; type: string; occurredOn: string; data: Record<string, unknown> };

function facts(recordedRight: boolean): { facts: Fact[]; fixes: (ids: Map<string, string>) => Fact[] } {
  const list: Fact[] = [
    { family: 'statistics', type: 'ReturnDecisionsReported', occurredOn: '2024-03-01', data: { period: '2023', reportingScope: 'EU27_2020', count: recordedRight ? 2500 : 2000, dataset: 'migr_eiord' } },
    { family: 'statistics', type: 'ReturnsReported', occurredOn: '2024-03-01', data: { period: '2023', reportingScope: 'EU27_2020', count: 300, destination: 'all', returnType: 'all', dataset: 'migr_eirtn' } },
  ];
  for (let i = 0; i < 12; i++) {
    list.push({ family: 'requests', type: 'ReadmissionRequestSubmitted', occurredOn: `2023-02-${String(i + 1).padStart(2, '0')}`, data: { requestId: `R${i}`, caseRef: hex(i), requestingState: 'NL', procedure: 'normal', personCategory: 'own-national' } });
  }
  for (let i = 0; i < 12; i++) {
    const outcome = i % 3 === 0 ? 'rejected' : 'accepted';
    const wrong = !recordedRight && i === 1 ? 'rejected' : outcome; // R1 was first recorded as rejected
    list.push({ family: 'requests', type: 'ReadmissionRequestAnswered', occurredOn: `2023-03-${String(i + 1).padStart(2, '0')}`, data: { requestId: `R${i}`, outcome: wrong } });
  }
  list.push({ family: 'return-operations', type: 'ReturnOperationPlanned', occurredOn: '2023-04-01', data: { operationId: 'OP1', mode: 'scheduled-escorted', plannedDate: '2023-05-01', plannedReturnees: 3, organiser: 'DT&V' } });
  list.push({ family: 'return-operations', type: 'ReturnOperationPlanned', occurredOn: '2023-04-02', data: { operationId: 'OP2', mode: 'national-charter', plannedDate: '2023-06-01', plannedReturnees: 20, organiser: 'DT&V' } });
  if (!recordedRight) {
    // Recorded against the wrong operation, later retracted.
    list.push({ family: 'return-operations', type: 'ReturnOperationCancelled', occurredOn: '2023-04-20', data: { operationId: 'OP1', cause: 'partner-refusal' } });
  }
  list.push({ family: 'return-operations', type: 'ReturnOperationCancelled', occurredOn: '2023-05-20', data: { operationId: 'OP2', cause: 'no-landing-permit' } });
  const fixes = (ids: Map<string, string>): Fact[] =>
    recordedRight
      ? []
      : [
          { family: 'corrections', type: 'EntryCorrected', occurredOn: '2024-04-01', data: { correctedEventId: ids.get('ReturnDecisionsReported')!, reason: 'Wrong figure copied', data: { period: '2023', reportingScope: 'EU27_2020', count: 2500, dataset: 'migr_eiord' } } },
          { family: 'corrections', type: 'EntryCorrected', occurredOn: '2024-04-01', data: { correctedEventId: ids.get('ReadmissionRequestAnswered:R1')!, reason: 'Answer misread', data: { requestId: 'R1', outcome: 'accepted' } } },
          { family: 'corrections', type: 'EntryRetracted', occurredOn: '2024-04-01', data: { retractedEventId: ids.get('ReturnOperationCancelled:OP1')!, reason: 'Wrong operation' } },
        ];
  const executed: Fact = { family: 'return-operations', type: 'ReturnOperationExecuted', occurredOn: '2023-05-01', data: { operationId: 'OP1', returnees: 3, forced: 3, voluntary: 0 } };
  return { facts: recordedRight ? [...list, executed] : list, fixes: (ids) => [...fixes(ids), ...(recordedRight ? [] : [executed])] };
}

async function record(h: TestApp, recordedRight: boolean): Promise<number> {
  const desk = { ...bearer(h.tokens.deskEtSo), ...json };
  const ids = new Map<string, string>();
  let position = 0;
  const post = async (f: Fact) => {
    const res = await h.app.inject({ method: 'POST', url: `/v1/countries/ET/${f.family}`, headers: desk, payload: { type: f.type, occurredOn: f.occurredOn, data: f.data, provenance } });
    if (res.statusCode !== 201) throw new Error(`${f.type}: ${res.body}`);
    const body = res.json() as { eventId: string; position: number };
    const entity = (f.data['requestId'] ?? f.data['operationId']) as string | undefined;
    ids.set(entity ? `${f.type}:${entity}` : f.type, body.eventId);
    position = body.position;
  };
  const plan = facts(recordedRight);
  for (const f of plan.facts) await post(f);
  for (const f of plan.fixes(ids)) await post(f);
  return position;
}

/** Ids, positions and recording times necessarily differ between the two logs. */
function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (/^(eventIds?|evidence|position|minPosition|recordedAt|lastActivity|ids|contributingEventIds)$/i.test(k)) continue;
      out[k] = comparable(v);
    }
    return out;
  }
  return value;
}

t.test('read models after corrections and retractions equal those of a history recorded right', async (t) => {
  const corrected = await startTestApp({}, { today: () => '2024-06-30' });
  const right = await startTestApp({}, { today: () => '2024-06-30' });
  t.teardown(async () => {
    await corrected.close();
    await right.close();
  });
  const p1 = await record(corrected, false);
  const p2 = await record(right, true);
  const get = async (h: TestApp, url: string, pos: number) => {
    const res = await h.app.inject({ method: 'GET', url: `${url}${url.includes('?') ? '&' : '?'}minPosition=${pos}`, headers: bearer(h.tokens.analyst) });
    t.equal(res.statusCode, 200, res.statusCode === 200 ? url : `${url}: ${res.body}`);
    return res.json() as Record<string, unknown>;
  };
  for (const url of ['/v1/countries/ET/scorecards/2023', '/v1/countries/ET/scorecards/2023?quarter=1', '/v1/countries/ET/profile']) {
    const a = await get(corrected, url, p1);
    const b = await get(right, url, p2);
    t.same(comparable(a), comparable(b), url);
  }
  const card = await get(corrected, '/v1/countries/ET/scorecards/2023', p1);
  t.ok(JSON.stringify(card).includes('2500'), 'the corrected count is the one used');

  const timeline = await get(corrected, '/v1/countries/ET/timeline?limit=200', p1);
  const text = JSON.stringify(timeline);
  t.match(text, /EntryCorrected/, 'the timeline keeps the corrections');
  t.match(text, /EntryRetracted/, 'and the retraction');
});
