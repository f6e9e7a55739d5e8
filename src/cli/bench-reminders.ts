import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import type { ReminderJob } from '../reminders/reminder-service';
import { BullMqDeliveryQueue } from '../reminders/queue/bullmq-queue';
import { loadConfig } from '../server/config';
import { createLogger } from '../server/logger';
import { startServer } from '../server/start-server';
import { JournalStorage } from '../storage/journal-storage';
import { RedisStorage } from '../storage/redis-storage';
import { mostInAnyWindow, type BenchConnector } from './bench-connector';
import { startBenchConnectorProcess } from './bench-connector-process';
import { recordBench, round } from './bench-results';
import { describeSample, RunSamples } from './bench-reminders-samples';
import { EXIT, runMain } from './cli-support';
import { fleetDataset, seedFleet, tallyReminders } from './reminder-fleet';

// npm run bench:reminders [-- --channels 10000] [-- --storage file|redis]   (redis: REDIS_URL)
// Channels subscribed to renewal reminders, one due in each; the bot runs in this process
// (startServer) with REMINDERS_HOUR=0, so its daily scan starts with it, and delivers through its
// queue (embedded with STORAGE=file, BullMQ with redis) at REMINDERS_PER_SECOND=50 into a stand-in
// connector (a child process) that holds Teams' 50 per second over any 1-second window (429,
// Retry-After: 1, beyond). Measures the time to deliver all, the rate, lost and repeated reminders,
// 429s, event-loop stalls, and memory every few seconds (bench-reminders-samples.ts). Targets: all
// delivered at ≥ 0.9 × 50/s, none lost or repeated, the heap flat once the scan is done.

const TODAY = '2026-11-22';
const PER_SECOND = 50;
const TARGET_SHARE = 0.9;
const SAMPLE_EVERY_MS = 5000;

interface Args {
  channels: number;
  storage: 'file' | 'redis';
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { channels: 10_000, storage: 'file' };
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--channels' && value && /^\d+$/.test(value) && Number(value) > 0) args.channels = Number(value);
    else if (flag === '--storage' && (value === 'file' || value === 'redis')) args.storage = value;
    else throw new Error(`usage: bench-reminders [--channels N] [--storage file|redis]; got "${flag} ${value ?? ''}"`);
    i++;
  }
  if (args.storage === 'redis' && !process.env.REDIS_URL) throw new Error('--storage redis needs REDIS_URL (e.g. redis://127.0.0.1:6379)');
  return args;
}

/** The server's log, counted by message for warnings and errors (each printed on stderr). */
function countingLogger(): { logger: ReturnType<typeof createLogger>; problems: Record<string, number> } {
  const problems: Record<string, number> = {};
  const logger = createLogger({
    level: 'info',
    destination: {
      write(chunk: string) {
        const line = JSON.parse(chunk) as { level: number; msg: string };
        if (line.level < 40) return;
        problems[line.msg] = (problems[line.msg] ?? 0) + 1;
        process.stderr.write(chunk);
      },
    },
  });
  return { logger, problems };
}

/** Resolves when every channel has a reminder, or at the deadline. */
function allDelivered(connector: BenchConnector, channels: number, deadlineMs: number): Promise<'delivered' | 'deadline'> {
  const reached = new Set<string>();
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('deadline'), deadlineMs);
    connector.onAccepted((post) => {
      reached.add(post.conversationId);
      if (reached.size === channels) {
        clearTimeout(timer);
        resolve('delivered');
      }
    });
  });
}

/** Jobs the queue still holds once the server stopped: anything there would be posted later. */
async function queueLeft(args: Args, stateDir: string, keyPrefix: string): Promise<{ pending: number; dead: number }> {
  if (args.storage === 'redis') {
    const queue = new BullMqDeliveryQueue<ReminderJob>({
      url: process.env.REDIS_URL ?? '',
      prefix: `${keyPrefix}queue`,
      globalPerSecond: 1,
      perConversationPerSecond: 1,
      maxAttempts: 1,
      concurrency: 1,
    });
    try {
      const c = await queue.counts();
      return { pending: c.waiting + c.delayed + c.active, dead: c.dead };
    } finally {
      await queue.close();
    }
  }
  const storage = new JournalStorage(path.join(stateDir, 'delivery-queue'));
  try {
    const states = (await storage.list<{ state: string }>('job:')).map(([, item]) => item.value.state);
    return { pending: states.filter((s) => s !== 'completed' && s !== 'dead').length, dead: states.filter((s) => s === 'dead').length };
  } finally {
    await storage.close();
  }
}

async function deleteKeys(url: string, prefix: string): Promise<void> {
  const client = new Redis(url);
  try {
    for (let cursor = '0'; ; ) {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await client.del(...keys);
      if (next === '0') return;
      cursor = next;
    }
  } finally {
    client.disconnect();
  }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-reminders-'));
  const stateDir = path.join(dir, 'state');
  const keyPrefix = `bench-reminders:${process.pid}:`;
  const redisUrl = process.env.REDIS_URL ?? '';
  const connector = await startBenchConnectorProcess({ perSecond: PER_SECOND, retryAfterSeconds: 1 });
  try {
    const seedStarted = performance.now();
    const seedStorage = args.storage === 'redis' ? new RedisStorage(redisUrl, { keyPrefix }) : new JournalStorage(stateDir);
    await seedFleet(seedStorage, args.channels, connector.url).finally(() => seedStorage.close());
    const seedMs = performance.now() - seedStarted;

    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
      TODAY,
      STORAGE: args.storage,
      STATE_DIR: stateDir,
      ...(args.storage === 'redis' ? { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: keyPrefix } : {}),
      REMINDERS_HOUR: '0',
      REMINDERS_PER_SECOND: String(PER_SECOND),
    });
    const { logger, problems } = countingLogger();
    const watch = new RunSamples(() => ({ delivered: connector.accepted.length, refused429: connector.refused.length }), args.channels / 2);
    const started = performance.now();
    const server = await startServer(config, { logger, dataSource: { description: 'bench:fleet', load: () => Promise.resolve(fleetDataset(TODAY)) } });
    const ready = performance.now();
    const targetMs = (args.channels / (TARGET_SHARE * PER_SECOND)) * 1000;
    watch.start(SAMPLE_EVERY_MS);
    const outcome = await allDelivered(connector, args.channels, Math.max(3 * targetMs, 120_000));
    watch.stop();
    const lastAt = connector.accepted.at(-1)?.at ?? performance.now();
    await server.stop();
    const left = await queueLeft(args, stateDir, keyPrefix);

    const tally = tallyReminders(connector.accepted, args.channels);
    const firstAt = connector.accepted[0]?.at ?? lastAt;
    const deliverMs = lastAt - ready;
    const rate = args.channels / (deliverMs / 1000);
    const { start, half, end } = watch.retained;
    const rss = watch.samples.map((s) => s.rssMiB);
    const memory = {
      everyS: SAMPLE_EVERY_MS / 1000,
      rssMiB: { start: start?.rssMiB, max: Math.max(...rss), end: end?.rssMiB },
      heapMiB: { start: start?.heapMiB, max: Math.max(...watch.samples.map((s) => s.heapMiB)), end: end?.heapMiB },
      retainedHeap: watch.retained,
      heapPerChannelKiB: round((((end?.heapMiB ?? 0) - (start?.heapMiB ?? 0)) * 1024) / args.channels, 2),
    };
    const eventLoopDelayMs = watch.eventLoopDelayMs;
    const refusedChannels = new Set(connector.refused.map((r) => r.conversationId)).size;
    const pass = {
      delivered: outcome === 'delivered',
      rate: deliverMs <= targetMs,
      lost: tally.lost === 0,
      duplicates: tally.duplicates === 0 && left.pending === 0,
      heapFlat: watch.heapFlat,
    };
    recordBench(args.storage === 'redis' ? 'reminders-redis' : 'reminders', {
      channels: args.channels,
      storage: args.storage,
      queue: args.storage === 'redis' ? 'bullmq' : 'embedded',
      perSecond: PER_SECOND,
      targets: { deliverAllMs: Math.round(targetMs), rate: TARGET_SHARE * PER_SECOND, lost: 0, duplicates: 0 },
      seedMs: Math.round(seedMs),
      startMs: Math.round(ready - started),
      firstPostMs: Math.round(firstAt - ready),
      deliverAllMs: Math.round(deliverMs),
      rate: round(rate, 1),
      sustainedRate: round((tally.distinct - 1) / ((lastAt - firstAt) / 1000), 1),
      mostInAnySecond: mostInAnyWindow(connector.accepted),
      posts: connector.accepted.length,
      lost: tally.lost,
      duplicates: tally.duplicates,
      leftInQueue: left,
      refused429: { requests: connector.refused.length, channels: refusedChannels },
      eventLoopDelayMs,
      logProblems: problems,
      memory,
      samples: watch.samples.map(describeSample),
      pass,
    });
    const lines = [
      `reminders bench: ${args.channels} channels, ${args.storage} storage (${args.storage === 'redis' ? 'BullMQ' : 'embedded queue'}), ${PER_SECOND}/s`,
      `  seeded in         ${(seedMs / 1000).toFixed(1)} s; server ready in ${((ready - started) / 1000).toFixed(1)} s`,
      `  delivered         ${tally.distinct} of ${args.channels} in ${(deliverMs / 1000).toFixed(1)} s (target ≤ ${(targetMs / 1000).toFixed(0)} s)`,
      `  rate              ${rate.toFixed(1)}/s from ready (target ≥ ${TARGET_SHARE * PER_SECOND}/s); most in any 1 s: ${mostInAnyWindow(connector.accepted)}`,
      `  lost / duplicates ${tally.lost} / ${tally.duplicates}; left in queue ${left.pending} (dead ${left.dead})`,
      `  429 received      ${connector.refused.length} (on ${refusedChannels} channels)`,
      `  event loop delay  p50 ${eventLoopDelayMs.p50} ms  p99 ${eventLoopDelayMs.p99} ms  max ${eventLoopDelayMs.max} ms`,
      `  RSS MiB           start ${memory.rssMiB.start}  max ${memory.rssMiB.max}  end ${memory.rssMiB.end}`,
      `  heap MiB          start ${start?.heapMiB}  half ${half?.heapMiB}  end ${end?.heapMiB} (after full GC; ${memory.heapPerChannelKiB} KiB per channel); max ${memory.heapMiB.max} (sampled)`,
      Object.values(pass).every(Boolean) ? 'all targets met' : `missed: ${Object.entries(pass).filter(([, ok]) => !ok).map(([k]) => k).join(', ')}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    return Object.values(pass).every(Boolean) ? EXIT.ok : EXIT.bug;
  } finally {
    await connector.close();
    await rm(dir, { recursive: true, force: true });
    if (args.storage === 'redis') await deleteKeys(redisUrl, keyPrefix);
  }
}

runMain(main);
