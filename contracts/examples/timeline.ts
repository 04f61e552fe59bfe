import type { FactExample } from './define.js';
import { statisticsExamples } from './statistics.js';

/** A timeline entry of one of the example facts, as recorded by the desk-horn token. */
function entry(key: string, eventId: string, position: number, recordedAt: string) {
  const fact = statisticsExamples.find((e) => e.key === key) as FactExample;
  const { type, occurredOn, data, provenance } = fact.value;
  return { eventId, position, type, family: 'statistics', occurredOn, recordedAt, recordedBy: 'desk-horn', provenance, data, status: 'recorded' as const, corrections: [] };
}

/** GET /v1/countries/ET/timeline?family=statistics after the Ethiopia 2019 examples were recorded. */
export const timelineExample = {
  country: 'ET',
  entries: [
    entry('ReturnDecisionsReported', '47314d6f-aa25-48ce-813d-294befe96529', 1, '2024-06-12T09:14:03.512Z'),
    entry('ReturnsReported', 'b99a8a0b-12a1-4cc3-9309-ec5c8bab19b5', 2, '2024-06-12T09:15:41.087Z'),
  ],
  nextCursor: null,
  position: 2,
};
