/**
 * The Eurostat datasets this importer records, and what each becomes. Annual and quarterly
 * variants differ only in frequency (Eurostat publishes quarterly return data from 2021).
 */
export const DATASETS = {
  migr_eiord: { eventType: 'ReturnDecisionsReported', freq: 'A' },
  migr_eiord1: { eventType: 'ReturnDecisionsReported', freq: 'Q' },
  migr_eirtn: { eventType: 'ReturnsReported', freq: 'A' },
  migr_eirtn1: { eventType: 'ReturnsReported', freq: 'Q' },
} as const;

export type DatasetCode = keyof typeof DATASETS;
export type StatisticsEventType = (typeof DATASETS)[DatasetCode]['eventType'];

export function isDatasetCode(code: string): code is DatasetCode {
  return Object.hasOwn(DATASETS, code);
}

/** `ESTAT:MIGR_EIORD(1.0)` (SDMX-CSV DATAFLOW / STRUCTURE_ID) -> `migr_eiord`. */
export function datasetFromDataflow(dataflow: string): string {
  const withoutAgency = dataflow.includes(':') ? dataflow.slice(dataflow.indexOf(':') + 1) : dataflow;
  return withoutAgency.replace(/\(.*\)$/, '').trim().toLowerCase();
}

/**
 * A dataset code at the start of a downloaded file's name (`migr_eiord.tsv.gz`,
 * `migr_eirtn1__custom_123.csv`, `estat_migr_eiord.tsv`). Only a hint for the command line: the
 * content wins when it names the dataset.
 */
export function datasetFromFileName(name: string): DatasetCode | undefined {
  const m = /(?:^|[^a-z0-9])(migr_ei(?:ord|rtn)1?)(?![a-z0-9])/i.exec(name);
  const code = m?.[1]?.toLowerCase();
  return code && isDatasetCode(code) ? code : undefined;
}
