import { importError } from './file-error.js';

/** `sex=F` (command line `--filter`, query `filter`) -> ['sex', 'F']; several make one record. */
export function parseFilterArgs(args: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const arg of args) {
    const m = /^([A-Za-z][A-Za-z0-9_]*)=([A-Za-z0-9_.-]+)$/.exec(arg.trim());
    if (!m) throw importError(`Filter "${arg}" is not of the form dimension=value (for example sex=F)`);
    if (out[m[1]!] !== undefined && out[m[1]!] !== m[2]) throw importError(`Filter on "${m[1]}" given twice with different values`);
    out[m[1]!] = m[2]!;
  }
  return out;
}
