import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';

/**
 * Eurostat files in their real download layouts, written by the tests. TSV: the first header cell
 * names the dimensions and the time dimension, period cells carry a trailing space, values carry
 * a space and optional flags, `:` is not available and `: c` confidential.
 */
export const COUNTRIES = ['ET', 'SO', 'TN', 'DZ', 'TR'] as const;

export function eiordTsv(values: { et2023?: string } = {}): string {
  return [
    'freq,citizen,age,sex,unit,geo\\TIME_PERIOD\t2021 \t2022 \t2023 ',
    'A,DZ,TOTAL,T,PER,EU27_2020\t31565 \t32050 \t30875 p',
    `A,ET,TOTAL,T,PER,EU27_2020\t1395 \t1475 \t${values.et2023 ?? '2020 e'}`,
    'A,ET,TOTAL,T,PER,NL\t: \t120 \t135 ',
    'A,ET,Y14-17,T,PER,EU27_2020\t55 \t60 \t: ',
    'A,ET,TOTAL,F,PER,EU27_2020\t200 \t210 \t230 ',
    'A,EXT_EU27_2020,TOTAL,T,PER,EU27_2020\t342000 \t422000 \t484160 ',
    'A,IQ,TOTAL,T,PER,EU27_2020\t13015 \t14005 \t15110 ',
    'A,SO,TOTAL,T,PER,EU27_2020\t: \t: c\t880 u',
    'A,TN,TOTAL,T,PER,EU27_2020\t19000 \t22000 \t24000 ',
    'A,TR,TOTAL,T,PER,EU27_2020\t19850 \t24285 \t31500 ',
    '',
  ].join('\n');
}

/** What the planner must make of eiordTsv() with the five configured countries and default options. */
export const EIORD_TSV_COUNTS = {
  observations: 30,
  recorded: 13,
  unchanged: 0,
  revised: 0,
  skipped: 17,
  skippedByReason: {
    'not-available': 1,
    confidential: 1,
    'aggregate-citizen': 3,
    'country-not-configured': 3,
    'filtered-out': 9,
  },
  filteredOutBy: { geo: 3, age: 3, sex: 3 },
};

const SDMX_HEADER = 'DATAFLOW,LAST UPDATE,freq,c_dest,citizen,age,sex,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG';

/** SDMX-CSV, one observation per row, migr_eirtn with a destination breakdown. */
export function eirtnSdmxCsv(lastUpdate = '06/05/24 23:00:00'): string {
  const row = (dest: string, citizen: string, geo: string, period: string, value: string, flag = '') =>
    `ESTAT:MIGR_EIRTN(1.0),${lastUpdate},A,${dest},${citizen},TOTAL,T,PER,${geo},${period},${value},${flag}`;
  return [
    SDMX_HEADER,
    row('TOTAL', 'ET', 'EU27_2020', '2022', '385'),
    row('THRD', 'ET', 'EU27_2020', '2022', '300', 'p'),
    row('EU27_2020', 'ET', 'EU27_2020', '2022', '85'),
    row('TOTAL', 'TN', 'EU27_2020', '2022', '2855'),
    row('TOTAL', 'TN', 'DE', '2022', '1000'),
    row('TOTAL', 'SO', 'EU27_2020', '2022', '', 'c'),
    row('TOTAL', 'EXT_EU27_2020', 'EU27_2020', '2022', '111185'),
    row('TOTAL', 'NG', 'EU27_2020', '2022', '1600'),
    '',
  ].join('\r\n');
}

/** Quarterly SDMX-CSV (migr_eiord1), periods written the SDMX way (2023-Q1). */
export function eiord1SdmxCsv(): string {
  return [
    'DATAFLOW,LAST UPDATE,freq,citizen,age,sex,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG',
    'ESTAT:MIGR_EIORD1(1.0),2024-06-11,Q,ET,TOTAL,T,PER,EU27_2020,2023-Q1,455,',
    'ESTAT:MIGR_EIORD1(1.0),2024-06-11,Q,ET,TOTAL,T,PER,EU27_2020,2023-Q2,500,e',
    '',
  ].join('\n');
}

/**
 * A whole-dataset sized TSV written streaming to `path`: `series` lines x `periods` columns
 * observations, mostly other citizens and Member States (as in the real file), so the plan stays
 * small while the parser reads every cell.
 */
export async function writeLargeTsv(path: string, opts: { series: number; periods: number; gzip?: boolean }): Promise<number> {
  const years = Array.from({ length: opts.periods }, (_, i) => 2008 + i);
  const citizens = ['ET', 'SO', 'TN', 'DZ', 'TR', 'IQ', 'NG', 'MA', 'AF', 'PK', 'EXT_EU27_2020'];
  const geos = ['EU27_2020', 'BE', 'DE', 'FR', 'NL', 'IT', 'ES', 'SE', 'AT', 'PL'];
  const sexes = ['T', 'F', 'M'];
  const ages = ['TOTAL', 'Y_LT14', 'Y14-17', 'Y18-34', 'Y_GE35'];
  function* lines(): Generator<string> {
    yield `freq,citizen,age,sex,unit,geo\\TIME_PERIOD\t${years.map((y) => `${y} `).join('\t')}\n`;
    let written = 0;
    // Each combination is a distinct series key; the count is capped at `series`.
    outer: for (let k = 0; ; k++) {
      for (const citizen of citizens) for (const geo of geos) for (const sex of sexes) for (const age of ages) {
        if (written >= opts.series) break outer;
        const unit = k === 0 ? 'PER' : `X${k}`;
        const cells = years.map((y, i) => ((written + i) % 17 === 0 ? ': ' : (written + i) % 13 === 0 ? `${(y % 50) * 5} p` : `${((written * 7 + i) % 4000) * 5} `));
        yield `A,${citizen},${age},${sex},${unit},${geo}\t${cells.join('\t')}\n`;
        written++;
      }
    }
  }
  const out = createWriteStream(path);
  if (opts.gzip) {
    await pipeline(Readable.from(lines()), createGzip(), out);
  } else {
    for (const line of lines()) if (!out.write(line)) await once(out, 'drain');
    out.end();
    await once(out, 'finish');
  }
  return opts.series * opts.periods;
}
