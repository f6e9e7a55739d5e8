// Sends per second, counted as a sliding window: a send may go when fewer than `perSecond` sends
// went on the same key within the last window (1000 ms by default), and no sooner than window ÷
// perSecond after the previous one (evenly spread, not in bursts). Unlike fixed windows (which
// allow twice the limit across a window boundary) or a token bucket with a burst, this holds the
// limit in every window, wherever it starts: Teams counts that way.

export interface RateLimit {
  key: string;
  perSecond: number;
}

export interface RateLimiter {
  /** 0 when a send on `key` may go now (and it is counted), else the milliseconds to wait. */
  take(key: string, perSecond: number): Promise<number>;
  /**
   * The wait of each limit, in order; the send is counted on every key when all are 0 and on none
   * otherwise, so that a send held back by one limit (a busy conversation) spends nothing of the
   * others (the global limit).
   */
  takeAll(limits: readonly RateLimit[]): Promise<number[]>;
  /** Nothing is taken on `key` for `ms` (a 429's Retry-After); a shorter hold never shortens a longer one. */
  hold(key: string, ms: number): Promise<void>;
}

export interface MemoryRateLimiterOptions {
  windowMs?: number;
  /** Milliseconds; injectable for tests. */
  now?: () => number;
}

export const DEFAULT_WINDOW_MS = 1000;

/** Whole sends per window, never above the rate asked for (at least one). */
export const sendsPerWindow = (perSecond: number): number => Math.max(1, Math.floor(perSecond));

export function assertLimits(limits: readonly RateLimit[]): void {
  for (const { key, perSecond } of limits) {
    if (typeof key !== 'string' || key.length === 0) throw new TypeError('rate limiter: a key must be a non-empty string');
    if (!(perSecond > 0 && Number.isFinite(perSecond))) throw new RangeError(`rate limiter: perSecond of "${key}" must be a positive number, got ${perSecond}`);
  }
}

/**
 * For one process (the embedded queue). Each key keeps the times of its last sends (at most
 * `perSecond` of them); keys whose window has passed are forgotten on the next take.
 */
export class MemoryRateLimiter implements RateLimiter {
  private readonly windowMs: number;
  private readonly now: () => number;
  private readonly sends = new Map<string, number[]>();
  private readonly holds = new Map<string, number>();
  private takesSinceSweep = 0;

  constructor(options: MemoryRateLimiterOptions = {}) {
    this.windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
    this.now = options.now ?? Date.now;
    if (!(this.windowMs > 0)) throw new RangeError('rate limiter: windowMs must be a positive number');
  }

  // (new Promise(...) turns a refused argument into a rejection, as from the Redis limiter)
  take(key: string, perSecond: number): Promise<number> {
    return new Promise((resolve) => resolve(this.takeAllNow([{ key, perSecond }])[0] ?? 0));
  }

  takeAll(limits: readonly RateLimit[]): Promise<number[]> {
    return new Promise((resolve) => resolve(this.takeAllNow(limits)));
  }

  hold(key: string, ms: number): Promise<void> {
    return new Promise((resolve) => resolve(this.holdNow(key, ms)));
  }

  /** takeAll, answered synchronously: the embedded queue calls the handler in the same step. */
  takeAllNow(limits: readonly RateLimit[]): number[] {
    assertLimits(limits);
    const now = this.now();
    if (++this.takesSinceSweep >= 1000) this.sweep(now);
    const waits = limits.map(({ key, perSecond }) => this.waitOf(key, sendsPerWindow(perSecond), now));
    if (waits.every((w) => w === 0)) {
      for (const { key } of limits) {
        const times = this.sends.get(key) ?? [];
        times.push(now);
        this.sends.set(key, times);
      }
    }
    return waits;
  }

  holdNow(key: string, ms: number): void {
    assertLimits([{ key, perSecond: 1 }]);
    const until = this.now() + Math.max(0, ms);
    if (until > (this.holds.get(key) ?? 0)) this.holds.set(key, until);
  }

  private waitOf(key: string, limit: number, now: number): number {
    const heldFor = (this.holds.get(key) ?? 0) - now;
    if (heldFor > 0) return Math.ceil(heldFor);
    this.holds.delete(key);
    const times = this.sends.get(key);
    if (!times) return 0;
    const windowStart = now - this.windowMs;
    let expired = 0;
    while (expired < times.length && (times[expired] ?? 0) <= windowStart) expired++;
    times.splice(0, Math.max(expired, times.length - limit));
    if (times.length === 0) {
      this.sends.delete(key);
      return 0;
    }
    // sends are spread evenly (one every window ÷ limit): a burst of the whole window's sends would
    // reach Teams bunched by the network and count more than the limit in its window
    const spacing = Math.ceil((times.at(-1) ?? now) + this.windowMs / limit - now);
    if (times.length < limit) return spacing > 0 ? spacing : 0;
    // the oldest send in the window leaves it after this long; then one more may go
    return Math.max(1, Math.ceil((times[0] ?? now) + this.windowMs - now), spacing);
  }

  /** Forgets keys nobody has sent on for a window (many conversations, each a few sends). */
  private sweep(now: number): void {
    this.takesSinceSweep = 0;
    for (const [key, times] of this.sends) if ((times.at(-1) ?? 0) <= now - this.windowMs) this.sends.delete(key);
    for (const [key, until] of this.holds) if (until <= now) this.holds.delete(key);
  }
}
