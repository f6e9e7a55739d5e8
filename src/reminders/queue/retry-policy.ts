import { GiveUp, RetryLater } from '../delivery-queue';
import type { ResolvedOptions } from './queue-options';

// What happens after a failed attempt, the same in both queues: GiveUp or the last allowed attempt
// dead-letters the job; anything else retries after an exponential backoff with jitter, and a
// RetryLater never sooner than its own delay.

export type AfterFailure =
  | { kind: 'dead'; reason: string }
  /** `throttleMs`: how long the whole queue holds back (a 429), 0 for this job only. */
  | { kind: 'retry'; reason: string; delayMs: number; throttleMs: number };

export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}

/**
 * Doubles per attempt up to `maxMs`, with "equal jitter" (half fixed, half random) so that jobs
 * that failed together, such as after an outage, do not all come back at the same moment.
 */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** The wait before the next attempt, after attempt number `attempt` failed with `error`. */
export function retryDelayMs(error: unknown, attempt: number, options: ResolvedOptions, random?: () => number): number {
  const backoff = backoffMs(attempt, options.retryBaseDelayMs, options.retryMaxDelayMs, random);
  return error instanceof RetryLater ? Math.max(Math.ceil(error.delayMs), backoff) : backoff;
}

export function afterFailure(error: unknown, attempt: number, options: ResolvedOptions, random?: () => number): AfterFailure {
  const reason = reasonOf(error);
  if (error instanceof GiveUp || attempt >= options.maxAttempts) return { kind: 'dead', reason };
  const throttleMs = error instanceof RetryLater && error.throttled ? Math.ceil(error.delayMs) : 0;
  return { kind: 'retry', reason, delayMs: retryDelayMs(error, attempt, options, random), throttleMs };
}
