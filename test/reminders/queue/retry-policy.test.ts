import { GiveUp, RetryLater } from '../../../src/reminders/delivery-queue';
import { resolveOptions } from '../../../src/reminders/queue/queue-options';
import { afterFailure, backoffMs } from '../../../src/reminders/queue/retry-policy';

const options = resolveOptions({ globalPerSecond: 50, perConversationPerSecond: 7, maxAttempts: 4, concurrency: 4, retryBaseDelayMs: 1000, retryMaxDelayMs: 60_000 });
const lowest = (): number => 0;
const highest = (): number => 1;

describe('retry policy', () => {
  it('doubles the backoff per attempt, jittered between half and all of it, up to the maximum', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffMs(attempt, 1000, 60_000, lowest))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((attempt) => backoffMs(attempt, 1000, 60_000, highest))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(20, 1000, 60_000, highest)).toBe(60_000);
  });

  it('retries a RetryLater no sooner than its delay, and holds the whole queue only for a throttle', () => {
    expect(afterFailure(new RetryLater(30_000, 'HTTP 503'), 1, options, highest)).toEqual({ kind: 'retry', reason: 'HTTP 503', delayMs: 30_000, throttleMs: 0 });
    expect(afterFailure(new RetryLater(10, 'HTTP 429', true), 3, options, lowest)).toEqual({ kind: 'retry', reason: 'HTTP 429', delayMs: 2000, throttleMs: 10 });
  });

  it('dead-letters a GiveUp at once and any failure of the last attempt', () => {
    expect(afterFailure(new GiveUp('HTTP 403'), 1, options)).toEqual({ kind: 'dead', reason: 'HTTP 403' });
    expect(afterFailure(new RetryLater(10, 'HTTP 429', true), 4, options)).toEqual({ kind: 'dead', reason: 'HTTP 429' });
    expect(afterFailure('a string thrown', 4, options)).toEqual({ kind: 'dead', reason: 'a string thrown' });
    expect(afterFailure(new Error('ECONNRESET'), 3, options, lowest)).toEqual({ kind: 'retry', reason: 'ECONNRESET', delayMs: 2000, throttleMs: 0 });
  });
});
