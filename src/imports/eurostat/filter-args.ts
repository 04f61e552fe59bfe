import { importError } from './file-error.js';

/** `sex=F` (command line `--filter`, query `filter`) -> ['sex', 'F']; several make one record. */
export function parseFilterArgs(args: readonly string[]): Record<string, string> {
  // Own keys only: a dimension may be named like an Object.prototype member (constructor, toString).
  const out: Record<string, string> = {};
  for (const arg of args) {
    const m = /^([A-Za-z][A-Za-z0-9_]*)=([A-Za-z0-9_.-]+)$/.exec(arg.trim());
    if (!m) throw importError(`Filter "${arg}" is not of the form dimension=value (for example sex=F)`);
    const [, dim, value] = m as unknown as [string, string, string];
    if (Object.hasOwn(out, dim) && out[dim] !== value) throw importError(`Filter on "${dim}" given twice with different values`);
    out[dim] = value;
  }
  return out;
}
