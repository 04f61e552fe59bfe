import type { OpenApiExample } from './define.js';

/**
 * POST /v1/imports/eurostat?dataset=migr_eiord: a TSV file in Eurostat's download layout (the first
 * cell names the dimensions and the time dimension; periods and values carry a trailing space, flags
 * follow the value, `:` is not available). Keyed by the dataset it is posted as.
 */
export const eurostatFileExamples: Record<string, OpenApiExample<string>> = {
  migr_eiord: {
    summary: 'Return decisions (migr_eiord), annual, TSV: Ethiopia and Tunisia, EU27',
    value: [
      'freq,citizen,age,sex,unit,geo\\TIME_PERIOD\t2021 \t2022 \t2023 ',
      'A,ET,TOTAL,T,PER,EU27_2020\t1395 \t1475 \t2020 e',
      'A,ET,TOTAL,T,PER,NL\t: \t120 \t135 ',
      'A,TN,TOTAL,T,PER,EU27_2020\t19000 \t22000 \t24000 ',
      '',
    ].join('\n'),
  },
};
