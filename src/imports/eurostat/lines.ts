import { StringDecoder } from 'node:string_decoder';
import { fileError } from './file-error.js';

export interface NumberedLine {
  text: string;
  /** 1-based. */
  number: number;
}

/**
 * Longest line accepted, in characters. A Eurostat line is a series key and its cells (a few KB
 * even for hundreds of periods); a longer one is not a table, and holding it would let a small
 * gzip body fill memory.
 */
export const MAX_LINE_CHARS = 1024 * 1024;

/** Whitespace only (a `\r` left by CRLF included). */
const BLANK = /^\s*$/;

/**
 * Splits decoded UTF-8 content into lines (LF or CRLF), numbering them from 1, one batch per
 * input chunk (one await per chunk rather than per line keeps large files fast). Only one partial
 * line is held between chunks, as pieces joined once its end arrives (appending to one string and
 * searching it again per chunk was quadratic in the line's length), so memory is bounded by the
 * chunk size and MAX_LINE_CHARS. Blank lines carry no data in either format: they are counted but
 * not returned, so a file of millions of them costs a scan, not an object (and a parse) each.
 */
export async function* numberedLineBatches(chunks: AsyncIterable<Buffer>): AsyncGenerator<NumberedLine[]> {
  const decoder = new StringDecoder('utf8');
  const partial: string[] = [];
  let partialLength = 0;
  let number = 0;
  const complete = (tail: string): string => {
    if (partial.length === 0) return tail;
    partial.push(tail);
    const line = partial.join('');
    partial.length = 0;
    partialLength = 0;
    return line;
  };
  const keep = (line: string, batch: NumberedLine[]) => {
    if (line.length > MAX_LINE_CHARS) throw tooLong(number);
    if (line.length > 0 && !BLANK.test(line)) batch.push({ text: clean(line, number), number });
  };
  for await (const chunk of chunks) {
    const text = decoder.write(chunk);
    const batch: NumberedLine[] = [];
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      number++;
      keep(complete(text.slice(start, nl)), batch);
      start = nl + 1;
    }
    if (start < text.length) {
      partial.push(text.slice(start));
      partialLength += text.length - start;
      if (partialLength > MAX_LINE_CHARS) throw tooLong(number + 1);
    }
    if (batch.length > 0) yield batch;
  }
  const last = complete(decoder.end());
  if (last.length > 0) {
    number++;
    const batch: NumberedLine[] = [];
    keep(last, batch);
    if (batch.length > 0) yield batch;
  }
}

function tooLong(number: number) {
  return fileError(number, `the line is longer than ${MAX_LINE_CHARS} characters; a Eurostat line is a series key and its cells`);
}

function clean(line: string, number: number): string {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  return number === 1 && text.startsWith('\uFEFF') ? text.slice(1) : text;
}
