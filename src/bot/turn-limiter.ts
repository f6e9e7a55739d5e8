// A per-user limit on turns (messages and card clicks), per instance: someone (or a script) sending
// faster than a person types gets one friendly reply per window and no answers until it passes.

export type TurnVerdict = 'go' | 'slow-down' | 'drop';

export class TurnLimiter {
  private readonly recent = new Map<string, number[]>();
  private readonly warned = new Map<string, number>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
    /** Users remembered at most; the oldest are forgotten first (memory stays bounded). */
    private readonly maxUsers = 50_000,
  ) {}

  take(user: string): TurnVerdict {
    const now = this.now();
    const since = now - 60_000;
    const times = (this.recent.get(user) ?? []).filter((t) => t > since);
    this.recent.delete(user); // re-inserted last: the map stays in least-recently-seen order
    if (times.length < this.perMinute) {
      times.push(now);
      this.recent.set(user, times);
      this.forgetOldest();
      return 'go';
    }
    this.recent.set(user, times);
    const lastWarning = this.warned.get(user);
    if (lastWarning !== undefined && lastWarning > since) return 'drop';
    this.warned.set(user, now);
    return 'slow-down';
  }

  private forgetOldest(): void {
    while (this.recent.size > this.maxUsers) {
      const oldest = this.recent.keys().next().value;
      if (oldest === undefined) return;
      this.recent.delete(oldest);
      this.warned.delete(oldest);
    }
  }
}
