import type { DeliveryJob, JobContext } from '../../../src/reminders/delivery-queue';

// What the conformance suite's handlers saw: every call, when it started (Date.now(), the clock the
// queues schedule by) and when it threw, and a way to wait for the n-th call without sleeping.

export interface Payload {
  n: number;
}

export interface Call {
  id: string;
  conversationId: string;
  data: Payload;
  attempt: number;
  maybeRepeated: boolean;
  /** Date.now() when the handler was called. */
  at: number;
  /** Date.now() just before the handler threw, if it did. */
  threwAt?: number;
  /** Which queue instance took it, when a test runs several. */
  by?: string;
}

export type Behaviour = (job: DeliveryJob<Payload>, context: JobContext, call: Call) => Promise<void> | void;

export class Recorder {
  readonly calls: Call[] = [];
  private waiters: { count: number; resolve: () => void }[] = [];

  /** A handler that records each call, then behaves as told (resolves by default). */
  handler(behaviour: Behaviour = () => undefined, by?: string): (job: DeliveryJob<Payload>, context: JobContext) => Promise<void> {
    return async (job, context) => {
      const call: Call = { id: job.id, conversationId: job.conversationId, data: job.data, ...context, at: Date.now(), ...(by ? { by } : {}) };
      this.calls.push(call);
      this.waiters = this.waiters.filter((w) => (this.calls.length >= w.count ? (w.resolve(), false) : true));
      try {
        await behaviour(job, context, call);
      } catch (e) {
        call.threwAt = Date.now();
        throw e;
      }
    };
  }

  /** Resolves once the handler has been called `count` times in all. */
  called(count: number): Promise<void> {
    if (this.calls.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  of(id: string): Call[] {
    return this.calls.filter((c) => c.id === id);
  }

  /** Of `ids`, those not called exactly once, with their number of calls. */
  notOnce(ids: readonly string[]): Record<string, number> {
    const counts = new Map(ids.map((id) => [id, 0]));
    for (const { id } of this.calls) if (counts.has(id)) counts.set(id, (counts.get(id) ?? 0) + 1);
    return Object.fromEntries([...counts].filter(([, n]) => n !== 1));
  }
}

/** The most calls that started within any window of `windowMs` (wherever it starts). */
export function mostInAnyWindow(calls: readonly Call[], windowMs = 1000): number {
  const times = calls.map((c) => c.at).sort((a, b) => a - b);
  let most = 0;
  for (let first = 0, last = 0; first < times.length; first++) {
    while (last < times.length && (times[last] ?? Infinity) < (times[first] ?? 0) + windowMs) last++;
    most = Math.max(most, last - first);
  }
  return most;
}

export const jobsOf = (prefix: string, count: number, conversation: (i: number) => string): DeliveryJob<Payload>[] =>
  Array.from({ length: count }, (_, i) => ({ id: `${prefix}:${i}`, conversationId: conversation(i), data: { n: i } }));

/**
 * The most sends in any window never go over `limit`, and reach at least half of it: the queue
 * uses the budget rather than crawling. (Exactly `limit` depends on timers firing on time, which
 * a loaded CI machine does not promise; throughput is measured by the bench instead.)
 */
export function expectWithinLimit(calls: readonly Call[], limit: number): void {
  const most = mostInAnyWindow(calls);
  expect(most).toBeLessThanOrEqual(limit);
  expect(most).toBeGreaterThanOrEqual(Math.ceil(limit / 2));
}
