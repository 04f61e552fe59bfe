import { z } from 'zod';
import { IsoDate, LongText, Period, ShortText } from '../common.js';
import { ScoringModel } from '../scoring-model.js';
import { defineEvent } from './define.js';

export const ScoringModelVersionPublished = defineEvent(
  'ScoringModelVersionPublished',
  'governance',
  z.object({ model: ScoringModel, approvedBy: ShortText, note: LongText.optional() }).strict(),
  'A new scoring-model version was published (stream scoring-models).',
);

export const PeriodClosed = defineEvent(
  'PeriodClosed',
  'governance',
  z.object({ period: Period, dataCutoff: IsoDate.optional(), note: LongText.optional() }).strict(),
  'A reporting period was closed: its scores are no longer provisional (stream reporting-periods).',
);

export const governanceEvents = [ScoringModelVersionPublished, PeriodClosed] as const;
