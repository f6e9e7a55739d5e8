import path from 'node:path';
import { FileDataSource } from '../data/file-source';
import { DatasetError } from '../data/source';
import { AppError, badRequest, isAppError } from '../domain/errors';
import { isIsoDate, isoDateIn } from '../domain/dates';
import { OrgIndex } from '../domain/org-index';
import type { Locale } from '../domain/vocabulary';
import { errorMessage } from '../i18n/error-message';

// Shared by the command-line entry points: defaults, exit codes and the error object of interfaces.md.

export const SAMPLE_DATA_DIR = path.resolve(__dirname, '..', '..', 'data', 'sample');
export const DEFAULT_TIME_ZONE = 'Europe/Rome';

export const EXIT = { ok: 0, bug: 1, badRequest: 2, forbidden: 3 } as const;

/** `--today` or the real date in the product's time zone. */
export function resolveToday(flag: string | undefined, now: Date = new Date()): string {
  if (flag === undefined) return isoDateIn(DEFAULT_TIME_ZONE, now);
  if (!isIsoDate(flag)) throw badRequest('errors.badRequest.badFlag', { flag: '--today', expected: 'YYYY-MM-DD' });
  return flag;
}

export async function loadOrg(dataDir: string | undefined): Promise<OrgIndex> {
  return new OrgIndex(await new FileDataSource(dataDir ?? SAMPLE_DATA_DIR).load());
}

/** Prints `{ error: { code, message } }` on stdout (the result channel) and returns the exit code. */
export function reportFailure(error: unknown, locale: Locale = 'en'): number {
  if (isAppError(error)) {
    writeError(error.code, errorMessage(error, locale));
    return error.code === 'forbidden' ? EXIT.forbidden : error.code === 'unavailable' ? EXIT.bug : EXIT.badRequest;
  }
  if (error instanceof DatasetError) {
    writeError('bad-request', `The dataset cannot be loaded:\n${error.message}`);
    return EXIT.badRequest;
  }
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return EXIT.bug;
}

function writeError(code: string, message: string): void {
  process.stdout.write(`${JSON.stringify({ error: { code, message } })}\n`);
}

/** Runs an async entry point and exits with its code once stdout has drained. */
export function runMain(main: () => Promise<number>): void {
  main()
    .catch((error: unknown) => reportFailure(error))
    .then((code) => {
      process.exitCode = code;
    })
    .catch(() => {
      process.exitCode = EXIT.bug;
    });
}

export const isAppErrorOf = (e: unknown, code: AppError['code']): boolean => isAppError(e) && e.code === code;
