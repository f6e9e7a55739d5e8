import type { DeliveryQueue } from '../../../src/reminders/delivery-queue';
import { BullMqDeliveryQueue, type BullMqDeliveryQueueOptions } from '../../../src/reminders/queue/bullmq-queue';
import { useTestRedisCluster } from '../../support/redis-cluster';
import { describeDeliveryQueueConformance, SUITE_SETTINGS, type QueueSettings } from './conformance';
import { crashWhileSending } from './crash';
import { expectWithinLimit, jobsOf, Recorder, type Payload } from './recorder';

// The BullMQ queue on a 3-master Redis Cluster. Its prefix holds a {hash tag}, as the server's does
// with REDIS_CLUSTER=on, so BullMQ's scripts and the rate limits find all their keys in one slot.

const cluster = useTestRedisCluster();

const FAST_RECOVERY = { lockDurationMs: 1500, stalledIntervalMs: 250 } satisfies Partial<BullMqDeliveryQueueOptions>;
const taggedPrefix = (): string => `${cluster.prefix()}{queue}`;

describeDeliveryQueueConformance('BullMQ on Redis Cluster', () => {
  const prefix = taggedPrefix();
  const errors: Error[] = [];
  return Promise.resolve({
    errors,
    open: (settings?: QueueSettings) =>
      new BullMqDeliveryQueue<Payload>({
        ...SUITE_SETTINGS,
        ...FAST_RECOVERY,
        ...settings,
        url: cluster.urls,
        cluster: true,
        prefix,
        onError: (e) => errors.push(e),
      }),
    // The crash child speaks to one server: the master that serves the tag's slot holds every key
    // of the queue, so a plain connection to it is the queue on the cluster.
    crashWhileSending: async (job) =>
      crashWhileSending({ kind: 'bullmq', url: await cluster.ownerOf(prefix), prefix, lockDurationMs: 1000, stalledIntervalMs: 250, job }),
    dispose: () => cluster.deleteKeys(prefix.slice(0, prefix.indexOf('{'))),
  });
});

describe('BullMQ delivery queue on Redis Cluster', () => {
  let prefix: string;
  const opened: DeliveryQueue<Payload>[] = [];
  const open = (settings?: QueueSettings): DeliveryQueue<Payload> => {
    const queue = new BullMqDeliveryQueue<Payload>({ ...SUITE_SETTINGS, ...FAST_RECOVERY, ...settings, url: cluster.urls, cluster: true, prefix });
    opened.push(queue);
    return queue;
  };

  beforeEach(() => {
    prefix = taggedPrefix();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((q) => q.close()));
    await cluster.deleteKeys(prefix.slice(0, prefix.indexOf('{')));
  });

  it('shares the jobs and keeps the global limit across two instances, each job handled once', async () => {
    const instances = [open({ globalPerSecond: 10, concurrency: 4 }), open({ globalPerSecond: 10, concurrency: 4 })];
    const jobs = jobsOf('job', 25, (i) => `conversation:${i}`);
    for (const j of jobs) await instances[0]?.add(j);
    const recorder = new Recorder();
    instances.forEach((q, i) => q.start(recorder.handler(undefined, `instance ${i}`)));
    await instances[0]?.drained();
    expect(recorder.notOnce(jobs.map((j) => j.id))).toEqual({});
    expectWithinLimit(recorder.calls, 10);
  });

  it('keeps every key of the queue in the slot of its hash tag', async () => {
    const queue = open();
    await queue.add({ id: 'a', conversationId: 'c', data: { n: 1 } });
    queue.start(new Recorder().handler());
    await queue.drained();
    const owner = await cluster.ownerOf(prefix);
    const keys: string[] = [];
    for (const node of cluster.client.nodes('master')) {
      const [, found] = await node.scan('0', 'MATCH', `${prefix.replace(/[*?[\]\\{}]/g, '\\$&')}*`, 'COUNT', 10_000);
      if (found.length > 0) keys.push(...found.map((k) => `${node.options.port}:${k}`));
    }
    expect(keys.length).toBeGreaterThan(3);
    expect(new Set(keys.map((k) => k.slice(0, k.indexOf(':'))))).toEqual(new Set([new URL(owner).port]));
  });

  it('refuses, saying why, a prefix without a hash tag on a cluster', () => {
    expect(
      () => new BullMqDeliveryQueue<Payload>({ ...SUITE_SETTINGS, url: cluster.urls, cluster: true, prefix: 'activity-bot:queue' }),
    ).toThrow(/on Redis Cluster the prefix must hold a \{hash tag\}.*activity-bot:\{queue\}/);
  });
});
