import t from 'tap';
import { initialCountryState, replayCountry } from '../../../src/domain/index.js';
import { command as cmd, fact as f, spec, storedStream } from './spec.js';

const types = ['ReturnDecisionsReported', 'ReturnsReported', 'ReadmissionStatisticsReported', 'QualitativeAssessmentRecorded'] as const;

t.test('statistics for a started period are accepted, repeated reports too', async (t) => {
  for (const type of types) {
    spec(t).given([]).when(cmd(type, '2024-06-01', { period: '2024' })).thenAccepts();
    spec(t).given([]).when(cmd(type, '2024-06-01', { period: '2023-Q4' })).thenAccepts();
    spec(t).given([]).when(cmd(type, '2024-04-01', { period: '2024-Q2' })).thenAccepts();
    // A later report for the same scope supersedes on the read side; the decider accepts it.
    spec(t).given([f(type, '2024-03-01', { period: '2023' })]).when(cmd(type, '2024-06-01', { period: '2023' })).thenAccepts();
  }
});

t.test('a figure for a period that has not started is refused', async (t) => {
  for (const type of types) {
    spec(t).given([]).when(cmd(type, '2024-06-01', { period: '2025' })).thenThrows('STATISTICS_PERIOD_IN_FUTURE', /2025 cannot be reported on 2024-06-01: the period starts on 2025-01-01/);
    spec(t).given([]).when(cmd(type, '2024-06-30', { period: '2024-Q3' })).thenThrows('STATISTICS_PERIOD_IN_FUTURE', /starts on 2024-07-01/);
  }
});

t.test('statistics change no decision state', async (t) => {
  const state = replayCountry('ET', storedStream(types.map((type) => f(type, '2024-06-01'))));
  t.same(state, initialCountryState('ET'));
});
