import { isAppError } from '../../errors/catalogue.js';
import { fileError, importError } from './file-error.js';
import { numberedLineBatches, type NumberedLine } from './lines.js';
import { looksLikeSdmxCsv, openSdmxCsv } from './sdmx-csv.js';
import { decodeSource, type ByteInput, type DecodeOptions } from './source.js';
import { looksLikeTsv, parseTsvHeader, tsvLineObservations } from './tsv.js';
import type { Observation, OpenedFile } from './types.js';

/** All observations of an opened file, one by one. */
export async function* observationsOf(file: OpenedFile): AsyncGenerator<Observation> {
  for await (const batch of file.batches) yield* batch;
}

/**
 * Opens a Eurostat file of either download format, recognised from its content: gzip by magic
 * bytes, then TSV by its `dims\TIME_PERIOD` header cell or SDMX-CSV by its DATAFLOW / TIME_PERIOD /
 * OBS_VALUE columns. Observations are produced as a stream; a malformed line throws an error that
 * names the line.
 */
export async function openEurostat(input: ByteInput, options: DecodeOptions = {}): Promise<OpenedFile> {
  const source = await guard(() => decodeSource(input, options));
  if (source.firstLine.trim() === '') throw fileError(1, 'the file is empty or does not start with a header line');
  if (looksLikeTsv(source.firstLine)) return guardStream(await openTsv(source.chunks, source.compressed));
  if (looksLikeSdmxCsv(source.firstLine)) return guardStream(await guard(() => openSdmxCsv(source.chunks, source.compressed)));
  throw fileError(
    1,
    'not a Eurostat TSV header (first cell like "freq,citizen,geo\\TIME_PERIOD") nor an SDMX-CSV header (DATAFLOW, ..., TIME_PERIOD, OBS_VALUE, OBS_FLAG)',
  );
}

async function openTsv(chunks: AsyncIterable<Buffer>, compressed: boolean): Promise<OpenedFile> {
  const lines = numberedLineBatches(chunks)[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.done) throw fileError(1, 'the file is empty');
  const [headerLine, ...firstData] = first.value;
  const layout = parseTsvHeader(headerLine!);
  const toObservations = (batch: NumberedLine[]) => {
    const out: Observation[] = [];
    for (const line of batch) tsvLineObservations(layout, line, out);
    return out;
  };
  async function* batches(): AsyncGenerator<Observation[]> {
    yield toObservations(firstData);
    for (let next = await lines.next(); !next.done; next = await lines.next()) yield toObservations(next.value);
  }
  return {
    header: { format: 'tsv', compressed, dimensions: layout.dimensions, dataset: undefined, lastUpdate: undefined },
    batches: batches(),
  };
}

/** Decompression and decoding failures are file problems too (a truncated .gz, for one). */
function asFileProblem(e: unknown): unknown {
  if (isAppError(e)) return e;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('Z_')) return importError(`The gzip data is damaged or truncated (${(e as Error).message})`);
  return e;
}

async function guard<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw asFileProblem(e);
  }
}

function guardStream(file: OpenedFile): OpenedFile {
  const inner = file.batches;
  return {
    header: file.header,
    batches: (async function* () {
      try {
        yield* inner;
      } catch (e) {
        throw asFileProblem(e);
      }
    })(),
  };
}
