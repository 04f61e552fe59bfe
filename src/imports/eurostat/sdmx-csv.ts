import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { parseCsvCell } from './cell.js';
import { fileError } from './file-error.js';
import { MAX_LINE_CHARS } from './lines.js';
import { datasetFromDataflow } from './datasets.js';
import { normalisePeriod, parseLastUpdate } from './period.js';
import type { FileHeader, Observation, OpenedFile } from './types.js';

/** Columns of SDMX-CSV (1.0 and 2.0) that are not dimensions. */
const NON_DIMENSION_COLUMNS = new Set([
  'DATAFLOW',
  'STRUCTURE',
  'STRUCTURE_ID',
  'STRUCTURE_NAME',
  'ACTION',
  'LAST UPDATE',
  'TIME_PERIOD',
  'OBS_VALUE',
  'OBS_FLAG',
  'CONF_STATUS',
]);

/** Header cells may be `code` or, with labels, `code: label`. */
function columnCode(cell: string): string {
  const colon = cell.indexOf(':');
  return (colon >= 0 ? cell.slice(0, colon) : cell).trim();
}

/** True when a first line is an SDMX-CSV header (DATAFLOW or STRUCTURE_ID, TIME_PERIOD, OBS_VALUE). */
export function looksLikeSdmxCsv(firstLine: string): boolean {
  const cols = new Set(firstLine.split(',').map((c) => columnCode(c.replace(/"/g, ''))));
  return (cols.has('DATAFLOW') || cols.has('STRUCTURE_ID')) && cols.has('TIME_PERIOD') && cols.has('OBS_VALUE');
}

interface Columns {
  dataflow: number;
  lastUpdate: number;
  time: number;
  value: number;
  flag: number;
  dimensions: { code: string; index: number }[];
}

function columnsOf(header: string[]): Columns {
  const codes = header.map(columnCode);
  const at = (name: string) => codes.indexOf(name);
  const dataflow = at('DATAFLOW') >= 0 ? at('DATAFLOW') : at('STRUCTURE_ID');
  const dimensions = codes
    .map((code, index) => ({ code, index }))
    .filter((c) => !NON_DIMENSION_COLUMNS.has(c.code));
  const empty = dimensions.find((d) => d.code === '');
  if (empty) throw fileError(1, `header column ${empty.index + 1} has no name`);
  if (new Set(dimensions.map((d) => d.code)).size !== dimensions.length) throw fileError(1, 'a dimension column appears twice in the header');
  return { dataflow, lastUpdate: at('LAST UPDATE'), time: at('TIME_PERIOD'), value: at('OBS_VALUE'), flag: at('OBS_FLAG'), dimensions };
}

interface Row {
  record: string[];
  line: number;
}

/**
 * Parsed rows in batches: everything the parser has ready is drained synchronously, then one
 * wait for more. (One await per row would dominate the cost of a large file.)
 */
async function* rowBatches(chunks: AsyncIterable<Buffer>): AsyncGenerator<Row[]> {
  const parser = parse({ bom: true, info: true, skip_empty_lines: true, relax_column_count: false, trim: false, max_record_size: MAX_LINE_CHARS });
  const source = Readable.from(chunks);
  source.on('error', (e) => parser.destroy(e));
  source.pipe(parser);
  let ended = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  parser.on('readable', notify);
  parser.on('end', () => {
    ended = true;
    notify();
  });
  parser.on('error', (e) => {
    failure = e;
    notify();
  });
  try {
    for (;;) {
      const batch: Row[] = [];
      for (let r = parser.read() as { record: string[]; info: { lines: number } } | null; r !== null; r = parser.read()) {
        batch.push({ record: r.record, line: r.info.lines });
      }
      if (batch.length > 0) yield batch;
      else if (failure) throw failure;
      else if (ended) return;
      else await new Promise<void>((resolve) => (wake = resolve));
    }
  } catch (e) {
    if (e instanceof CsvError) throw fileError((e as CsvError & { lines?: number }).lines ?? 0, e.message);
    throw e;
  } finally {
    source.destroy();
    parser.destroy();
  }
}

function observationOf(cols: Columns, row: Row): Observation {
  const { record, line } = row;
  const dims: Record<string, string> = {};
  for (const d of cols.dimensions) {
    const v = columnCode(record[d.index] ?? '');
    if (v === '') throw fileError(line, `the ${d.code} column is empty`);
    dims[d.code] = v;
  }
  const rawPeriod = record[cols.time] ?? '';
  const period = normalisePeriod(rawPeriod);
  if (!period) throw fileError(line, `TIME_PERIOD "${rawPeriod}" is not a year or a quarter`);
  const cell = parseCsvCell(record[cols.value] ?? '', cols.flag >= 0 ? (record[cols.flag] ?? '') : '');
  if (typeof cell === 'string') throw fileError(line, cell);
  const lastUpdateText = cols.lastUpdate >= 0 ? (record[cols.lastUpdate] ?? '') : '';
  const lastUpdate = parseLastUpdate(lastUpdateText);
  if (lastUpdateText.trim() !== '' && !lastUpdate) throw fileError(line, `LAST UPDATE "${lastUpdateText}" is not a date`);
  return { dims, period, value: cell.value, flags: cell.flags, line, lastUpdate };
}

/**
 * Opens SDMX-CSV (one observation per row). The header is complete once the first data row is
 * read: it names the dataflow and the last update. A file whose rows name different dataflows is
 * rejected: one import is one dataset.
 */
export async function openSdmxCsv(chunks: AsyncIterable<Buffer>, compressed: boolean): Promise<OpenedFile> {
  const batches = rowBatches(chunks)[Symbol.asyncIterator]();
  // The header row and the first data row, wherever the batch boundaries fall.
  const buffered: Row[] = [];
  while (buffered.length < 2) {
    const next = await batches.next();
    if (next.done) break;
    buffered.push(...next.value);
  }
  const headerRow = buffered.shift();
  if (!headerRow) throw fileError(1, 'the file is empty');
  const cols = columnsOf(headerRow.record);
  const dataflowOf = (row: Row) => (cols.dataflow >= 0 ? (row.record[cols.dataflow] ?? '').trim() : '');
  const firstRow = buffered[0];
  const dataflow = firstRow ? dataflowOf(firstRow) : '';
  const firstObservation = firstRow ? observationOf(cols, firstRow) : undefined;
  const header: FileHeader = {
    format: 'sdmx-csv',
    compressed,
    dimensions: cols.dimensions.map((d) => d.code),
    dataset: dataflow ? datasetFromDataflow(dataflow) : undefined,
    lastUpdate: firstObservation?.lastUpdate,
  };
  const toObservations = (rows: Row[]) =>
    rows.map((row) => {
      const flow = dataflowOf(row);
      if (flow !== dataflow) throw fileError(row.line, `DATAFLOW "${flow}" differs from "${dataflow}" on the first row; one file must hold one dataset`);
      return observationOf(cols, row);
    });
  async function* observationBatches(): AsyncGenerator<Observation[]> {
    if (buffered.length > 0) yield toObservations(buffered.splice(0));
    for (let next = await batches.next(); !next.done; next = await batches.next()) yield toObservations(next.value);
  }
  return { header, batches: observationBatches() };
}
