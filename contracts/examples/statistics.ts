import type { FactExample } from './define.js';
import { illustrative, issEthiopia2019 } from './provenance.js';

const eurostat2023 = {
  sourceKind: 'eurostat',
  reference: 'Eurostat news, enforcement of immigration legislation 2023 (6.5.2024)',
  url: 'https://www.ec.europa.eu/eurostat/de/web/products-eurostat-news/w/ddn-20240506-1',
  evidenceStatus: 'confirmed',
} as const;

/** Statistics: EU-wide figures from Eurostat and the ISS analysis of Ethiopia 2019. */
export const statisticsExamples: FactExample[] = [
  {
    key: 'ReturnDecisionsReported',
    country: 'ET',
    summary: 'Ethiopia: 1,395 return decisions EU-wide in 2019',
    value: {
      type: 'ReturnDecisionsReported',
      occurredOn: '2020-07-22',
      data: { period: '2019', reportingScope: 'EU27_2020', count: 1395, dataset: 'migr_eiord' },
      provenance: issEthiopia2019,
    },
  },
  {
    key: 'ReturnsReported',
    country: 'ET',
    summary: 'Ethiopia: 215 returns EU-wide in 2019 (15% return rate)',
    value: {
      type: 'ReturnsReported',
      occurredOn: '2020-07-22',
      data: { period: '2019', reportingScope: 'EU27_2020', count: 215, destination: 'all', returnType: 'all', dataset: 'migr_eirtn' },
      provenance: issEthiopia2019,
    },
  },
  {
    key: 'ReadmissionStatisticsReported',
    country: 'ET',
    summary: 'Ethiopia: 985 readmission requests, 41 travel documents issued in 2019 (4% issuance rate)',
    value: {
      type: 'ReadmissionStatisticsReported',
      occurredOn: '2020-07-22',
      data: { period: '2019', reportingScope: 'EU27_2020', submitted: 985, travelDocsIssued: 41, source: 'ISS analysis of EU figures' },
      provenance: issEthiopia2019,
    },
  },
  {
    key: 'QualitativeAssessmentRecorded',
    country: 'SO',
    summary: 'Somalia: acceptance of return operations rated 1 of 4 for 2023 (illustrative)',
    value: {
      type: 'QualitativeAssessmentRecorded',
      occurredOn: '2024-02-15',
      data: {
        period: '2023',
        indicator: 'd-iv',
        rating: 1,
        rationale: 'Forced returns only to areas not controlled by Al-Shabaab; laissez-passer requests need family and clan details.',
        assessor: 'NL desk Horn of Africa',
      },
      provenance: illustrative,
    },
  },
  {
    key: 'ReturnsReported_TR',
    country: 'TR',
    summary: 'Turkey: 5,595 returns in 2023, recorded as returns to third countries (corrected below)',
    value: {
      type: 'ReturnsReported',
      occurredOn: '2024-05-06',
      data: { period: '2023', reportingScope: 'EU27_2020', count: 5595, destination: 'third-countries', returnType: 'all', dataset: 'migr_eirtn' },
      provenance: eurostat2023,
    },
  },
  {
    key: 'ReturnDecisionsReported_DZ',
    country: 'DZ',
    summary: 'Algeria: about 34,000 ordered to leave in 2020, the largest group (retracted below)',
    value: {
      type: 'ReturnDecisionsReported',
      occurredOn: '2021-07-01',
      data: { period: '2020', reportingScope: 'EU27_2020', count: 34000, dataset: 'migr_eiord' },
      provenance: {
        sourceKind: 'press',
        reference: 'Eurostat 2020 figures reported by Monitor.al',
        url: 'https://lokimagazine.com/2023/09/01/eurostat-figures-albanians-second-in-the-world-for-high-rejections-from-european-union-countries/',
        evidenceStatus: 'secondary',
      },
    },
  },
];
