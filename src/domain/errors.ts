// The errors a user can meet. Code throws these; the edge (card, CLI, HTTP) renders them
// through the message catalog (src/i18n) in the user's language. Nothing internal reaches a user.

export const ERROR_CODES = ['forbidden', 'not-found', 'bad-request', 'throttled', 'unavailable'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Parameters a message may interpolate; values are already safe to show to the asker. */
export type ErrorParams = Readonly<Record<string, string | number | readonly string[]>>;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** Message key in the catalog, e.g. `errors.unknownQuery`. */
    readonly key: string,
    readonly params: ErrorParams = {},
  ) {
    super(`${code}: ${key}`);
    this.name = 'AppError';
  }
}

export const forbidden = (key: string, params?: ErrorParams): AppError => new AppError('forbidden', key, params);
export const notFound = (key: string, params?: ErrorParams): AppError => new AppError('not-found', key, params);
export const badRequest = (key: string, params?: ErrorParams): AppError => new AppError('bad-request', key, params);

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
