import { AppError } from '../../src/domain/errors';

/** The AppError `fn` throws; fails the test when it returns or throws anything else. */
export function appErrorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}
