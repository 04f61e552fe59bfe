import type { StoredEvent } from '../../contracts/index.js';
import type { Projection, ReadModelTx, Row } from '../types.js';

/** Published scoring-model versions and closed reporting periods (the global streams). */

export const MODELS = 'scoring_models';
export const PERIODS = 'closed_periods';

export interface ModelRow extends Row {
  modelVersion: number;
  model: Record<string, unknown>;
  eventId: string;
  approvedBy: string;
  publishedAt: string;
  position: number;
}

export interface PeriodRow extends Row {
  period: string;
  eventId: string;
  closedOn: string;
  dataCutoff: string | null;
  recordedAt: string;
  position: number;
}

/** Keys sort numerically as text. */
export const modelKey = (v: number) => String(v).padStart(6, '0');

export const governanceProjection: Projection = {
  name: 'governance',
  version: 1,
  globalEventsOnly: true,
  tables: [
    { name: MODELS, columns: { model_version: { type: 'INTEGER', from: (r) => r['modelVersion'] as number } } },
    { name: PERIODS },
  ],
  apply(event: StoredEvent, tx: ReadModelTx): void {
    if (event.type === 'ScoringModelVersionPublished') {
      const row = modelRowOf(event);
      tx.put(MODELS, modelKey(row.modelVersion), row);
    } else if (event.type === 'PeriodClosed') {
      const row = periodRowOf(event);
      if (tx.get(PERIODS, row.period)) return; // closing twice is refused by the command; keep the first
      tx.put(PERIODS, row.period, row);
    }
  },
};

/** The row a ScoringModelVersionPublished event keeps (also read straight from the stream: src/as-of/governance-at.ts). */
export function modelRowOf(event: StoredEvent): ModelRow {
  const model = event.data['model'] as Record<string, unknown>;
  return {
    modelVersion: model['modelVersion'] as number,
    model,
    eventId: event.eventId,
    approvedBy: event.data['approvedBy'] as string,
    publishedAt: event.recordedAt,
    position: event.position,
  };
}

/** The row a PeriodClosed event keeps (also read straight from the stream: src/as-of/governance-at.ts). */
export function periodRowOf(event: StoredEvent): PeriodRow {
  return {
    period: event.data['period'] as string,
    eventId: event.eventId,
    closedOn: event.occurredOn,
    dataCutoff: (event.data['dataCutoff'] as string | undefined) ?? null,
    recordedAt: event.recordedAt,
    position: event.position,
  };
}
