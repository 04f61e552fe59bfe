import type { Provenance } from '../../../contracts/index.js';

/**
 * Evidence status from Eurostat's status flags (the weakest one wins):
 * - `e` estimated, `s` Eurostat estimate, `f` forecast -> 'estimate'
 * - `u` low reliability, `p` provisional -> 'reported' (published, not yet a confirmed figure)
 * - no flag, or only flags about comparability or history (`b` break in series, `d` definition
 *   differs, `r` revised, `n` not significant, `z` not applicable) -> 'confirmed'
 * `c` (confidential) never reaches here: a confidential cell has no value and is skipped.
 */
export function evidenceStatusOf(flags: string): Provenance['evidenceStatus'] {
  if (/[esf]/.test(flags)) return 'estimate';
  if (flags.includes('u') || flags.includes('p')) return 'reported';
  return 'confirmed';
}

/** `migr_eiord (last update 2024-05-06), flags p`: dataset, file date and the observation's flags. */
export function eurostatReference(dataset: string, lastUpdate: string | undefined, flags: string): string {
  const parts = [lastUpdate ? `${dataset} (last update ${lastUpdate})` : dataset];
  if (flags) parts.push(`flags ${flags}`);
  return parts.join(', ');
}

export function eurostatProvenance(dataset: string, lastUpdate: string | undefined, flags: string): Provenance {
  return {
    sourceKind: 'eurostat',
    reference: eurostatReference(dataset, lastUpdate, flags),
    url: `https://ec.europa.eu/eurostat/databrowser/view/${dataset}/default/table`,
    classification: 'public',
    evidenceStatus: evidenceStatusOf(flags),
  };
}
