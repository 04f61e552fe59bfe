import { parseArgs } from 'node:util';
import { basename } from 'node:path';
import { datasetFromFileName } from './datasets.js';
import { parseFilterArgs } from './filter-args.js';
import type { ImportOptions } from './options.js';

export const USAGE = `Import a Eurostat return-statistics file (TSV or SDMX-CSV, plain or gzip).

  npm run import:eurostat -- --file PATH [--geo EU27_2020] [--freq A|Q] [--filter dim=value ...]
                            [--dataset migr_eiord] [--last-update YYYY-MM-DD] [--dry-run] [--json]
                            [--url http://127.0.0.1:8080 --token TOKEN]

  --file         the downloaded file; the format and gzip are recognised from the content
  --geo          reporting scope (Eurostat geo code), default EU27_2020
  --freq         A (annual) or Q (quarterly); default from the dataset
  --filter       dimension=value, repeatable; overrides the totals age=TOTAL sex=T unit=PER
  --dataset      migr_eiord, migr_eirtn, migr_eiord1 or migr_eirtn1; a TSV does not name its
                 dataset, so it is taken from the file name when it starts with the code
  --last-update  the dataset's last update, for a TSV (which does not carry it)
  --dry-run      show what would be recorded; record nothing
  --json         print the summary as JSON
  --url/--token  post to a running service (or RCM_URL / RCM_TOKEN); without them the embedded
                 store in RCM_DATA_DIR is opened directly
`;

export interface CliArgs {
  file: string;
  options: ImportOptions;
  dryRun: boolean;
  json: boolean;
  remote: { url: string; token: string } | undefined;
}

export class UsageError extends Error {}

export function parseCliArgs(argv: string[], env: NodeJS.ProcessEnv): CliArgs | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        file: { type: 'string' },
        geo: { type: 'string' },
        freq: { type: 'string' },
        filter: { type: 'string', multiple: true },
        dataset: { type: 'string' },
        'last-update': { type: 'string' },
        'dry-run': { type: 'boolean' },
        json: { type: 'boolean' },
        url: { type: 'string' },
        token: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help) return 'help';
  if (!values.file) throw new UsageError('--file is required');
  if (values.freq !== undefined && values.freq !== 'A' && values.freq !== 'Q') throw new UsageError('--freq must be A or Q');
  const lastUpdate = values['last-update'];
  if (lastUpdate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(lastUpdate)) throw new UsageError('--last-update must be YYYY-MM-DD');
  const url = values.url ?? env['RCM_URL'];
  const token = values.token ?? env['RCM_TOKEN'];
  if ((url && !token) || (!url && values.token)) throw new UsageError('--url and --token go together (or RCM_URL and RCM_TOKEN)');
  return {
    file: values.file,
    options: {
      dataset: values.dataset,
      datasetHint: datasetFromFileName(basename(values.file)),
      geo: values.geo,
      freq: values.freq as 'A' | 'Q' | undefined,
      filters: parseFilterArgs(values.filter ?? []),
      lastUpdate,
    },
    dryRun: values['dry-run'] ?? false,
    json: values.json ?? false,
    remote: url && token ? { url: url.replace(/\/+$/, ''), token } : undefined,
  };
}

/** Query string of POST /v1/imports/eurostat for the same options. */
export function importQuery(options: ImportOptions, dryRun: boolean): string {
  const q = new URLSearchParams();
  if (options.dataset) q.set('dataset', options.dataset);
  if (options.datasetHint) q.set('datasetHint', options.datasetHint);
  if (options.geo) q.set('geo', options.geo);
  if (options.freq) q.set('freq', options.freq);
  for (const [k, v] of Object.entries(options.filters ?? {})) q.append('filter', `${k}=${v}`);
  if (options.lastUpdate) q.set('lastUpdate', options.lastUpdate);
  if (dryRun) q.set('dryRun', 'true');
  return q.toString();
}
