import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FLEET_PACKAGE, fleetDataset, seedFleet, tallyReminders } from '../../src/cli/reminder-fleet';
import { BullMqDeliveryQueue } from '../../src/reminders/queue/bullmq-queue';
import type { ReminderJob } from '../../src/reminders/reminder-service';
import { RedisStorage } from '../../src/storage/redis-storage';
import { useTestRedis } from '../support/redis-server';
import { startCountingProxy, type CountingProxy } from './helpers/counting-proxy';
import { killServer, startReadyServer, stopServer, type ReadyServer } from './helpers/process-chat';
import { ChannelTally, reminderPostsOf, whenReceived } from './helpers/reminder-posts';
import { startStandInConnector, type StandInConnector } from './helpers/stand-in-connector';
import { writeDataset } from './helpers/tiny-dataset';

// Two server processes on one Redis (STORAGE=redis, one key prefix), 500 subscribed channels with
// one reminder due each, both running the daily scan at start-up: the scans overlap, the queue
// (BullMQ) is shared, and every channel must get its reminder exactly once. Each process reaches
// the connector through its own counting proxy (HTTP_PROXY), which shows that both did part of the work.

const TODAY = '2026-11-22';
const CHANNELS = 500;

// two server processes started through tsx and a redis-server: seconds on a busy machine
jest.setTimeout(120_000);

describe('renewal reminders on two instances sharing one Redis (STORAGE=redis, 500 channels)', () => {
  const redis = useTestRedis();
  let dir: string;
  let prefix: string;
  let connector: StandInConnector;
  let proxies: CountingProxy[] = [];
  let servers: ReadyServer[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'bot-reminders-instances-'));
    connector = await startStandInConnector();
    proxies = [await startCountingProxy(), await startCountingProxy()];
    await writeDataset(path.join(dir, 'data'), fleetDataset(TODAY));
    prefix = redis.prefix();
    const storage = new RedisStorage(redis.url, { keyPrefix: prefix });
    try {
      await seedFleet(storage, CHANNELS, connector.url);
    } finally {
      await storage.close();
    }
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => killServer(s.process))); // in case a test failed midway
    await Promise.all(proxies.map((p) => p.close()));
    await connector.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('posts every reminder once, the two instances sharing the work', async () => {
    const env = {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: path.join(dir, 'data'),
      TODAY,
      LOG_LEVEL: 'info',
      STORAGE: 'redis',
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: prefix,
      REMINDERS_HOUR: '0', // both scan at start-up
      REMINDERS_PER_SECOND: '100',
    };
    // the connector answers nothing until both are ready, so the first one up cannot do it all alone
    const gate = connector.holdResponses();
    servers = await Promise.all(proxies.map((proxy) => startReadyServer({ ...env, HTTP_PROXY: proxy.url }, dir)));
    gate.release();

    const tally = new ChannelTally(connector);
    await whenReceived(
      connector,
      servers.map((s) => s.process),
      () => tally.channels === CHANNELS,
    );
    // nothing left anywhere in the shared queue (no repeat on its way), then both stop cleanly
    const observer = new BullMqDeliveryQueue<ReminderJob>({
      url: redis.url,
      prefix: `${prefix}queue`,
      globalPerSecond: 1,
      perConversationPerSecond: 1,
      maxAttempts: 1,
      concurrency: 1,
    });
    let counts;
    try {
      await observer.drained();
      counts = await observer.counts();
    } finally {
      await observer.close();
    }
    const exits = await Promise.all(servers.map((s) => stopServer(s.process)));
    expect(exits).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ]);

    const posts = reminderPostsOf(connector.received);
    const result = tallyReminders(posts, CHANNELS);
    const [first, second] = proxies.map((p) => p.posted.length);
    console.log(
      `reminders on two instances: ${CHANNELS} channels, ${posts.length} reminder posts, ${result.distinct} channels reached, ` +
        `${result.lost} lost, ${result.duplicates} duplicates; instance 1 posted ${first}, instance 2 posted ${second}`,
    );
    expect(posts.every((p) => p.packageId === FLEET_PACKAGE)).toBe(true);
    expect(result).toEqual({ distinct: CHANNELS, lost: 0, duplicates: 0, repeatedChannels: [] });
    expect(counts).toEqual({ waiting: 0, delayed: 0, active: 0, completed: CHANNELS, dead: 0 });
    // every post went through one of the proxies, and each instance made some of them
    expect((first ?? 0) + (second ?? 0)).toBe(posts.length);
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(0);
  });
});
