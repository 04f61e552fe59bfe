import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { parseCsvCell } from './cell.js';
import { fileError } from './file-error.js';
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

async function* rows(chunks: AsyncIterable<Buffer>): AsyncGenerator<Row> {
  const parser = Readable.from(chunks).pipe(
    parse({ bom: true, info: true, skip_empty_lines: true, relax_column_count: false, trim: false }),
  );
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      yield { record, line: info.lines };
    }
  } catch (e) {
    if (e instanceof CsvError) throw fileError((e as CsvError & { lines?: number }).lines ?? 0, e.message);
    throw e;
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
  const it = rows(chunks)[Symbol.asyncIterator]();
  const head = await it.next();
  if (head.done) throw fileError(1, 'the file is empty');
  const cols = columnsOf(head.value.record);
  const first = await it.next();
  const firstRow = first.done ? undefined : first.value;
  const dataflowOf = (row: Row) => (cols.dataflow >= 0 ? (row.record[cols.dataflow] ?? '').trim() : '');
  const dataflow = firstRow ? dataflowOf(firstRow) : '';
  const firstObservation = firstRow ? observationOf(cols, firstRow) : undefined;
  const header: FileHeader = {
    format: 'sdmx-csv',
    compressed,
    dimensions: cols.dimensions.map((d) => d.code),
    dataset: dataflow ? datasetFromDataflow(dataflow) : undefined,
    lastUpdate: firstObservation?.lastUpdate,
  };
  async function* observations(): AsyncGenerator<Observation> {
    if (!firstObservation) return;
    yield firstObservation;
    for (let next = await it.next(); !next.done; next = await it.next()) {
      const flow = dataflowOf(next.value);
      if (flow !== dataflow) throw fileError(next.value.line, `DATAFLOW "${flow}" differs from "${dataflow}" on the first row; one file must hold one dataset`);
      yield observationOf(cols, next.value);
    }
  }
  return { header, observations: observations() };
}
