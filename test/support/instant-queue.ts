import {
  GiveUp,
  RetryLater,
  type DeadLetter,
  type DeliveryJob,
  type DeliveryQueue,
  type JobContext,
  type QueueCounts,
} from '../../src/reminders/delivery-queue';

/**
 * A queue for tests of what is queued and what the handler decides: it keeps jobs in memory and
 * runs them only when told (`work()`), once each, recording retries and dead letters instead of waiting.
 */
export class InstantQueue<T> implements DeliveryQueue<T> {
  readonly ids = new Set<string>();
  readonly waiting: DeliveryJob<T>[] = [];
  readonly retries: { id: string; delayMs: number; throttled: boolean }[] = [];
  readonly dead: DeadLetter[] = [];
  private handler: ((job: DeliveryJob<T>, context: JobContext) => Promise<void>) | undefined;

  add(job: DeliveryJob<T>): Promise<'added' | 'duplicate'> {
    if (this.ids.has(job.id)) return Promise.resolve('duplicate');
    this.ids.add(job.id);
    this.waiting.push(job);
    return Promise.resolve('added');
  }

  start(handler: (job: DeliveryJob<T>, context: JobContext) => Promise<void>): void {
    this.handler = handler;
  }

  /** Runs every waiting job once; a retried job waits for the next call. Returns the jobs run. */
  async work(): Promise<DeliveryJob<T>[]> {
    const handler = this.handler;
    if (!handler) throw new Error('queue not started');
    const batch = this.waiting.splice(0);
    for (const job of batch) {
      try {
        await handler(job, { attempt: 1, maybeRepeated: false });
      } catch (e) {
        if (e instanceof RetryLater) {
          this.retries.push({ id: job.id, delayMs: e.delayMs, throttled: e.throttled });
          this.waiting.push(job);
        } else {
          this.dead.push({ id: job.id, conversationId: job.conversationId, reason: e instanceof GiveUp ? e.message : String(e), attempts: 1, failedAt: '' });
        }
      }
    }
    return batch;
  }

  counts(): Promise<QueueCounts> {
    return Promise.resolve({ waiting: this.waiting.length, delayed: 0, active: 0, completed: 0, dead: this.dead.length });
  }

  deadLetters(): Promise<DeadLetter[]> {
    return Promise.resolve([...this.dead]);
  }

  drained(): Promise<void> {
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
