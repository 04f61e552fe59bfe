import { countryStateProjection, countryStateV4, countryStateV5, countryStateV6 } from './country-state/index.js';
import { governanceProjection } from './governance/index.js';
import type { Projection } from './types.js';

export type { Projection, ReadModelTx, Row, TableSpec, ColumnSpec } from './types.js';
export { countryStateProjection } from './country-state/index.js';
export { governanceProjection } from './governance/index.js';
export { computeScorecard } from './scoring/compute-scorecard.js';
export { scoringModelV1 } from './scoring/model-v1.js';

/** Every projection the service runs. */
export const allProjections: readonly Projection[] = [countryStateProjection, governanceProjection];

/** Earlier versions still able to follow new events: served, and kept current, while their successor is built. */
export const previousProjectionVersions: readonly Projection[] = [countryStateV6, countryStateV5, countryStateV4];
