import { parseTsvCell } from './cell.js';
import { fileError } from './file-error.js';
import type { NumberedLine } from './lines.js';
import { normalisePeriod } from './period.js';
import type { Observation } from './types.js';

export interface TsvLayout {
  dimensions: string[];
  timeDimension: string;
  periods: string[];
}

/** True when a first line looks like a Eurostat TSV header: `dim1,dim2,...\TIME_PERIOD<TAB>2019 ...`. */
export function looksLikeTsv(firstLine: string): boolean {
  const first = firstLine.split('\t', 1)[0] ?? '';
  return firstLine.includes('\t') && /^[^\\]+\\[A-Za-z_]+\s*$/.test(first);
}

/** Reads the header line: dimension codes from the first cell, periods from the others. */
export function parseTsvHeader(line: NumberedLine): TsvLayout {
  const cells = line.text.split('\t');
  const first = cells[0]!.trim();
  const slash = first.indexOf('\\');
  if (slash < 0) throw fileError(line.number, `the first header cell "${first}" is not of the form dim1,dim2,...\\TIME_PERIOD`);
  const dimensions = first.slice(0, slash).split(',').map((d) => d.trim());
  const timeDimension = first.slice(slash + 1).trim();
  if (dimensions.some((d) => !/^[A-Za-z][A-Za-z0-9_]*$/.test(d))) {
    throw fileError(line.number, `the first header cell "${first}" has an empty or invalid dimension code`);
  }
  if (new Set(dimensions).size !== dimensions.length) throw fileError(line.number, `a dimension is named twice in "${first}"`);
  if (cells.length < 2) throw fileError(line.number, 'the header has no period columns');
  const periods = cells.slice(1).map((cell, i) => {
    const period = normalisePeriod(cell);
    if (!period) throw fileError(line.number, `header column ${i + 2} "${cell.trim()}" is not a year or a quarter`);
    return period;
  });
  if (new Set(periods).size !== periods.length) throw fileError(line.number, 'a period column appears twice in the header');
  return { dimensions, timeDimension, periods };
}

/** One data line -> one observation per period column (a series in wide layout), appended to `out`. */
export function tsvLineObservations(layout: TsvLayout, line: NumberedLine, out: Observation[]): void {
  if (line.text.trim() === '') return; // a blank line is not data
  const cells = line.text.split('\t');
  if (cells.length !== layout.periods.length + 1) {
    throw fileError(line.number, `expected ${layout.periods.length + 1} tab-separated cells (series key and ${layout.periods.length} periods), found ${cells.length}`);
  }
  const key = cells[0]!.split(',').map((v) => v.trim());
  if (key.length !== layout.dimensions.length) {
    throw fileError(line.number, `the series key "${cells[0]}" has ${key.length} values for ${layout.dimensions.length} dimensions (${layout.dimensions.join(',')})`);
  }
  if (key.some((v) => v === '')) throw fileError(line.number, `the series key "${cells[0]}" has an empty dimension value`);
  const dims: Record<string, string> = {};
  layout.dimensions.forEach((d, i) => (dims[d] = key[i]!));
  for (let i = 0; i < layout.periods.length; i++) {
    const cell = parseTsvCell(cells[i + 1]!);
    if (typeof cell === 'string') throw fileError(line.number, `${cell} (column ${i + 2}, period ${layout.periods[i]})`);
    out.push({ dims, period: layout.periods[i]!, value: cell.value, flags: cell.flags, line: line.number });
  }
}
