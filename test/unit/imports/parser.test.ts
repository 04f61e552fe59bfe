import t from 'tap';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { observationsOf, openEurostat, type Observation } from '../../../src/imports/eurostat/index.js';
import { MAX_LINE_CHARS, numberedLineBatches } from '../../../src/imports/eurostat/lines.js';
import { isAppError } from '../../../src/errors/catalogue.js';
import { eiord1SdmxCsv, eiordTsv, eirtnSdmxCsv } from './fixtures.js';

async function readAll(input: string | Buffer, chunkSize = 7) {
  // Small chunks: lines, cells and gzip members are split across chunk boundaries.
  const buf = typeof input === 'string' ? Buffer.from(input) : input;
  const chunks = Array.from({ length: Math.ceil(buf.length / chunkSize) }, (_, i) => buf.subarray(i * chunkSize, (i + 1) * chunkSize));
  const file = await openEurostat(chunks);
  const observations: Observation[] = [];
  for await (const o of observationsOf(file)) observations.push(o);
  return { header: file.header, observations };
}

async function failure(input: string | Buffer): Promise<{ message: string; path: string | undefined }> {
  try {
    await readAll(input);
  } catch (e) {
    if (!isAppError(e)) throw e;
    return { message: e.message, path: e.errors?.[0]?.path };
  }
  throw new Error('expected the file to be rejected');
}

t.test('TSV: dimensions from the header, trailing spaces, flags, ":" cells, line numbers', async (t) => {
  const { header, observations } = await readAll(eiordTsv());
  t.same(header, { format: 'tsv', compressed: false, dimensions: ['freq', 'citizen', 'age', 'sex', 'unit', 'geo'], dataset: undefined, lastUpdate: undefined });
  t.equal(observations.length, 30);
  t.same(observations[0], {
    dims: { freq: 'A', citizen: 'DZ', age: 'TOTAL', sex: 'T', unit: 'PER', geo: 'EU27_2020' },
    period: '2021',
    value: 31565,
    flags: '',
    line: 2,
  });
  t.match(observations[2], { period: '2023', value: 30875, flags: 'p', line: 2 });
  const so = observations.filter((o) => o.dims['citizen'] === 'SO');
  t.same(so.map((o) => [o.period, o.value, o.flags, o.line]), [
    ['2021', null, '', 9],
    ['2022', null, 'c', 9],
    ['2023', 880, 'u', 9],
  ]);
});

t.test('TSV: a header with other dimensions is read as it is (no fixed list)', async (t) => {
  const tsv = 'unit,citizen,c_dest,geo,freq\\TIME_PERIOD\t2023Q1 \t2023-Q2 \nPER,ET,THRD,EU27_2020,Q\t40 \t45 b\n';
  const { header, observations } = await readAll(tsv);
  t.same(header.dimensions, ['unit', 'citizen', 'c_dest', 'geo', 'freq']);
  t.same(observations.map((o) => [o.period, o.value, o.flags, o.dims['c_dest']]), [
    ['2023-Q1', 40, '', 'THRD'],
    ['2023-Q2', 45, 'b', 'THRD'],
  ]);
});

t.test('TSV with CRLF line ends and a byte-order mark', async (t) => {
  const { header, observations } = await readAll('\uFEFF' + eiordTsv().replace(/\n/g, '\r\n'));
  t.equal(header.dimensions[0], 'freq');
  t.equal(observations.length, 30);
  t.equal(observations[29]!.value, 31500, 'no \\r left on the last cell');
});

t.test('SDMX-CSV: DATAFLOW gives the dataset, LAST UPDATE the date, empty OBS_VALUE is not available', async (t) => {
  const { header, observations } = await readAll(eirtnSdmxCsv());
  t.same(header, {
    format: 'sdmx-csv',
    compressed: false,
    dimensions: ['freq', 'c_dest', 'citizen', 'age', 'sex', 'unit', 'geo'],
    dataset: 'migr_eirtn',
    lastUpdate: '2024-05-06',
  });
  t.equal(observations.length, 8);
  t.match(observations[1], { dims: { c_dest: 'THRD', citizen: 'ET' }, period: '2022', value: 300, flags: 'p', line: 3, lastUpdate: '2024-05-06' });
  t.match(observations[5], { dims: { citizen: 'SO' }, value: null, flags: 'c', line: 7 });
});

t.test('SDMX-CSV: quarters and ISO last-update dates', async (t) => {
  const { header, observations } = await readAll(eiord1SdmxCsv());
  t.equal(header.dataset, 'migr_eiord1');
  t.equal(header.lastUpdate, '2024-06-11');
  t.same(observations.map((o) => o.period), ['2023-Q1', '2023-Q2']);
});

t.test('gzip is detected from the magic bytes, for both formats', async (t) => {
  const tsv = await readAll(gzipSync(eiordTsv()));
  t.equal(tsv.header.compressed, true);
  t.equal(tsv.header.format, 'tsv');
  t.equal(tsv.observations.length, 30);
  const csv = await readAll(gzipSync(eirtnSdmxCsv()), 64 * 1024);
  t.equal(csv.header.compressed, true);
  t.equal(csv.header.format, 'sdmx-csv');
  t.equal(csv.observations.length, 8);
});

t.test('malformed files are rejected with the line and the problem', async (t) => {
  const lines = eiordTsv().split('\n');
  const withLine = (n: number, text: string) => lines.map((l, i) => (i === n - 1 ? text : l)).join('\n');
  const cases: [string, string | Buffer, number | 'file', RegExp][] = [
    ['a missing cell', withLine(5, 'A,ET,Y14-17,T,PER,EU27_2020\t55 \t60 '), 5, /expected 4 tab-separated cells.*found 3/],
    ['a short series key', withLine(7, 'A,TOTAL,T,PER,EU27_2020\t1 \t2 \t3 '), 7, /has 5 values for 6 dimensions/],
    ['a value that is not a number', withLine(4, 'A,ET,TOTAL,T,PER,NL\t: \tabc \t135 '), 4, /"abc" is not a number.*column 3, period 2022/],
    ['unknown flags', withLine(3, 'A,ET,TOTAL,T,PER,EU27_2020\t1395 \t1475 \t2020 E!'), 3, /unknown status flags "E!"/],
    ['a letter that is not a Eurostat flag', withLine(3, 'A,ET,TOTAL,T,PER,EU27_2020\t1395 \t1475 \t2020 x'), 3, /unknown status flags "x"/],
    ['a period header that is not a year or quarter', withLine(1, 'freq,citizen,age,sex,unit,geo\\TIME_PERIOD\t2021 \t2022-05 \t2023 '), 1, /"2022-05" is not a year or a quarter/],
    ['neither format', 'name,value\nET,3\n', 1, /not a Eurostat TSV header.*nor an SDMX-CSV header/],
    ['an empty file', '', 1, /empty/],
    ['a CSV row of the wrong length', eirtnSdmxCsv().replace('TN,TOTAL,T,PER,DE,2022,1000,', 'TN,TOTAL,T,PER,DE,2022'), 6, /Invalid Record Length/],
    ['a CSV period that is not a year or quarter', eiord1SdmxCsv().replace('2023-Q2', '2023-M05'), 3, /TIME_PERIOD "2023-M05"/],
    ['two dataflows in one file', eirtnSdmxCsv().replace('ESTAT:MIGR_EIRTN(1.0),06/05/24 23:00:00,A,TOTAL,TN,TOTAL,T,PER,DE', 'ESTAT:MIGR_EIORD(1.0),06/05/24 23:00:00,A,TOTAL,TN,TOTAL,T,PER,DE'), 6, /one file must hold one dataset/],
  ];
  for (const [name, input, line, problem] of cases) {
    const f = await failure(input);
    t.match(f.message, problem, name);
    if (line !== 'file') {
      t.equal(f.path, `line ${line}`, `${name}: names line ${line}`);
      t.match(f.message, new RegExp(`^Line ${line}: `), `${name}: message starts with the line`);
    }
  }
});

t.test('a truncated gzip file is a file error, not a crash', async (t) => {
  const gz = gzipSync(eiordTsv());
  const f = await failure(gz.subarray(0, gz.length - 20));
  t.match(f.message, /gzip data is damaged or truncated/);
});

t.test('a gzip body that decompresses past the limit is refused with 413, and decompression stops at once', async (t) => {
  const header = 'freq,unit,citizen,age,sex,geo\\TIME_PERIOD\t2018 \n';
  // 64 MB of blank lines gzip to ~64 KB: a small "zip bomb", then a real line behind it.
  const gz = gzipSync(Buffer.concat([Buffer.from(header), Buffer.alloc(64 * 1024 * 1024, 0x0a), Buffer.from('A,PER,DZ,TOTAL,T,EU27_2020\t777 \n')]), { level: 9 });
  const chunkSize = 256;
  let pulled = 0;
  function* chunks() {
    for (let i = 0; i < gz.length; i += chunkSize) {
      pulled++;
      yield gz.subarray(i, i + chunkSize);
    }
  }
  const limit = 1024 * 1024;
  let error: unknown;
  try {
    const file = await openEurostat(chunks(), { maxDecompressedBytes: limit });
    for await (const _ of file.batches);
  } catch (e) {
    error = e;
  }
  t.ok(isAppError(error), String(error));
  t.match(error, { code: 'PAYLOAD_TOO_LARGE', status: 413, message: new RegExp(`decompresses to more than the import limit of ${limit} bytes`) });
  const total = Math.ceil(gz.length / chunkSize);
  // What was read is the limit's worth plus the streams' read-ahead (~16 KB of gzip), not the rest.
  t.ok(pulled < total / 2, `stopped reading the body early (${pulled} of ${total} chunks read)`);

  const within = await openEurostat([gz], { maxDecompressedBytes: 65 * 1024 * 1024 });
  const observations: Observation[] = [];
  for await (const batch of within.batches) observations.push(...batch);
  t.match(observations, [{ dims: { citizen: 'DZ' }, value: 777, line: 64 * 1024 * 1024 + 2 }], 'within the limit: read, and blank lines still counted');
});

t.test('blank lines are counted but not handed on (millions of them cost a scan, not a parse each)', async (t) => {
  const content = 'header\n\n  \r\n\t\nA\r\n\n\nB\n \n';
  const lines: { text: string; number: number }[] = [];
  for await (const batch of numberedLineBatches(Readable.from([Buffer.from(content)]))) lines.push(...batch);
  t.same(lines, [
    { text: 'header', number: 1 },
    { text: 'A', number: 5 },
    { text: 'B', number: 8 },
  ]);
  const { observations } = await readAll(eiordTsv().replace('\n', '\n\n\n \n'));
  t.equal(observations[0]!.line, 5, 'line numbers of the data lines still count the blank ones');
});

t.test('a line longer than any Eurostat line is refused as soon as it is seen (TSV and SDMX-CSV)', async (t) => {
  const long = 'A'.repeat(MAX_LINE_CHARS + 100);
  const tsv = await failure(gzipSync(`freq,citizen,age,sex,unit,geo\\TIME_PERIOD\t2021 \n${long}\nA,ET,TOTAL,T,PER,EU27_2020\t5 \n`));
  t.match(tsv, { message: /^Line 2: the line is longer than 1048576 characters/, path: 'line 2' });
  const unterminated = await failure(gzipSync(`freq,citizen,age,sex,unit,geo\\TIME_PERIOD\t2021 \n${long}`));
  t.match(unterminated, { message: /^Line 2: the line is longer than/ });
  const csv = await failure(gzipSync(`DATAFLOW,LAST UPDATE,freq,citizen,age,sex,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG\n${long}\n`));
  t.match(csv, { message: /^Line 2: .*Max Record Size/, path: 'line 2' });
  // The longest accepted line: a series over very many periods is still read.
  const periods = Array.from({ length: 400 }, (_, i) => `${1950 + Math.floor(i / 4)}-Q${(i % 4) + 1} `);
  const wide = await readAll(`freq,citizen,age,sex,unit,geo\\TIME_PERIOD\t${periods.join('\t')}\nA,ET,TOTAL,T,PER,EU27_2020\t${periods.map(() => '123456 p').join('\t')}\n`, 4096);
  t.equal(wide.observations.length, 400);
});
