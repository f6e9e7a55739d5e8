import type { DeadLetter, DeliveryJob, DeliveryQueue, DeliveryQueueOptions, JobContext, QueueCounts } from '../delivery-queue';
import { JournalStorage } from '../../storage/journal-storage';
import { JOB_KEY_PREFIX, jobKey, parseJobRecord, toDeadLetter, type DeadRecord, type PendingRecord } from './embedded-records';
import { JobSchedule } from './job-schedule';
import { assertJob, resolveOptions, type QueueTuning, type ResolvedOptions } from './queue-options';
import { afterFailure, type AfterFailure } from './retry-policy';

export interface EmbeddedDeliveryQueueOptions extends DeliveryQueueOptions, QueueTuning {
  /** The queue's own folder (e.g. STATE_DIR/delivery-queue); one process owns it. */
  dir: string;
  /** Told of a failure in the background (a write to the folder); the queue stops sending after one. */
  onError?: (error: Error) => void;
}

type Handler<T> = (job: DeliveryJob<T>, context: JobContext) => Promise<void>;

interface Pending {
  id: string;
  /** As last written. */
  record: PendingRecord;
  running: boolean;
}

const SWEEP_EVERY_MS = 60 * 60 * 1000;

/**
 * The delivery queue of a single instance: every job a record in a JournalStorage folder (each
 * change on disk before it is acknowledged), the schedule and the rate limits in memory
 * (JobSchedule), rebuilt from the records on open.
 *
 * A job is written as `active` before its handler is called, so a job found active on open was
 * being sent when the process died: it runs again with maybeRepeated.
 */
export class EmbeddedDeliveryQueue<T = unknown> implements DeliveryQueue<T> {
  private readonly options: ResolvedOptions;
  private readonly storage: JournalStorage;
  private readonly schedule: JobSchedule;
  private readonly onError: (error: Error) => void;
  private readonly pending = new Map<string, Pending>();
  private readonly completed = new Map<string, number>();
  private readonly dead = new Map<string, DeadRecord>();
  private readonly adding = new Map<string, Promise<unknown>>();
  private sweeper: NodeJS.Timeout | undefined;
  private readonly running = new Set<Promise<void>>();
  private drainWaiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private handler: Handler<T> | undefined;
  private active = 0;
  private seq = 0;
  private loading: Promise<void> | undefined;
  private failure: Error | undefined;
  private stopped = false;
  private closing: Promise<void> | undefined;

  constructor(options: EmbeddedDeliveryQueueOptions) {
    this.options = resolveOptions(options);
    this.storage = new JournalStorage(options.dir);
    this.schedule = new JobSchedule(this.options, () => this.pump());
    this.onError = options.onError ?? (() => undefined);
  }

  async add(job: DeliveryJob<T>, options: { delayMs?: number } = {}): Promise<'added' | 'duplicate'> {
    assertJob(job);
    await this.opened();
    const { id } = job;
    if (this.pending.has(id) || this.completed.has(id) || this.dead.has(id)) {
      await this.adding.get(id); // the first add of this id is acknowledged first
      return 'duplicate';
    }
    const delayMs = Math.max(0, options.delayMs ?? 0);
    const state = delayMs > 0 ? 'delayed' : 'waiting';
    const record: PendingRecord = { state, conversationId: job.conversationId, data: job.data, seq: ++this.seq, runAt: Date.now() + delayMs, attempts: 0 };
    const pending: Pending = { id, record, running: false };
    this.pending.set(id, pending); // taken at once: a concurrent add of the same id is a duplicate
    const written = this.storage.write<PendingRecord>(jobKey(id), record);
    this.adding.set(id, written);
    try {
      // the handler gets the data as stored (through JSON), as it would after a restart
      pending.record = { ...record, data: (await written)?.value.data };
    } catch (e) {
      this.pending.delete(id);
      throw e;
    } finally {
      this.adding.delete(id);
    }
    this.schedule.add(id, job.conversationId, record.runAt);
    return 'added';
  }

  start(handler: Handler<T>): void {
    if (this.handler) throw new Error('delivery queue: start() was called already');
    if (this.stopped) throw new Error('delivery queue: closed');
    this.handler = handler;
    this.opened().then(
      () => this.pump(),
      () => undefined, // reported by onError and by every later call
    );
  }

  async counts(): Promise<QueueCounts> {
    await this.opened();
    const counts: QueueCounts = { waiting: 0, delayed: 0, active: 0, completed: this.completed.size, dead: this.dead.size };
    for (const { id, running } of this.pending.values()) {
      if (running) counts.active++;
      else if (this.schedule.isDelayed(id)) counts.delayed++;
      else counts.waiting++;
    }
    return counts;
  }

  async deadLetters(): Promise<DeadLetter[]> {
    await this.opened();
    return [...this.dead].map(([id, record]) => toDeadLetter(id, record)).sort((a, b) => a.failedAt.localeCompare(b.failedAt));
  }

  async drained(): Promise<void> {
    await this.opened();
    if (this.pending.size === 0) return;
    if (this.failure) throw this.failure;
    if (this.stopped) throw new Error('delivery queue: closed with jobs left');
    return new Promise((resolve, reject) => this.drainWaiters.push({ resolve, reject }));
  }

  close(): Promise<void> {
    this.stopped = true;
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    this.schedule.stop();
    clearInterval(this.sweeper);
    await this.loading?.catch(() => undefined);
    await Promise.allSettled([...this.adding.values()]);
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
    this.settleDrainWaiters();
    await this.storage.close();
  }

  private opened(): Promise<void> {
    if (this.stopped) return Promise.reject(new Error('delivery queue: closed'));
    this.loading ??= this.load().catch((e: unknown) => {
      this.fail(e);
      throw e;
    });
    return this.loading;
  }

  /** Rebuilds the schedule from the records; forgets finished jobs kept long enough. */
  private async load(): Promise<void> {
    const now = Date.now();
    const expired: string[] = [];
    const found: Pending[] = [];
    for (const [key, { value }] of await this.storage.list(JOB_KEY_PREFIX)) {
      const id = key.slice(JOB_KEY_PREFIX.length);
      const record = parseJobRecord(key, value);
      if (record.state === 'completed' || record.state === 'dead') {
        if (record.at + this.options.keepFinishedMs <= now) expired.push(id);
        else if (record.state === 'completed') this.completed.set(id, record.at);
        else this.dead.set(id, record);
        continue;
      }
      // found active: the process died while sending it, and the send may have gone
      if (record.state === 'active') record.maybeRepeated = true;
      this.seq = Math.max(this.seq, record.seq);
      found.push({ id, record, running: false });
    }
    await Promise.all(expired.map((id) => this.storage.delete(jobKey(id))));
    for (const pending of found.sort((a, b) => a.record.seq - b.record.seq)) {
      this.pending.set(pending.id, pending);
      this.schedule.add(pending.id, pending.record.conversationId, pending.record.runAt);
    }
    this.sweeper = setInterval(() => this.sweep(), Math.min(this.options.keepFinishedMs, SWEEP_EVERY_MS));
    this.sweeper.unref();
  }

  private sweep(): void {
    const before = Date.now() - this.options.keepFinishedMs;
    const expired = [...this.completed].filter(([, at]) => at <= before).map(([id]) => id);
    for (const [id, record] of this.dead) if (record.at <= before) expired.push(id);
    for (const id of expired) {
      this.completed.delete(id);
      this.dead.delete(id);
      this.storage.delete(jobKey(id)).catch((e: unknown) => this.fail(e));
    }
  }

  /** Starts jobs while there are free slots and the schedule has one that may start. */
  private pump(): void {
    if (!this.handler || this.stopped || this.failure) return;
    while (this.active < this.options.concurrency) {
      const id = this.schedule.next();
      if (id === undefined) return;
      const pending = this.pending.get(id);
      if (pending) this.run(pending);
    }
  }

  private run(pending: Pending): void {
    this.active++;
    pending.running = true;
    const running: Promise<void> = this.attempt(pending)
      .catch((e: unknown) => this.fail(e))
      .finally(() => {
        this.running.delete(running);
        pending.running = false;
        this.active--;
        this.pump();
        if (this.pending.size === 0) this.settleDrainWaiters();
      });
    this.running.add(running);
  }

  private async attempt(pending: Pending): Promise<void> {
    const { id } = pending;
    const record: PendingRecord = { ...pending.record, state: 'active' };
    pending.record = record;
    const attempt = record.attempts + 1;
    // on disk as active before the send: found so on open, it may have gone
    await this.storage.write(jobKey(id), record);
    let failure: AfterFailure | undefined;
    try {
      const handler = this.handler as Handler<T>;
      await handler({ id, conversationId: record.conversationId, data: record.data as T }, { attempt, maybeRepeated: record.maybeRepeated === true });
    } catch (e) {
      failure = afterFailure(e, attempt, this.options);
      // held at once, before anything else is started: a 429 is about every send
      if (failure.kind === 'retry' && failure.throttleMs > 0) this.schedule.throttle(failure.throttleMs);
    }
    const at = Date.now();
    if (!failure) {
      await this.storage.write(jobKey(id), { state: 'completed', at });
      this.pending.delete(id);
      this.completed.set(id, at);
    } else if (failure.kind === 'dead') {
      const dead: DeadRecord = { state: 'dead', conversationId: record.conversationId, data: record.data, attempts: attempt, reason: failure.reason, at };
      await this.storage.write(jobKey(id), dead);
      this.pending.delete(id);
      this.dead.set(id, dead);
    } else {
      pending.record = { ...record, state: 'delayed', runAt: at + failure.delayMs, attempts: attempt, reason: failure.reason };
      await this.storage.write(jobKey(id), pending.record);
      this.schedule.add(id, record.conversationId, pending.record.runAt);
    }
  }

  private fail(e: unknown): void {
    const error = e instanceof Error ? e : new Error(String(e));
    if (!this.failure) {
      this.failure = error;
      this.onError(error);
    }
    this.settleDrainWaiters();
  }

  private settleDrainWaiters(): void {
    if (this.drainWaiters.length === 0) return;
    const left = this.pending.size > 0;
    const error = left ? (this.failure ?? (this.stopped ? new Error('delivery queue: closed with jobs left') : undefined)) : undefined;
    if (left && !error) return;
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const waiter of waiters) {
      if (error) waiter.reject(error);
      else waiter.resolve();
    }
  }
}
