/** A parsed value cell: number (or null for `:`) and its status flags. */
export interface CellValue {
  value: number | null;
  flags: string;
}

/**
 * Eurostat's observation status flags: b break in series, c confidential, d definition differs,
 * e estimated, f forecast, n not significant, p provisional, r revised, s Eurostat estimate,
 * u low reliability, z not applicable. Anything else is a damaged cell, not a flag.
 */
const FLAGS = /^[bcdefnprsuz]*$/;

/**
 * Reads a TSV value cell: the value, a space, and optional flags: `1395 `, `215 p`, `: `, `: c`,
 * Returns a problem string when the cell is not of that shape (Eurostat writes no thousands
 * separators, so `1 234` is rejected rather than guessed).
 */
export function parseTsvCell(cell: string): CellValue | string {
  const s = cell.trim();
  if (s === '') return { value: null, flags: '' };
  const m = /^(\S+)(?:\s+(\S+))?$/.exec(s);
  if (!m) return `cannot read the value cell "${cell}"`;
  const [, rawValue, rawFlags = ''] = m;
  return combine(rawValue!, rawFlags, cell);
}

/** Reads SDMX-CSV OBS_VALUE / OBS_FLAG (an empty OBS_VALUE means not available). */
export function parseCsvCell(value: string, flags: string): CellValue | string {
  const v = value.trim();
  return combine(v === '' ? ':' : v, flags.trim(), `${value}`);
}

function combine(rawValue: string, rawFlags: string, cell: string): CellValue | string {
  if (/^\d/.test(rawFlags)) return `"${cell.trim()}" is not a number (no spaces or thousands separators allowed)`;
  if (!FLAGS.test(rawFlags)) return `unknown status flags "${rawFlags}" in "${cell.trim()}"`;
  if (rawValue === ':') return { value: null, flags: rawFlags };
  // A value glued to its flags (`215p`) also occurs in hand-edited files.
  const glued = /^(-?\d+(?:\.\d+)?)([a-z]+)$/.exec(rawValue);
  const numberText = glued ? glued[1]! : rawValue;
  const flags = glued ? glued[2]! + rawFlags : rawFlags;
  if (!/^-?\d+(\.\d+)?$/.test(numberText)) return `"${rawValue}" is not a number`;
  return { value: Number(numberText), flags };
}
