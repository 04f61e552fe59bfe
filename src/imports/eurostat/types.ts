/** One cell of a Eurostat table: a series (its dimension values) at one period. */
export interface Observation {
  /** Dimension code -> value code, as named in the file's header (e.g. { freq: 'A', citizen: 'ET', geo: 'EU27_2020' }). */
  dims: Record<string, string>;
  /** Normalised period: a year `2023` or a quarter `2023-Q2`. */
  period: string;
  /** null when the cell is `:` (not available or confidential). */
  value: number | null;
  /** Eurostat status flags as given (`p`, `e`, `c`, `bp`, ...); '' when none. */
  flags: string;
  /** 1-based line of the file that carries the observation. */
  line: number;
  /** SDMX-CSV carries a last-update stamp on every row (YYYY-MM-DD); TSV does not. */
  lastUpdate?: string | undefined;
}

export type EurostatFormat = 'tsv' | 'sdmx-csv';

/** What the file says about itself, known once its header (and, for SDMX-CSV, its first row) is read. */
export interface FileHeader {
  format: EurostatFormat;
  compressed: boolean;
  /** Dimension codes in file order, without the time dimension. */
  dimensions: string[];
  /** Dataset code from the content (SDMX-CSV DATAFLOW), lower case; undefined for TSV. */
  dataset: string | undefined;
  /** Last update of the dataset (YYYY-MM-DD) where the format carries it. */
  lastUpdate: string | undefined;
}

export interface OpenedFile {
  header: FileHeader;
  /**
   * The observations in file order, in batches (one per chunk read): a consumer loops over each
   * batch synchronously, so a file of hundreds of thousands of observations costs one await per
   * chunk, not per observation. `observationsOf` flattens them when convenience matters more.
   */
  batches: AsyncIterable<Observation[]>;
}
