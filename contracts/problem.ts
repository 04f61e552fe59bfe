import { z } from 'zod';
import { problemExample } from './examples/problem.js';

/** RFC 9457 problem details, with our stable `code`. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().describe('Stable error code, see the README'),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe('Offending fields, for validation errors'),
  })
  .describe('application/problem+json')
  .meta({ id: 'Problem', examples: [problemExample] });
export type Problem = z.infer<typeof Problem>;
