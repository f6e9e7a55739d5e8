import { Redis } from 'ioredis';
import { MemoryRateLimiter, type RateLimiter } from '../../../src/reminders/queue/rate-limiter';
import { RedisRateLimiter } from '../../../src/reminders/queue/redis-rate-limiter';
import { useTestRedis } from '../../support/redis-server';

describe('memory rate limiter', () => {
  let now: number;
  let limiter: MemoryRateLimiter;
  beforeEach(() => {
    now = 10_000;
    limiter = new MemoryRateLimiter({ now: () => now });
  });
  const takeTimes = async (key: string, perSecond: number, times: number): Promise<number[]> => {
    const waits: number[] = [];
    for (let i = 0; i < times; i++) waits.push(await limiter.take(key, perSecond));
    return waits;
  };

  it('spreads sends evenly, one per window ÷ perSecond, and says how long until the next may go', async () => {
    expect(await takeTimes('c', 4, 2)).toEqual([0, 250]);
    for (let i = 0; i < 3; i++) {
      now += 250;
      expect(await limiter.take('c', 4)).toBe(0);
    }
    now += 249; // four sends in the last window (the first 999 ms ago): the oldest leaves in 1 ms
    expect(await limiter.take('c', 4)).toBe(1);
    now += 1;
    expect(await limiter.take('c', 4)).toBe(0);
  });

  it('never lets more than perSecond through in any window, wherever it starts, and comes close to the rate', async () => {
    const sent: number[] = [];
    const start = now;
    for (; now < start + 5_000; now += 1) if ((await limiter.take('c', 7)) === 0) sent.push(now);
    const most = Math.max(...sent.map((t) => sent.filter((u) => u >= t && u < t + 1000).length));
    expect(most).toBeLessThanOrEqual(7);
    expect(sent.length).toBeGreaterThanOrEqual(34); // 7 per second over 5 s, evenly spread
  });

  it('keeps keys apart and takes from every limit of takeAll or from none', async () => {
    expect(await limiter.take('conversation:a', 2)).toBe(0);
    expect(await limiter.takeAll([{ key: 'global', perSecond: 3 }, { key: 'conversation:a', perSecond: 2 }])).toEqual([0, 500]);
    // the refused send spent nothing of the global limit
    expect(await takeTimes('global', 3, 2)).toEqual([0, 334]);
    expect(await limiter.take('conversation:b', 2)).toBe(0);
  });

  it('holds a key for a 429, a shorter hold never cutting a longer one short', async () => {
    await limiter.hold('global', 500);
    await limiter.hold('global', 100);
    expect(await limiter.take('global', 50)).toBe(500);
    now += 499;
    expect(await limiter.take('global', 50)).toBe(1);
    now += 1;
    expect(await limiter.take('global', 50)).toBe(0);
  });

  it('counts whole sends, never more than the rate, and refuses a limit that is not one', async () => {
    expect(await takeTimes('c', 2.9, 2)).toEqual([0, 500]);
    await expect(limiter.take('c', 0)).rejects.toThrow(/perSecond of "c" must be a positive number/);
    await expect(limiter.take('', 1)).rejects.toThrow(/key/);
  });
});

describe('Redis rate limiter', () => {
  const redis = useTestRedis();
  const clients: Redis[] = [];
  const limiterOn = (keyPrefix: string, windowMs?: number): RateLimiter => {
    const client = new Redis(redis.url);
    clients.push(client);
    return new RedisRateLimiter(client, { keyPrefix, windowMs });
  };
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.quit()));
  });

  it('lets a send go, then answers the wait until the next one, evenly spread', async () => {
    const limiter = limiterOn(redis.prefix());
    expect(await limiter.take('conversation:a', 7)).toBe(0);
    const wait = await limiter.take('conversation:a', 7);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(143);
  });

  it('never lets more than the limit through, however many processes take at once', async () => {
    const keyPrefix = redis.prefix();
    const limiters = [limiterOn(keyPrefix), limiterOn(keyPrefix), limiterOn(keyPrefix)];
    const waits = await Promise.all(limiters.flatMap((limiter) => Array.from({ length: 20 }, () => limiter.take('global', 10))));
    // sixty at the same moment: one goes, every other one is told to wait its turn
    expect(waits.filter((w) => w === 0)).toHaveLength(1);
    expect(waits.filter((w) => w > 0)).toHaveLength(59);
  });

  it('takes from every limit of takeAll or from none', async () => {
    const limiter = limiterOn(redis.prefix());
    await limiter.take('conversation:a', 1);
    const [globalWait, conversationWait] = await limiter.takeAll([
      { key: 'global', perSecond: 2 },
      { key: 'conversation:a', perSecond: 1 },
    ]);
    expect(globalWait).toBe(0);
    expect(conversationWait).toBeGreaterThan(0);
    expect(await limiter.take('global', 2)).toBe(0);
    expect(await limiter.take('global', 2)).toBeGreaterThan(0);
  });

  it('holds a key for every process, a shorter hold never cutting a longer one short', async () => {
    const keyPrefix = redis.prefix();
    const [one, two] = [limiterOn(keyPrefix), limiterOn(keyPrefix)];
    await one.hold('global', 5000);
    await two.hold('global', 10);
    const wait = await two.take('global', 100);
    expect(wait).toBeGreaterThan(4000);
    expect(wait).toBeLessThanOrEqual(5000);
  });

  it('keeps its keys under the prefix, expiring with the window', async () => {
    const keyPrefix = redis.prefix();
    await limiterOn(keyPrefix, 300).take('conversation:a', 5);
    const keys = await redis.client.keys(`${keyPrefix}*`);
    expect(keys).toEqual([`${keyPrefix}sends:conversation:a`]);
    const ttl = await redis.client.pttl(`${keyPrefix}sends:conversation:a`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(300);
  });
});
