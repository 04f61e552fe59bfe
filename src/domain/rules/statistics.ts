import { dataOf } from '../fact.js';
import type { RuleTable } from './rule.js';
import { requirePeriodStarted } from './periods.js';

/*
 * Statistics are aggregates. A later report for the same scope (type, period, reportingScope, ...)
 * is allowed: the read side lets it supersede the earlier one. The only rule: the period must have
 * started on the report's date.
 */
export const statisticsRules: RuleTable = {
  ReturnDecisionsReported(_state, fact) {
    requirePeriodStarted(dataOf(fact, 'ReturnDecisionsReported').period, fact.occurredOn, 'Return decisions');
  },
  ReturnsReported(_state, fact) {
    requirePeriodStarted(dataOf(fact, 'ReturnsReported').period, fact.occurredOn, 'Returns');
  },
  ReadmissionStatisticsReported(_state, fact) {
    requirePeriodStarted(dataOf(fact, 'ReadmissionStatisticsReported').period, fact.occurredOn, 'Readmission statistics');
  },
  QualitativeAssessmentRecorded(_state, fact) {
    requirePeriodStarted(dataOf(fact, 'QualitativeAssessmentRecorded').period, fact.occurredOn, 'A qualitative assessment');
  },
};
