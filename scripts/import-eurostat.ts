/**
 * Imports a Eurostat return-statistics file (migr_eiord, migr_eirtn and the quarterly ...1
 * datasets; TSV or SDMX-CSV, plain or gzip) and prints the summary.
 *
 *   npm run import:eurostat -- --file migr_eiord.tsv.gz --geo EU27_2020 [--dry-run]
 *   npm run import:eurostat -- --file migr_eirtn.csv --url http://127.0.0.1:8080 --token $TOKEN
 *
 * With --url/--token (or RCM_URL/RCM_TOKEN) the file is posted to a running service
 * (POST /v1/imports/eurostat); otherwise the embedded store in RCM_DATA_DIR is opened directly.
 */
import { createReadStream, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { Readable, Transform } from 'node:stream';
import { EurostatImportSummary, type Problem } from '../contracts/index.js';
import { CommandService } from '../src/commands/command-service.js';
import { loadConfig } from '../src/config/config.js';
import { isAppError } from '../src/errors/catalogue.js';
import { importQuery, parseCliArgs, UsageError, USAGE, type CliArgs } from '../src/imports/eurostat/cli-args.js';
import { checkWithCommands, loadCountryStatistics, recordWithCommands, runEurostatImport } from '../src/imports/eurostat/index.js';
import { summaryText } from '../src/imports/eurostat/summary-text.js';
import { configuredEventStore, openEventStore } from '../src/store/open-event-store.js';

/** A one-line progress display on stderr when it is a terminal; silent otherwise (logs, pipes). */
class Progress {
  private readonly tty = process.stderr.isTTY === true;
  private bytes = 0;
  private observations = 0;
  private last = 0;
  constructor(private readonly total: number) {}

  counter(): Transform {
    return new Transform({
      transform: (chunk: Buffer, _enc, callback) => {
        this.bytes += chunk.length;
        this.draw();
        callback(null, chunk);
      },
    });
  }

  setObservations(n: number): void {
    this.observations = n;
    this.draw();
  }

  private draw(): void {
    const now = Date.now();
    if (!this.tty || now - this.last < 200) return;
    this.last = now;
    const pct = this.total > 0 ? ((100 * this.bytes) / this.total).toFixed(1) : '?';
    const obs = this.observations > 0 ? `, ${this.observations.toLocaleString('en')} observations` : '';
    process.stderr.write(`\r  reading: ${pct}% of ${(this.total / 1048576).toFixed(1)} MB${obs}   `);
  }

  done(): void {
    if (this.tty && this.last > 0) process.stderr.write('\r\x1b[K');
  }
}

async function importDirect(args: CliArgs, input: Readable, progress: Progress): Promise<EurostatImportSummary> {
  const config = loadConfig();
  // The log the server uses: on KurrentDB a local events.sqlite would hold facts no instance reads.
  const store = await openEventStore(configuredEventStore(config));
  try {
    const principal = `cli-${userInfo().username.replace(/[^A-Za-z0-9._@-]/g, '_')}`.slice(0, 64);
    const commands = new CommandService(store);
    return await runEurostatImport({
      input,
      options: args.options,
      countries: config.countries,
      loadFacts: (country) => loadCountryStatistics(store, country),
      record: recordWithCommands(commands, principal),
      check: checkWithCommands(commands),
      dryRun: args.dryRun,
      maxDecompressedBytes: config.importDecompressedLimit,
      onProgress: (n) => progress.setObservations(n),
    });
  } finally {
    await store.close();
  }
}

async function importRemote(args: CliArgs, input: Readable): Promise<EurostatImportSummary> {
  const { url, token } = args.remote!;
  const res = await fetch(`${url}/v1/imports/eurostat?${importQuery(args.options, args.dryRun)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: Readable.toWeb(input) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  const body = (await res.json()) as unknown;
  if (!res.ok) {
    const p = body as Partial<Problem>;
    throw new Error(`${res.status} ${p.code ?? ''}: ${p.detail ?? p.title ?? JSON.stringify(body)}`);
  }
  return EurostatImportSummary.parse(body);
}

async function main(): Promise<number> {
  let args: CliArgs | 'help';
  try {
    args = parseCliArgs(process.argv.slice(2), process.env);
  } catch (e) {
    if (!(e instanceof UsageError) && !isAppError(e)) throw e;
    process.stderr.write(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  let size: number;
  try {
    size = statSync(args.file).size;
  } catch {
    process.stderr.write(`Cannot read ${args.file}\n`);
    return 2;
  }
  const progress = new Progress(size);
  const input = createReadStream(args.file).pipe(progress.counter());
  try {
    const summary = args.remote ? await importRemote(args, input) : await importDirect(args, input, progress);
    progress.done();
    process.stdout.write(args.json ? `${JSON.stringify(summary, null, 2)}\n` : summaryText(summary));
    return 0;
  } catch (e) {
    progress.done();
    process.stderr.write(`Import failed: ${(e as Error).message}\nNothing was recorded from this file unless the message says otherwise.\n`);
    return 1;
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
