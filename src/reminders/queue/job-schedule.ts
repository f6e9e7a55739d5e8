import { Fifo, fireAt, type Timer } from './job-timers';
import { conversationLimitKey, GLOBAL_LIMIT_KEY } from './queue-options';
import { MemoryRateLimiter } from './rate-limiter';

export interface ScheduleLimits {
  globalPerSecond: number;
  perConversationPerSecond: number;
  rateWindowMs: number;
}

/**
 * Which of the embedded queue's jobs may start now: due jobs in the order they became due, the
 * others on timers, and both rate limits counted in memory. Jobs of a conversation over its limit
 * wait aside, in order, without holding back other conversations; over the global limit, or
 * throttled by a 429, nothing starts until the wake-up it arms.
 */
export class JobSchedule {
  private readonly limiter: MemoryRateLimiter;
  /** Every job scheduled and not started yet, with its conversation. */
  private readonly conversationOf = new Map<string, string>();
  private readonly ready = new Fifo();
  private readonly timers = new Map<string, Timer>();
  private readonly heldBack = new Map<string, { ids: string[]; timer: Timer }>();
  private readonly heldIds = new Set<string>();
  private wake: { at: number; timer: Timer } | undefined;
  private stopped = false;

  /** `onDue`: a job may have become startable; the caller asks next(). */
  constructor(
    private readonly limits: ScheduleLimits,
    private readonly onDue: () => void,
  ) {
    this.limiter = new MemoryRateLimiter({ windowMs: limits.rateWindowMs });
  }

  /** Schedules a job to start once Date.now() reaches `runAt`. */
  add(id: string, conversationId: string, runAt: number): void {
    if (this.stopped) return;
    this.conversationOf.set(id, conversationId);
    if (runAt <= Date.now()) {
      this.ready.push(id);
      this.onDue();
      return;
    }
    const timer = fireAt(runAt, () => {
      this.timers.delete(id);
      this.ready.push(id);
      this.onDue();
    });
    this.timers.set(id, timer);
  }

  /** Not due yet, or held back by its conversation's limit. */
  isDelayed(id: string): boolean {
    return this.timers.has(id) || this.heldIds.has(id);
  }

  /** The next job that may start now, its sends counted on both limits; undefined if none may. */
  next(): string | undefined {
    for (;;) {
      const id = this.ready.peek();
      if (id === undefined) return undefined;
      const conversationId = this.conversationOf.get(id) ?? '';
      const held = this.heldBack.get(conversationId);
      if (held) {
        this.ready.shift();
        held.ids.push(id);
        this.heldIds.add(id);
        continue;
      }
      const [globalWait = 0, conversationWait = 0] = this.limiter.takeAllNow([
        { key: GLOBAL_LIMIT_KEY, perSecond: this.limits.globalPerSecond },
        { key: conversationLimitKey(conversationId), perSecond: this.limits.perConversationPerSecond },
      ]);
      if (globalWait > 0) {
        this.wakeAt(Date.now() + globalWait);
        return undefined;
      }
      this.ready.shift();
      if (conversationWait > 0) {
        this.holdBack(conversationId, id, conversationWait);
        continue;
      }
      this.conversationOf.delete(id);
      return id;
    }
  }

  /** Nothing starts for `ms` (a 429 answered to any send). */
  throttle(ms: number): void {
    this.limiter.holdNow(GLOBAL_LIMIT_KEY, ms);
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) timer.cancel();
    for (const { timer } of this.heldBack.values()) timer.cancel();
    this.wake?.timer.cancel();
  }

  private holdBack(conversationId: string, id: string, waitMs: number): void {
    const held = {
      ids: [id],
      timer: fireAt(Date.now() + waitMs, () => {
        this.heldBack.delete(conversationId);
        for (const heldId of held.ids) this.heldIds.delete(heldId);
        this.ready.unshiftAll(held.ids); // they were due before the jobs behind them
        this.onDue();
      }),
    };
    this.heldBack.set(conversationId, held);
    this.heldIds.add(id);
  }

  private wakeAt(at: number): void {
    if (this.wake && this.wake.at <= at) return;
    this.wake?.timer.cancel();
    this.wake = {
      at,
      timer: fireAt(at, () => {
        this.wake = undefined;
        this.onDue();
      }),
    };
  }
}
