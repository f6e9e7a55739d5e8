import { RetryLater, type DeliveryQueue } from '../../../src/reminders/delivery-queue';
import { BullMqDeliveryQueue, bullJobId, deliveryIdOf, type BullMqDeliveryQueueOptions } from '../../../src/reminders/queue/bullmq-queue';
import { useTestRedis } from '../../support/redis-server';
import { describeDeliveryQueueConformance, SUITE_SETTINGS, type QueueSettings } from './conformance';
import { crashWhileSending } from './crash';
import { expectWithinLimit, jobsOf, Recorder, type Payload } from './recorder';

const redis = useTestRedis();

// A dead worker's job comes back after its lock expires (the crash child's 1 s) and a stalled
// check sees it (every 250 ms here; the interval is shared through Redis, so the child uses it too).
const FAST_RECOVERY = { lockDurationMs: 1500, stalledIntervalMs: 250 } satisfies Partial<BullMqDeliveryQueueOptions>;

describeDeliveryQueueConformance('BullMQ', () => {
  const prefix = redis.prefix();
  const errors: Error[] = [];
  return Promise.resolve({
    errors,
    open: (settings?: QueueSettings) =>
      new BullMqDeliveryQueue<Payload>({ ...SUITE_SETTINGS, ...FAST_RECOVERY, ...settings, url: redis.url, prefix, onError: (e) => errors.push(e) }),
    crashWhileSending: (job) => crashWhileSending({ kind: 'bullmq', url: redis.url, prefix, lockDurationMs: 1000, stalledIntervalMs: 250, job }),
    dispose: () => redis.deleteKeys(prefix),
  });
});

describe('BullMQ delivery queue with several instances', () => {
  let prefix: string;
  const opened: DeliveryQueue<Payload>[] = [];
  const open = (settings?: QueueSettings): DeliveryQueue<Payload> => {
    const queue = new BullMqDeliveryQueue<Payload>({ ...SUITE_SETTINGS, ...FAST_RECOVERY, ...settings, url: redis.url, prefix });
    opened.push(queue);
    return queue;
  };

  beforeEach(() => {
    prefix = redis.prefix();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((q) => q.close()));
    await redis.deleteKeys(prefix);
  });

  it('shares the jobs of one prefix between instances, each job handled once', async () => {
    const [one, two] = [open({ concurrency: 1 }), open({ concurrency: 1 })] as const;
    const jobs = jobsOf('job', 40, (i) => `conversation:${i % 5}`);
    for (const j of jobs) await one.add(j);
    const recorder = new Recorder();
    // each instance's first job waits until the other has one too: both took part
    const bothBusy = recorder.called(2);
    const firstOnly = (by: string) =>
      recorder.handler(async () => {
        if (recorder.calls.filter((c) => c.by === by).length === 1) await bothBusy;
      }, by);
    one.start(firstOnly('one'));
    two.start(firstOnly('two'));
    await one.drained();
    expect(recorder.notOnce(jobs.map((j) => j.id))).toEqual({});
    expect(new Set(recorder.calls.map((c) => c.by))).toEqual(new Set(['one', 'two']));
  });

  it('keeps the global limit across instances', async () => {
    const instances = [open({ globalPerSecond: 10, concurrency: 4 }), open({ globalPerSecond: 10, concurrency: 4 })];
    const jobs = jobsOf('job', 25, (i) => `conversation:${i}`);
    for (const j of jobs) await instances[0]?.add(j);
    const recorder = new Recorder();
    instances.forEach((q, i) => q.start(recorder.handler(undefined, `instance ${i}`)));
    await instances[0]?.drained();
    expect(recorder.notOnce(jobs.map((j) => j.id))).toEqual({});
    expectWithinLimit(recorder.calls, 10);
  });

  it("holds another instance's jobs for a throttled RetryLater's delay", async () => {
    const one = open({ concurrency: 1 });
    await one.add({ id: 'throttled', conversationId: 'conversation:t', data: { n: 0 } });
    const recorder = new Recorder();
    one.start(
      recorder.handler((j, { attempt }) => {
        if (j.id === 'throttled' && attempt === 1) throw new RetryLater(600, 'HTTP 429', true);
      }, 'one'),
    );
    await recorder.called(1);
    await eventually(async () => expect(await one.counts()).toMatchObject({ delayed: 1, active: 0 })); // the 429 is recorded
    const two = open();
    const others = jobsOf('other', 4, (i) => `conversation:${i}`);
    for (const j of others) await two.add(j);
    two.start(recorder.handler(undefined, 'two'));
    await two.drained();
    const throttledAt = recorder.of('throttled')[0]?.threwAt ?? Infinity;
    expect(recorder.notOnce(others.map((j) => j.id))).toEqual({});
    expect(recorder.calls).toHaveLength(6); // others once each, throttled twice
    for (const call of recorder.calls.slice(1)) expect(call.at).toBeGreaterThanOrEqual(throttledAt + 600);
  });

  it('keeps its keys under the prefix', async () => {
    const queue = open();
    await queue.add({ id: 'a', conversationId: 'c', data: { n: 1 } });
    queue.start(new Recorder().handler());
    await queue.drained();
    const all = await redis.client.keys('*');
    expect(all.filter((key) => key.startsWith(prefix)).length).toBeGreaterThan(0);
    expect(all.filter((key) => !key.startsWith(redis.prefix().replace(/\d+:$/, '')))).toEqual([]);
  });
});

describe('BullMQ job ids', () => {
  it.each(['renewal:42:2025-06-30', '12345', 'a%3Ab', '%', 'plain'])('escapes %p into an id BullMQ accepts, and back', (id) => {
    const jobId = bullJobId(id);
    expect(jobId).not.toContain(':');
    expect(`${parseInt(jobId, 10)}`).not.toBe(jobId);
    expect(deliveryIdOf(jobId)).toBe(id);
  });

  it('gives different ids different job ids', () => {
    const ids = ['a:b', 'a%3Ab', 'a%253Ab', 'a%b'];
    expect(new Set(ids.map(bullJobId)).size).toBe(ids.length);
  });
});

/** Retries `check` until it passes (a state another process reaches), up to 5 s. */
async function eventually(check: () => Promise<unknown>): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      await check();
      return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((resolve) => setTimeout(resolve, 20)); // poll interval
    }
  }
}
