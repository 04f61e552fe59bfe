/** The answer to a body that does not match its schema (README, Errors). */
export const problemExample = {
  type: 'https://rcm.invalid/problems/validation-failed',
  title: 'The request does not match the schema',
  status: 400,
  code: 'VALIDATION_FAILED',
  detail: 'body.occurredOn: Not a real calendar date',
  errors: [{ path: 'body.occurredOn', message: 'Not a real calendar date' }],
};
