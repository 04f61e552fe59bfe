import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { AppError } from '../../errors/catalogue.js';

/** A file body: a Node stream, an async iterable of chunks, or (in tests) an array of chunks. */
export type ByteInput = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string> | Readable;

export interface DecodedSource {
  compressed: boolean;
  /** Decompressed bytes, starting with the bytes read while sniffing. */
  chunks: AsyncIterable<Buffer>;
  /** The first line of the decompressed content (without its line break), for format detection. */
  firstLine: string;
}

const GZIP_MAGIC = [0x1f, 0x8b] as const;
/** The header line is short; a longer "first line" means the content is not a Eurostat table. */
const MAX_SNIFF_BYTES = 64 * 1024;

export interface DecodeOptions {
  /** Most bytes gzip content may decompress to; beyond it decompression stops and the import fails with 413. */
  maxDecompressedBytes?: number | undefined;
}

/**
 * Opens a byte stream as Eurostat content: gzip is recognised by its magic bytes (never by a file
 * name or content type) and decompressed on the fly. Memory stays bounded: at most the first line
 * (and the chunk that completes it) is buffered.
 */
export async function decodeSource(input: ByteInput, options: DecodeOptions = {}): Promise<DecodedSource> {
  const raw = peekable(toBuffers(input));
  const head = await raw.peek(GZIP_MAGIC.length);
  const compressed = head.length >= 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
  const bytes = compressed ? gunzip(raw.rest(), options.maxDecompressedBytes ?? Infinity) : raw.rest();
  const decoded = peekable(bytes);
  const firstLine = await decoded.peekLine(MAX_SNIFF_BYTES);
  return { compressed, chunks: decoded.rest(), firstLine };
}

async function* toBuffers(input: ByteInput): AsyncIterable<Buffer> {
  for await (const chunk of input as AsyncIterable<Uint8Array | string>) {
    yield typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
}

/**
 * Decompresses as the bytes are read. A few hundred KB of gzip can expand to gigabytes (a
 * "zip bomb"), so the output is counted: past `limit` the iteration fails with 413, which destroys
 * the inflater at once (it inflates at most one buffer ahead of the reader) and reads no more input.
 */
async function* gunzip(chunks: AsyncIterable<Buffer>, limit: number): AsyncIterable<Buffer> {
  const source = Readable.from(chunks);
  const inflater = createGunzip();
  // Errors on either side end the iteration with that error.
  source.on('error', (e) => inflater.destroy(e));
  source.pipe(inflater);
  let inflated = 0;
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      inflated += chunk.length;
      if (inflated > limit) {
        throw new AppError('PAYLOAD_TOO_LARGE', `The gzip file decompresses to more than the import limit of ${limit} bytes; nothing was recorded`);
      }
      yield chunk;
    }
  } finally {
    source.destroy();
  }
}

interface Peekable {
  /** Buffers until at least n bytes (or the end) are available; returns what is buffered. */
  peek(n: number): Promise<Buffer>;
  /** Buffers until a line break (or the end, or `limit` bytes); returns the first line. */
  peekLine(limit: number): Promise<string>;
  /** Everything: the buffered bytes, then the rest of the source. */
  rest(): AsyncIterable<Buffer>;
}

function peekable(source: AsyncIterable<Buffer>): Peekable {
  const iterator = source[Symbol.asyncIterator]();
  const buffered: Buffer[] = [];
  let size = 0;
  let ended = false;

  async function pull(): Promise<boolean> {
    if (ended) return false;
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      return false;
    }
    buffered.push(next.value);
    size += next.value.length;
    return true;
  }

  return {
    async peek(n) {
      while (size < n && (await pull()));
      return Buffer.concat(buffered);
    },
    async peekLine(limit) {
      for (;;) {
        const all = Buffer.concat(buffered);
        const nl = all.indexOf(0x0a);
        if (nl >= 0) return all.subarray(0, nl).toString('utf8').replace(/\r$/, '');
        if (size >= limit || !(await pull())) return all.subarray(0, limit).toString('utf8');
      }
    },
    rest() {
      return (async function* () {
        for (const b of buffered.splice(0)) yield b;
        for (;;) {
          if (ended) return;
          const next = await iterator.next();
          if (next.done) return;
          yield next.value;
        }
      })();
    },
  };
}
