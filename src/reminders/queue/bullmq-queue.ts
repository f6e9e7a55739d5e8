import { randomUUID } from 'node:crypto';
import { DelayedError, Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import { createRedisClient, hashTagOf, type RedisClient, type RedisEndpoint } from '../../storage/redis-connection';
import type { DeadLetter, DeliveryJob, DeliveryQueue, DeliveryQueueOptions, JobContext, QueueCounts } from '../delivery-queue';
import { assertJob, conversationLimitKey, GLOBAL_LIMIT_KEY, resolveOptions, type QueueTuning, type ResolvedOptions } from './queue-options';
import { sendsPerWindow } from './rate-limiter';
import { RedisRateLimiter } from './redis-rate-limiter';
import { afterFailure, retryDelayMs } from './retry-policy';

export interface BullMqDeliveryQueueOptions extends DeliveryQueueOptions, QueueTuning, RedisEndpoint {
  /**
   * Put before every Redis key of the queue (default 'activity-bot:queue'). Instances with the same
   * prefix share one queue and its limits. On Redis Cluster it must hold a {hash tag}
   * ('activity-bot:{queue}'): BullMQ's scripts and the rate limits touch several keys at once.
   */
  prefix?: string;
  /**
   * How long a worker holds a job without renewing its lock (default 30000). A job whose worker
   * died is given to another one after about this plus stalledIntervalMs.
   */
  lockDurationMs?: number;
  /** How often workers look for jobs whose worker died (default 30000). */
  stalledIntervalMs?: number;
  /** Told of errors in the background (Redis connection lost, a worker error). */
  onError?: (error: Error) => void;
}

/** What a BullMQ job holds: our job, plus who added it (to tell an add from a duplicate). */
interface StoredJob {
  id: string;
  conversationId: string;
  data: unknown;
  addedBy: string;
}

type Handler<T> = (job: DeliveryJob<T>, context: JobContext) => Promise<void>;

const QUEUE_NAME = 'deliveries';
const JOB_NAME = 'delivery';
const BACKOFF_TYPE = 'delivery';
const DEFAULT_PREFIX = 'activity-bot:queue';
const DRAIN_POLL_MS = 50;
/**
 * A wait for the global limit up to this long is spent holding the job. Sent back to waiting with
 * the queue paused, a job comes back only after a fetch and a take (round trips on every worker),
 * late for the slot it waited for: at 50/s (a slot every 20 ms) that lost a fifth of the rate.
 */
const WAIT_IN_PLACE_MS = 250;

/**
 * BullMQ refuses custom job ids that are whole numbers or that hold ':' (its key separator), so
 * ours are escaped, reversibly; the job's data keeps our id as given too.
 */
export const bullJobId = (id: string): string => `d-${id.replace(/[%:]/g, (c) => (c === '%' ? '%25' : '%3A'))}`;
export const deliveryIdOf = (jobId: string): string => jobId.slice(2).replace(/%3A|%25/g, (s) => (s === '%3A' ? ':' : '%'));

const positive = (name: string, value: number | undefined, fallback: number): number => {
  if (value === undefined) return fallback;
  if (!(value > 0 && Number.isFinite(value))) throw new RangeError(`delivery queue: ${name} must be a positive number, got ${value}`);
  return value;
};

/**
 * The delivery queue on Redis with BullMQ, for several instances: a job is a BullMQ job whose id
 * is ours (so adding it again is a duplicate for as long as finished jobs are kept).
 *
 * Limits: both are sliding windows in Redis (RedisRateLimiter), checked before the handler. Over
 * the global limit, or after a 429, the whole queue stops fetching (BullMQ's queue rate limit and
 * RateLimitError, shared by every instance); over a conversation's limit, only that job is moved to
 * delayed. Neither counts as an attempt. BullMQ's own limiter ({max, window}) only keeps workers
 * from fetching far more than can be sent: its fixed windows can let twice the limit through
 * across a window boundary, so it cannot be the limit itself.
 *
 * maybeRepeated: a "sending" key is set before the handler and cleared once BullMQ has recorded
 * the outcome. A job that starts with it present was being sent by a worker that died (BullMQ's
 * stalled-job check gave it back); the key then stays until the job finishes, so every later
 * attempt is flagged too.
 */
export class BullMqDeliveryQueue<T = unknown> implements DeliveryQueue<T> {
  private readonly options: ResolvedOptions;
  private readonly prefix: string;
  private readonly lockDurationMs: number;
  private readonly stalledIntervalMs: number;
  private readonly onError: (error: Error) => void;
  private readonly connection: RedisClient;
  private readonly queue: Queue<StoredJob>;
  private readonly limiter: RedisRateLimiter;
  /** Our own keys, beside BullMQ's. */
  private readonly keyPrefix: string;
  private worker: Worker<StoredJob> | undefined;
  /** BullMQ ids of the attempts running here that are flagged maybeRepeated. */
  private readonly repeatedHere = new Set<string>();
  private readonly clearing = new Set<Promise<unknown>>();
  private closing: Promise<void> | undefined;
  /** The workers here ask for a slot one at a time: many polling the limiter at once would only race for it. */
  private turns: Promise<unknown> = Promise.resolve();

  constructor(options: BullMqDeliveryQueueOptions) {
    this.options = resolveOptions(options);
    this.prefix = options.prefix ?? DEFAULT_PREFIX;
    if (options.cluster && hashTagOf(this.prefix) === undefined) {
      throw new RangeError(
        `delivery queue: on Redis Cluster the prefix must hold a {hash tag} so that a queue's keys share one slot, e.g. "activity-bot:{queue}"; got "${this.prefix}"`,
      );
    }
    this.lockDurationMs = positive('lockDurationMs', options.lockDurationMs, 30_000);
    this.stalledIntervalMs = positive('stalledIntervalMs', options.stalledIntervalMs, 30_000);
    this.onError = options.onError ?? (() => undefined);
    // BullMQ's workers block on this connection's duplicate and expect commands to wait out a
    // reconnection rather than fail: maxRetriesPerRequest must be null
    this.connection = createRedisClient(options, { maxRetriesPerRequest: null, connectionName: 'activity-bot-deliveries' });
    this.connection.on('error', (e: Error) => this.onError(e));
    this.queue = new Queue<StoredJob>(QUEUE_NAME, { connection: this.connection, prefix: this.prefix });
    this.queue.on('error', (e: Error) => this.onError(e));
    this.keyPrefix = `${this.prefix}:${QUEUE_NAME}-delivery:`;
    this.limiter = new RedisRateLimiter(this.connection, { keyPrefix: `${this.keyPrefix}rate:`, windowMs: this.options.rateWindowMs });
  }

  async add(job: DeliveryJob<T>, options: { delayMs?: number } = {}): Promise<'added' | 'duplicate'> {
    assertJob(job);
    this.assertOpen();
    const addedBy = randomUUID();
    const jobId = bullJobId(job.id);
    const keepSeconds = Math.ceil(this.options.keepFinishedMs / 1000);
    await this.queue.add(
      JOB_NAME,
      { id: job.id, conversationId: job.conversationId, data: job.data, addedBy },
      {
        jobId,
        delay: Math.max(0, Math.round(options.delayMs ?? 0)),
        attempts: this.options.maxAttempts,
        backoff: { type: BACKOFF_TYPE },
        removeOnComplete: { age: keepSeconds },
        removeOnFail: { age: keepSeconds },
      },
    );
    // BullMQ answers a duplicate id like an add: whoever's mark the stored job holds added it
    const stored = await this.connection.hget(this.queue.toKey(jobId), 'data');
    return stored !== null && (JSON.parse(stored) as StoredJob).addedBy === addedBy ? 'added' : 'duplicate';
  }

  start(handler: Handler<T>): void {
    this.assertOpen();
    if (this.worker) throw new Error('delivery queue: start() was called already');
    const worker = new Worker<StoredJob>(QUEUE_NAME, (job, token) => this.process(job, token, handler), {
      connection: this.connection,
      prefix: this.prefix,
      concurrency: this.options.concurrency,
      limiter: { max: sendsPerWindow(this.options.globalPerSecond), duration: this.options.rateWindowMs },
      lockDuration: this.lockDurationMs,
      stalledInterval: this.stalledIntervalMs,
      // a worker dying during a send is not the job's fault, but a job that keeps killing them is
      maxStalledCount: this.options.maxAttempts,
      settings: { backoffStrategy: (attempt: number, _type?: string, error?: Error) => retryDelayMs(error, attempt, this.options) },
    });
    worker.on('error', (e: Error) => this.onError(e));
    worker.on('completed', (job: Job<StoredJob>) => this.finished(job, true));
    worker.on('failed', (job: Job<StoredJob> | undefined) => {
      if (job) this.finished(job, job.finishedOn !== undefined);
    });
    this.worker = worker;
  }

  async counts(): Promise<QueueCounts> {
    const c = await this.queue.getJobCounts('waiting', 'prioritized', 'waiting-children', 'delayed', 'active', 'completed', 'failed');
    const n = (type: string): number => c[type] ?? 0;
    return {
      waiting: n('waiting') + n('prioritized') + n('waiting-children'),
      delayed: n('delayed'),
      active: n('active'),
      completed: n('completed'),
      dead: n('failed'),
    };
  }

  async deadLetters(): Promise<DeadLetter[]> {
    const jobs = (await this.queue.getFailed(0, -1)) as Job<StoredJob>[];
    return jobs
      .map((job) => ({
        id: job.data.id,
        conversationId: job.data.conversationId,
        reason: job.failedReason,
        attempts: job.attemptsMade,
        failedAt: new Date(job.finishedOn ?? job.timestamp).toISOString(),
      }))
      .sort((a, b) => a.failedAt.localeCompare(b.failedAt));
  }

  /** Polls the counts: every instance on the prefix takes part, and only Redis knows them all. */
  async drained(): Promise<void> {
    for (;;) {
      this.assertOpen();
      const { waiting, delayed, active } = await this.counts();
      if (waiting + delayed + active === 0) return;
      await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
    }
  }

  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    try {
      await this.worker?.close(); // lets the active jobs finish
      while (this.clearing.size > 0) await Promise.allSettled([...this.clearing]);
      await this.queue.close();
    } finally {
      await this.connection.quit().catch(() => this.connection.disconnect());
    }
  }

  private async process(job: Job<StoredJob>, token: string | undefined, handler: Handler<T>): Promise<void> {
    const { id, conversationId, data } = job.data;
    const [globalWait, conversationWait] = await this.slot(conversationId);
    if (globalWait > 0) {
      await this.queue.rateLimit(globalWait); // every worker on the prefix pauses fetching
      throw Worker.RateLimitError(); // back to waiting, no attempt counted
    }
    if (conversationWait > 0) {
      await job.moveToDelayed(Date.now() + conversationWait, token);
      throw new DelayedError(); // no attempt counted
    }
    const attempt = job.attemptsMade + 1;
    const jobId = job.id ?? bullJobId(id);
    const before = await this.connection.set(this.sendingKey(jobId), String(attempt), 'PX', this.options.keepFinishedMs, 'GET');
    const maybeRepeated = before !== null;
    if (maybeRepeated) this.repeatedHere.add(jobId);
    try {
      await handler({ id, conversationId, data: data as T }, { attempt, maybeRepeated });
    } catch (e) {
      const failure = afterFailure(e, attempt, this.options);
      if (failure.kind === 'dead') throw new UnrecoverableError(failure.reason);
      if (failure.throttleMs > 0) {
        await this.limiter.hold(GLOBAL_LIMIT_KEY, failure.throttleMs); // jobs fetched already wait too
        await this.queue.rateLimit(failure.throttleMs);
      }
      throw e instanceof Error ? e : new Error(failure.reason); // BullMQ retries after retryDelayMs
    }
  }

  /**
   * Takes the send's place under both limits, waiting here for a global place that comes soon.
   * Answers the waits left: the conversation's (the job is delayed) or a long global one (a 429's hold).
   */
  private slot(conversationId: string): Promise<[number, number]> {
    const take = async (): Promise<[number, number]> => {
      for (;;) {
        const [globalWait = 0, conversationWait = 0] = await this.limiter.takeAll([
          { key: GLOBAL_LIMIT_KEY, perSecond: this.options.globalPerSecond },
          { key: conversationLimitKey(conversationId), perSecond: this.options.perConversationPerSecond },
        ]);
        if (globalWait === 0 || globalWait > WAIT_IN_PLACE_MS || conversationWait > globalWait) return [globalWait, conversationWait];
        await new Promise((resolve) => setTimeout(resolve, globalWait));
      }
    };
    const turn = this.turns.then(take, take);
    this.turns = turn.catch(() => undefined);
    return turn;
  }

  /** After BullMQ recorded an attempt's outcome: the send is no longer in doubt. */
  private finished(job: Job<StoredJob>, final: boolean): void {
    const jobId = job.id;
    if (!jobId) return;
    const repeated = this.repeatedHere.delete(jobId);
    if (repeated && !final) return; // stays flagged for its next attempts
    const clearing = this.connection.del(this.sendingKey(jobId)).catch((e: unknown) => this.onError(e as Error));
    this.clearing.add(clearing);
    void clearing.finally(() => this.clearing.delete(clearing));
  }

  private sendingKey(jobId: string): string {
    return `${this.keyPrefix}sending:${jobId}`;
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('delivery queue: closed');
  }
}
