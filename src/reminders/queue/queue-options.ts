import type { DeliveryJob, DeliveryQueueOptions } from '../delivery-queue';

/** Settings both queues share beyond DeliveryQueueOptions; every one has a default. */
export interface QueueTuning {
  /** First retry delay of a failed send; doubles per attempt, with jitter (default 1000). */
  retryBaseDelayMs?: number;
  /** Longest retry delay (default 15 minutes); a RetryLater asking for more still gets it. */
  retryMaxDelayMs?: number;
  /** How long completed and dead jobs are kept, so that adding their id again is a duplicate (default 90 days). */
  keepFinishedMs?: number;
  /**
   * The window the per-second limits are counted over. A little over a second (default 1050)
   * absorbs the jitter between our clock and Teams' arrival times: counted over 1000 ms, sends
   * 1000 ms apart here can arrive 990 ms apart there.
   */
  rateWindowMs?: number;
}

export type ResolvedOptions = DeliveryQueueOptions & Required<QueueTuning>;

const DAY_MS = 24 * 60 * 60 * 1000;

export const DEFAULT_TUNING: Required<QueueTuning> = {
  retryBaseDelayMs: 1000,
  retryMaxDelayMs: 15 * 60 * 1000,
  keepFinishedMs: 90 * DAY_MS,
  rateWindowMs: 1050,
};

function check(name: string, value: number, valid: boolean, what = 'a positive number'): void {
  if (!valid) throw new RangeError(`delivery queue: ${name} must be ${what}, got ${value}`);
}

/** Fills in the defaults and refuses settings that would stall or flood the queue, naming them. */
export function resolveOptions(options: DeliveryQueueOptions & QueueTuning): ResolvedOptions {
  const resolved: ResolvedOptions = {
    ...DEFAULT_TUNING,
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
  } as ResolvedOptions;
  for (const name of ['globalPerSecond', 'perConversationPerSecond', 'retryMaxDelayMs', 'keepFinishedMs', 'rateWindowMs'] as const) {
    check(name, resolved[name], resolved[name] > 0 && Number.isFinite(resolved[name]));
  }
  check('retryBaseDelayMs', resolved.retryBaseDelayMs, resolved.retryBaseDelayMs >= 0 && Number.isFinite(resolved.retryBaseDelayMs), 'zero or more');
  for (const name of ['maxAttempts', 'concurrency'] as const) {
    check(name, resolved[name], Number.isSafeInteger(resolved[name]) && resolved[name] >= 1, 'a whole number of at least 1');
  }
  return resolved;
}

/** A job the queue can store: a non-empty id and conversation id, JSON data. */
export function assertJob(job: DeliveryJob<unknown>): void {
  if (typeof job?.id !== 'string' || job.id.length === 0) throw new TypeError('delivery queue: a job needs a non-empty string id');
  if (typeof job.conversationId !== 'string' || job.conversationId.length === 0) {
    throw new TypeError(`delivery queue: job "${job.id}" needs a non-empty conversationId`);
  }
}

/** The key of the global limit and of one conversation's limit, for a RateLimiter. */
export const GLOBAL_LIMIT_KEY = 'global';
export const conversationLimitKey = (conversationId: string): string => `conversation:${conversationId}`;
