// Proactive sends go through a queue: persisted, retried, rate-limited, each job delivered once.
// Two implementations behind this interface — BullMQ on Redis (several instances) and an embedded
// persistent queue (one process, STATE_DIR) — pass one shared conformance suite.

/** One send to make. `id` is its idempotency key: adding an id the queue already holds (in any state) does nothing. */
export interface DeliveryJob<T = unknown> {
  id: string;
  /** The conversation it goes to: the per-conversation rate limit applies to it. */
  conversationId: string;
  data: T;
}

/** What the handler tells the queue when a send did not succeed. */
export class RetryLater extends Error {
  constructor(
    /** Wait at least this long before the next attempt (e.g. HTTP 429's Retry-After). */
    readonly delayMs: number,
    reason: string,
    /** A throttling answer (429): the whole queue slows down for `delayMs`, not only this job. */
    readonly throttled = false,
  ) {
    super(reason);
    this.name = 'RetryLater';
  }
}

/** A send that can never succeed (403, 404, a bad payload): the job goes to the dead letters at once. */
export class GiveUp extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'GiveUp';
  }
}

export interface DeadLetter {
  id: string;
  conversationId: string;
  reason: string;
  attempts: number;
  failedAt: string;
}

export interface QueueCounts {
  waiting: number;
  delayed: number;
  active: number;
  completed: number;
  dead: number;
}

export interface JobContext {
  /** 1 on the first attempt. */
  attempt: number;
  /**
   * True when an earlier attempt of this job started and never finished (the process died during
   * the send): the send may have reached Teams already, and this one may repeat it.
   */
  maybeRepeated: boolean;
}

export interface DeliveryQueueOptions {
  /** Sends per second for the whole app and tenant (Teams: 50). */
  globalPerSecond: number;
  /** Sends per second into one conversation (Teams: 7). */
  perConversationPerSecond: number;
  /** Attempts of a retryable failure before the job is dead-lettered. */
  maxAttempts: number;
  /** Jobs handled at once by this process. */
  concurrency: number;
}

export interface DeliveryQueue<T = unknown> {
  /** Adds a job unless one with its id was ever added; resolves once the job is persisted. */
  add(job: DeliveryJob<T>, options?: { delayMs?: number }): Promise<'added' | 'duplicate'>;
  /**
   * Starts working: the handler resolving means delivered; throwing RetryLater retries (with
   * backoff, at least its delay), GiveUp or too many attempts dead-letters; anything else is retried
   * with exponential backoff and jitter. Rate limits are honoured before the handler is called.
   */
  start(handler: (job: DeliveryJob<T>, context: JobContext) => Promise<void>): void;
  counts(): Promise<QueueCounts>;
  deadLetters(): Promise<DeadLetter[]>;
  /** Resolves when nothing is waiting, delayed or active (tests and `reminders run`). */
  drained(): Promise<void>;
  /** Stops taking jobs, lets active ones finish, releases connections or files. */
  close(): Promise<void>;
}
