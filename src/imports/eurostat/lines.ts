import { StringDecoder } from 'node:string_decoder';

export interface NumberedLine {
  text: string;
  /** 1-based. */
  number: number;
}

/**
 * Splits decoded UTF-8 content into lines (LF or CRLF), numbering them from 1, one batch per
 * input chunk (one await per chunk rather than per line keeps large files fast). Only one partial
 * line is held between chunks, so memory is bounded by the chunk size and the longest line.
 */
export async function* numberedLineBatches(chunks: AsyncIterable<Buffer>): AsyncGenerator<NumberedLine[]> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let number = 0;
  for await (const chunk of chunks) {
    pending += decoder.write(chunk);
    const batch: NumberedLine[] = [];
    let start = 0;
    for (let nl = pending.indexOf('\n', start); nl >= 0; nl = pending.indexOf('\n', start)) {
      batch.push({ text: clean(pending.slice(start, nl), ++number), number });
      start = nl + 1;
    }
    pending = pending.slice(start);
    if (batch.length > 0) yield batch;
  }
  pending += decoder.end();
  if (pending.length > 0) yield [{ text: clean(pending, ++number), number }];
}

function clean(line: string, number: number): string {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  return number === 1 && text.startsWith('\uFEFF') ? text.slice(1) : text;
}
