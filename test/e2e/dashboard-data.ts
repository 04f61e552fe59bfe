import { ethiopiaStory } from '../helpers/facts.js';

/**
 * A small, realistic data set for the dashboard test, posted through the HTTP API like a desk
 * would (figures after domain-research.md 4.7; estimates are marked as such in the provenance).
 * Used when scripts/demo.ts is not available.
 */

type Fact = { country: string; family: string; body: Record<string, unknown> };

const eurostat = { sourceKind: 'eurostat', reference: 'migr_eiord / migr_eirtn', evidenceStatus: 'secondary' } as const;
const estimate = { sourceKind: 'nl-desk', reference: 'desk estimate for the demo', evidenceStatus: 'estimate' } as const;
const desk = { sourceKind: 'nl-desk', reference: 'desk note', evidenceStatus: 'confirmed' } as const;

/** [decisions, forced returns, readmission requests, accepted, travel documents, D2 rating, D4 rating] per year. */
const FIGURES: Record<string, Record<number, [number, number, number, number, number, number, number]>> = {
  ET: { 2019: [1395, 215, 985, 60, 41, 1, 1], 2020: [1100, 120, 700, 50, 30, 1, 0], 2021: [1250, 160, 800, 70, 45, 1, 1], 2022: [1400, 230, 900, 120, 80, 2, 2], 2023: [1500, 300, 950, 200, 150, 2, 2] },
  TN: { 2021: [15000, 2100, 2600, 1200, 1100, 2, 3], 2022: [16500, 2400, 2800, 1350, 1300, 2, 3], 2023: [18000, 2700, 3000, 1500, 1450, 3, 3] },
  DZ: { 2021: [34000, 1800, 5200, 700, 650, 1, 1], 2022: [37000, 2100, 5600, 800, 750, 1, 2], 2023: [40000, 2400, 6000, 900, 850, 1, 2] },
  TR: { 2021: [21000, 4100, 3500, 2900, 2800, 3, 3], 2022: [23000, 4900, 3800, 3200, 3100, 3, 4], 2023: [25000, 5595, 4000, 3400, 3300, 4, 4] },
};

function statistics(country: string, year: number, f: [number, number, number, number, number, number, number]): Fact[] {
  const [decisions, returns, submitted, accepted, travelDocsIssued, d2, d4] = f;
  const on = `${year + 1}-04-15`;
  const period = String(year);
  const stat = (body: Record<string, unknown>): Fact => ({ country, family: 'statistics', body: { occurredOn: on, ...body } });
  return [
    stat({ type: 'ReturnDecisionsReported', data: { period, reportingScope: 'EU27_2020', count: decisions, dataset: 'migr_eiord' }, provenance: eurostat }),
    stat({ type: 'ReturnsReported', data: { period, reportingScope: 'EU27_2020', count: returns, destination: 'third-countries', returnType: 'enforced', dataset: 'migr_eirtn' }, provenance: eurostat }),
    stat({ type: 'ReadmissionStatisticsReported', data: { period, reportingScope: 'EU27_2020', submitted, accepted, travelDocsIssued, source: 'Commission Art. 25a data' }, provenance: estimate }),
    stat({ type: 'QualitativeAssessmentRecorded', data: { period, indicator: 'd-ii', rating: d2, rationale: 'EU travel document accepted case by case.', assessor: 'NL desk' }, provenance: desk }),
    stat({ type: 'QualitativeAssessmentRecorded', data: { period, indicator: 'd-iv', rating: d4, rationale: 'Charter and scheduled operations mostly executed.', assessor: 'NL desk' }, provenance: desk }),
  ];
}

const assessment = (country: string, reportNo: number, dataPeriod: string, finding: string, documentRef: string, on: string): Fact => ({
  country,
  family: 'visa-measures',
  body: { type: 'CommissionAssessmentReported', occurredOn: on, data: { reportNo, dataPeriod, finding, documentRef }, provenance: { sourceKind: 'commission', reference: documentRef, evidenceStatus: 'confirmed' } },
});

export function dashboardFacts(today = new Date().toISOString().slice(0, 10)): Fact[] {
  const facts: Fact[] = [];
  // Ethiopia's story: dialogue, the 2018 admission procedures, the 2024 visa measure, a request and an operation.
  for (const s of ethiopiaStory) if (s.family !== 'statistics') facts.push({ country: 'ET', family: s.family, body: s.body as unknown as Record<string, unknown> });
  for (const [country, years] of Object.entries(FIGURES)) {
    for (const [year, f] of Object.entries(years)) facts.push(...statistics(country, Number(year), f));
  }
  facts.push(assessment('ET', 4, '2022', 'insufficient', 'COM(2023) 568', '2023-09-27'));
  facts.push(assessment('TR', 4, '2022', 'sufficient', 'COM(2023) 568', '2023-09-27'));
  facts.push(assessment('DZ', 4, '2022', 'not-public', 'COM(2023) 568', '2023-09-27'));
  // Open requests: one long overdue, one recent.
  const recent = new Date(Date.parse(`${today}T00:00:00Z`) - 5 * 86_400_000).toISOString().slice(0, 10);
  const caseRef = (n: number) => n.toString(16).padStart(32, 'a');
  facts.push({ country: 'ET', family: 'requests', body: { type: 'IdentificationRequestSubmitted', occurredOn: '2024-09-02', data: { requestId: 'NL-ID-0101', caseRef: caseRef(1), requestingState: 'NL', channel: 'RCMS', instrumentId: 'ET-EU-ADM-2018' }, provenance: desk } });
  facts.push({ country: 'ET', family: 'requests', body: { type: 'ReadmissionRequestSubmitted', occurredOn: recent, data: { requestId: 'NL-RR-0102', caseRef: caseRef(2), requestingState: 'NL', procedure: 'normal', personCategory: 'own-national' }, provenance: desk } });
  return facts;
}

/** Posts the facts with a desk token; returns the highest global position acknowledged. */
export async function postFacts(url: string, token: string, facts: Fact[]): Promise<number> {
  let position = 0;
  for (const f of facts) {
    const res = await fetch(`${url}/v1/countries/${f.country}/${f.family}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(f.body),
    });
    const body = (await res.json()) as { position?: number; detail?: string };
    if (res.status !== 201) throw new Error(`${f.country} ${String(f.body['type'])}: HTTP ${res.status} ${body.detail ?? ''}`);
    position = Math.max(position, body.position ?? 0);
  }
  return position;
}

/** A new token from the admin token (POST /v1/tokens). */
export async function createToken(url: string, admin: string, principal: string, role: string, countries?: string[]): Promise<string> {
  const res = await fetch(`${url}/v1/tokens`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ principal, role, countries }) });
  if (res.status !== 201) throw new Error(`POST /v1/tokens: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}
