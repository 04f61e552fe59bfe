import { MemberState } from '../../../contracts/index.js';
import { DATASETS, isDatasetCode, type DatasetCode, type StatisticsEventType } from './datasets.js';
import { importError } from './file-error.js';
import type { FileHeader } from './types.js';

export type Frequency = 'A' | 'Q';

/** What the user asks for (command line flags or query parameters). */
export interface ImportOptions {
  /** Dataset code; needed for TSV (which does not carry it); must agree with SDMX-CSV's DATAFLOW. */
  dataset?: string | undefined;
  /** A dataset code guessed from the file name: used only when neither the content nor `dataset` names one. */
  datasetHint?: string | undefined;
  /** Reporting scope to import; default EU27_2020. */
  geo?: string | undefined;
  /** A (annual) or Q (quarterly); default from the dataset (migr_eiord1 / migr_eirtn1 are quarterly). */
  freq?: Frequency | undefined;
  /** Dimension filters; they override the defaults (age=TOTAL, sex=T, unit=PER where present). */
  filters?: Readonly<Record<string, string>> | undefined;
  /** Last update of the dataset when the format does not carry it (TSV); YYYY-MM-DD. */
  lastUpdate?: string | undefined;
}

/** The import as it will run: every default decided, checked against the file's header. */
export interface ResolvedImport {
  dataset: DatasetCode;
  eventType: StatisticsEventType;
  geo: string;
  freq: Frequency;
  /** Effective filters, only on dimensions the file has. */
  filters: Record<string, string>;
  lastUpdate: string | undefined;
  dimensions: string[];
}

/** Totals: what the indicators need unless the user asks for a breakdown. */
export const DEFAULT_FILTERS: Readonly<Record<string, string>> = { age: 'TOTAL', sex: 'T', unit: 'PER' };
export const DEFAULT_GEO = 'EU27_2020';
/** Dimensions the importer interprets itself (not plain filters). */
const INTERPRETED = new Set(['freq', 'geo', 'citizen']);

export function resolveImport(header: FileHeader, options: ImportOptions): ResolvedImport {
  const asked = options.dataset?.trim().toLowerCase();
  if (asked && header.dataset && asked !== header.dataset) {
    throw importError(`The file holds dataset ${header.dataset} (DATAFLOW), not ${asked} as asked`);
  }
  const dataset = asked || header.dataset || options.datasetHint;
  if (!dataset) throw importError('This TSV file does not name its dataset: pass the dataset code (--dataset migr_eiord or ?dataset=migr_eiord)');
  if (!isDatasetCode(dataset)) {
    throw importError(`Dataset ${dataset} is not imported; expected one of ${Object.keys(DATASETS).join(', ')}`);
  }
  const geo = options.geo?.trim() || DEFAULT_GEO;
  if (!MemberState.safeParse(geo).success) throw importError(`geo "${geo}" is not a Member State code (NL, DE, ...) or EU27_2020`);
  const freq = options.freq ?? DATASETS[dataset].freq;
  for (const required of ['citizen', 'geo']) {
    if (!header.dimensions.includes(required)) {
      throw importError(`The file has no "${required}" dimension (its dimensions: ${header.dimensions.join(', ')})`);
    }
  }
  const filters: Record<string, string> = {};
  for (const [dim, value] of Object.entries(DEFAULT_FILTERS)) if (header.dimensions.includes(dim)) filters[dim] = value;
  for (const [dim, value] of Object.entries(options.filters ?? {})) {
    if (INTERPRETED.has(dim)) throw importError(`Filter on "${dim}" is not allowed: use the ${dim === 'citizen' ? 'country configuration' : dim} option`);
    if (!header.dimensions.includes(dim)) {
      throw importError(`Filter ${dim}=${value}: the file has no "${dim}" dimension (its dimensions: ${header.dimensions.join(', ')})`);
    }
    filters[dim] = value;
  }
  return {
    dataset,
    eventType: DATASETS[dataset].eventType,
    geo,
    freq,
    filters,
    lastUpdate: options.lastUpdate ?? header.lastUpdate,
    dimensions: header.dimensions,
  };
}
