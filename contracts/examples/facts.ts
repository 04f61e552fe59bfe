import type { CountryFamily } from '../events/define.js';
import { familyOf } from '../events/index.js';
import { correctionExamples } from './corrections.js';
import { examplesMap, namedExamples, type FactExample } from './define.js';
import { dialogueExamples } from './dialogues.js';
import { instrumentExamples } from './instruments.js';
import { requestExamples } from './requests.js';
import { returnOperationExamples } from './return-operations.js';
import { statisticsExamples } from './statistics.js';
import { visaMeasureExamples } from './visa-measures.js';

/** Every example fact, at least one of each event type a desk can post. */
export const factExamples: readonly FactExample[] = [
  ...dialogueExamples,
  ...instrumentExamples,
  ...visaMeasureExamples,
  ...requestExamples,
  ...returnOperationExamples,
  ...statisticsExamples,
  ...correctionExamples,
];

/** The `examples` metadata of a family's command body (POST /v1/countries/{country}/{family}). */
export function factExamplesMeta(family: CountryFamily) {
  return namedExamples(examplesMap(factExamples.filter((e) => familyOf(e.value.type) === family)));
}
