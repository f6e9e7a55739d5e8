import { Cluster, type Redis } from 'ioredis';
import { hashTagOf } from '../../storage/redis-connection';
import { assertLimits, DEFAULT_WINDOW_MS, sendsPerWindow, type RateLimit, type RateLimiter } from './rate-limiter';

// The sliding window of rate-limiter.ts, shared by every process on one Redis. Each key is a list
// of send times (at most `perSecond` of them, expiring with the window) plus a hold key set by a
// 429. One script checks every limit and counts the send on all of them or none, so no two
// processes can both take the last place; time is Redis's own (TIME), so the processes' clocks
// do not matter.
//
// KEYS: for each limit, its send list then its hold key. ARGV: window ms, then each limit's count.
// Answers each limit's wait in ms (0 for all: counted).
const TAKE_SCRIPT = `
local window = tonumber(ARGV[1])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local count = #KEYS / 2
local waits, allowed = {}, true
for i = 1, count do
  local sends, limit, wait = KEYS[2 * i - 1], tonumber(ARGV[i + 1]), 0
  local held = redis.call('PTTL', KEYS[2 * i])
  if held > 0 then
    wait = held
  else
    local oldest = redis.call('LINDEX', sends, 0)
    while oldest and tonumber(oldest) <= now - window do
      redis.call('LPOP', sends)
      oldest = redis.call('LINDEX', sends, 0)
    end
    local length = redis.call('LLEN', sends)
    if length >= limit then
      redis.call('LTRIM', sends, length - limit, -1)
      wait = math.max(1, tonumber(redis.call('LINDEX', sends, 0)) + window - now)
    end
    local last = redis.call('LINDEX', sends, -1)
    if last then
      local spacing = math.ceil(tonumber(last) + window / limit - now)
      if spacing > wait then wait = spacing end
    end
  end
  waits[i] = wait
  if wait > 0 then allowed = false end
end
if allowed then
  for i = 1, count do
    redis.call('RPUSH', KEYS[2 * i - 1], now)
    redis.call('PEXPIRE', KEYS[2 * i - 1], window)
  end
end
return waits
`;

// KEYS[1] hold key; ARGV[1] ms. A shorter hold never cuts a longer one short.
const HOLD_SCRIPT = `
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
end
return 1
`;

const TAKE_COMMAND = 'activityBotRateTake';
const HOLD_COMMAND = 'activityBotRateHold';

interface WithCommands {
  [TAKE_COMMAND](numberOfKeys: number, ...args: (string | number)[]): Promise<number[]>;
  [HOLD_COMMAND](key: string, ms: number): Promise<unknown>;
}

export interface RedisRateLimiterOptions {
  /** Put before every key; on Redis Cluster include a {hash tag}, since one take touches several keys. */
  keyPrefix: string;
  windowMs?: number;
}

/** Over a client the caller owns (and closes). */
export class RedisRateLimiter implements RateLimiter {
  private readonly keyPrefix: string;
  private readonly windowMs: number;
  private readonly commands: WithCommands;

  constructor(client: Redis | Cluster, options: RedisRateLimiterOptions) {
    this.keyPrefix = options.keyPrefix;
    this.windowMs = Math.ceil(options.windowMs ?? DEFAULT_WINDOW_MS);
    if (!(this.windowMs > 0)) throw new RangeError('rate limiter: windowMs must be a positive number');
    if (client instanceof Cluster && hashTagOf(this.keyPrefix) === undefined) {
      throw new RangeError(`rate limiter: on Redis Cluster the key prefix must hold a {hash tag}, got "${this.keyPrefix}"`);
    }
    client.defineCommand(TAKE_COMMAND, { lua: TAKE_SCRIPT });
    client.defineCommand(HOLD_COMMAND, { numberOfKeys: 1, lua: HOLD_SCRIPT });
    this.commands = client as unknown as WithCommands;
  }

  async take(key: string, perSecond: number): Promise<number> {
    return (await this.takeAll([{ key, perSecond }]))[0] ?? 0;
  }

  async takeAll(limits: readonly RateLimit[]): Promise<number[]> {
    assertLimits(limits);
    if (limits.length === 0) return [];
    const keys = limits.flatMap(({ key }) => [this.sendsKey(key), this.holdKey(key)]);
    const counts = limits.map(({ perSecond }) => sendsPerWindow(perSecond));
    return this.commands[TAKE_COMMAND](keys.length, ...keys, this.windowMs, ...counts);
  }

  async hold(key: string, ms: number): Promise<void> {
    assertLimits([{ key, perSecond: 1 }]);
    const whole = Math.ceil(ms);
    if (whole > 0) await this.commands[HOLD_COMMAND](this.holdKey(key), whole);
  }

  private sendsKey(key: string): string {
    return `${this.keyPrefix}sends:${key}`;
  }

  private holdKey(key: string): string {
    return `${this.keyPrefix}hold:${key}`;
  }
}
