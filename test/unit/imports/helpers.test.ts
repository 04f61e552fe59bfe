import t from 'tap';
import {
  datasetFromDataflow,
  datasetFromFileName,
  evidenceStatusOf,
  normalisePeriod,
  parseFilterArgs,
  parseLastUpdate,
  periodEnd,
} from '../../../src/imports/eurostat/index.js';

t.test('periods: Eurostat quarter forms normalised, others refused', async (t) => {
  t.equal(normalisePeriod('2023 '), '2023');
  t.equal(normalisePeriod('2023-Q2'), '2023-Q2');
  t.equal(normalisePeriod('2023Q2 '), '2023-Q2');
  t.equal(normalisePeriod('2023-q4'), '2023-Q4');
  for (const bad of ['2023-Q5', '2023M05', '2023-05', 'Q2', '1899', '']) t.equal(normalisePeriod(bad), undefined, bad);
});

t.test('end of a period', async (t) => {
  t.equal(periodEnd('2023'), '2023-12-31');
  t.equal(periodEnd('2024-Q1'), '2024-03-31');
  t.equal(periodEnd('2023-Q2'), '2023-06-30');
  t.equal(periodEnd('2023-Q3'), '2023-09-30');
  t.equal(periodEnd('2023-Q4'), '2023-12-31');
});

t.test('last-update stamps', async (t) => {
  t.equal(parseLastUpdate('06/05/24 23:00:00'), '2024-05-06');
  t.equal(parseLastUpdate('2024-05-06'), '2024-05-06');
  t.equal(parseLastUpdate('2024-05-06T23:00:00+02:00'), '2024-05-06');
  t.equal(parseLastUpdate('31/02/24 10:00:00'), undefined);
  t.equal(parseLastUpdate(''), undefined);
});

t.test('dataset codes from DATAFLOW and from file names', async (t) => {
  t.equal(datasetFromDataflow('ESTAT:MIGR_EIORD(1.0)'), 'migr_eiord');
  t.equal(datasetFromDataflow('ESTAT:MIGR_EIRTN1(1.0)'), 'migr_eirtn1');
  t.equal(datasetFromDataflow('migr_eiord'), 'migr_eiord');
  t.equal(datasetFromFileName('downloads/migr_eiord.tsv.gz'), 'migr_eiord');
  t.equal(datasetFromFileName('estat_migr_eirtn1.tsv'), 'migr_eirtn1');
  t.equal(datasetFromFileName('MIGR_EIRTN__custom_1234.csv'), 'migr_eirtn');
  t.equal(datasetFromFileName('migr_eiordx.tsv'), undefined);
  t.equal(datasetFromFileName('figures.tsv'), undefined);
});

t.test('evidence status from flags: weakest wins', async (t) => {
  t.equal(evidenceStatusOf(''), 'confirmed');
  t.equal(evidenceStatusOf('b'), 'confirmed');
  t.equal(evidenceStatusOf('d'), 'confirmed');
  t.equal(evidenceStatusOf('p'), 'reported');
  t.equal(evidenceStatusOf('u'), 'reported');
  t.equal(evidenceStatusOf('e'), 'estimate');
  t.equal(evidenceStatusOf('ep'), 'estimate');
  t.equal(evidenceStatusOf('bu'), 'reported');
  t.equal(evidenceStatusOf('s'), 'estimate');
  t.equal(evidenceStatusOf('r'), 'confirmed');
});

t.test('filters named like Object.prototype members are ordinary filters', async (t) => {
  for (const dim of ['constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
    t.same(parseFilterArgs([`${dim}=x`]), { [dim]: 'x' }, dim);
    t.same(parseFilterArgs([`${dim}=x`, `${dim}=x`]), { [dim]: 'x' }, `${dim} twice with the same value`);
    t.throws(() => parseFilterArgs([`${dim}=x`, `${dim}=y`]), /given twice with different values/, `${dim} twice with different values`);
  }
});
