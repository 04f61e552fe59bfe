import { ScoringModel } from '../../contracts/index.js';
import type { ModelRow } from '../../projections/governance/index.js';
import { scoringModelV1 } from '../../projections/scoring/model-v1.js';
import { AppError } from '../errors/catalogue.js';

export interface PublishedModelInfo {
  modelVersion: number;
  model: ScoringModel;
  eventId: string | null;
  approvedBy: string | null;
  publishedAt: string | null;
}

/** Every scoring-model version given the published ones: version 1 is built in (unless published itself). */
export function publishedModels(rows: readonly ModelRow[]): PublishedModelInfo[] {
  const out: PublishedModelInfo[] = [{ modelVersion: 1, model: scoringModelV1, eventId: null, approvedBy: null, publishedAt: null }];
  for (const m of rows) {
    const info = { modelVersion: m.modelVersion, model: ScoringModel.parse(m.model), eventId: m.eventId, approvedBy: m.approvedBy, publishedAt: m.publishedAt };
    if (m.modelVersion === 1) out[0] = info;
    else out.push(info);
  }
  return out.sort((a, b) => a.modelVersion - b.modelVersion);
}

/** The model a read uses: the asked version (404 when not published), else the latest. */
export function chooseModel(all: readonly PublishedModelInfo[], version?: number): ScoringModel {
  if (version === undefined) return all[all.length - 1]!.model;
  const found = all.find((m) => m.modelVersion === version);
  if (!found) throw new AppError('NOT_FOUND', `No scoring model version ${version}; published: ${all.map((m) => m.modelVersion).join(', ')}`);
  return found.model;
}
