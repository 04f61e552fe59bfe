import { AppError } from '../errors/catalogue.js';
import type { DomainErrorCode } from '../errors/domain-codes.js';

/** Throws the domain refusal `code` (409) with a message a desk officer understands. */
export function refuse(code: DomainErrorCode, message: string): never {
  throw new AppError(code, message);
}
