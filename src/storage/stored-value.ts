import { randomUUID } from 'node:crypto';

// What every backend shares: keys are non-empty strings, values go through JSON (so a backend
// hands out copies and a Redis backend behaves exactly like the embedded ones), eTags are random
// so that they never repeat across restarts.

export function assertKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0) throw new TypeError('storage key must be a non-empty string');
}

export function toJson(key: string, value: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (e) {
    throw new TypeError(`value for storage key "${key}" is not JSON-serializable: ${(e as Error).message}`, { cause: e });
  }
  if (json === undefined) throw new TypeError(`value for storage key "${key}" is not JSON-serializable`);
  return json;
}

export const newETag = (): string => randomUUID();

/** Rejected by every operation after close(): state must not be written behind a shutdown. */
export class StorageClosedError extends Error {
  constructor(kind: string) {
    super(`${kind} storage is closed`);
    this.name = 'StorageClosedError';
  }
}

/**
 * The backend cannot be reached right now (Redis down, a timeout): callers may fall back to what
 * they last read for answers, and must tell the user to try a change again in a moment.
 */
export class StorageUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageUnavailableError';
  }
}

export const isStorageUnavailable = (e: unknown): e is StorageUnavailableError => e instanceof StorageUnavailableError;
