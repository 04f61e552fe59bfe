import { AppError } from '../../errors/catalogue.js';

/**
 * A file that is not a valid Eurostat table. Every such error names the line (1-based) and the
 * problem, so a preparer can open the file and see what is wrong; the import records nothing.
 */
export function fileError(line: number, problem: string): AppError {
  return new AppError('VALIDATION_FAILED', `Line ${line}: ${problem}`, [{ path: `line ${line}`, message: problem }]);
}

/** A problem with the file as a whole (no single line to blame), or with the import options. */
export function importError(problem: string): AppError {
  return new AppError('VALIDATION_FAILED', problem, [{ path: 'file', message: problem }]);
}
