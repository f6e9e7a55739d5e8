// Throughput of the two delivery queues (a benchmark, not a test: numbers are printed, never asserted).
//   npx tsx test/reminders/queue/throughput-bench.ts [jobs=10000] [concurrency=50]
// Uses REDIS_URL, or starts a redis-server on a free port. For each queue: adding N jobs, then
// handling them with a handler that does nothing and limits too high to matter; then the rate
// reached with globalPerSecond 50 (300 jobs over as many conversations). With REDIS_URL, its keys
// stay under queue-bench:<pid>:*.
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DeliveryQueue, DeliveryQueueOptions } from '../../../src/reminders/delivery-queue';
import { BullMqDeliveryQueue } from '../../../src/reminders/queue/bullmq-queue';
import { EmbeddedDeliveryQueue } from '../../../src/reminders/queue/embedded-queue';
import { startRedisServer } from '../../support/redis-server';
import { jobsOf, mostInAnyWindow, Recorder, type Payload } from './recorder';

type Open = (options: DeliveryQueueOptions) => DeliveryQueue<Payload>;

const jobCount = Number(process.argv[2] ?? 10_000);
const concurrency = Number(process.argv[3] ?? 50);

async function unlimited(name: string, open: Open): Promise<void> {
  const queue = open({ globalPerSecond: 1e6, perConversationPerSecond: 1e6, maxAttempts: 5, concurrency });
  const jobs = jobsOf('job', jobCount, (i) => `conversation:${i % 500}`);
  const addStart = performance.now();
  for (let i = 0; i < jobs.length; i += 500) await Promise.all(jobs.slice(i, i + 500).map((j) => queue.add(j)));
  const addMs = performance.now() - addStart;
  const recorder = new Recorder();
  const runStart = performance.now();
  queue.start(recorder.handler());
  await queue.drained();
  const runMs = performance.now() - runStart;
  await queue.close();
  const perSecond = (ms: number): string => ((jobCount / ms) * 1000).toFixed(0);
  console.log(`${name}: added ${jobCount} in ${addMs.toFixed(0)} ms (${perSecond(addMs)}/s, 500 at a time); handled in ${runMs.toFixed(0)} ms (${perSecond(runMs)} jobs/s, concurrency ${concurrency}); calls ${recorder.calls.length}`);
}

async function limited(name: string, open: Open): Promise<void> {
  const queue = open({ globalPerSecond: 50, perConversationPerSecond: 7, maxAttempts: 5, concurrency: 20 });
  const jobs = jobsOf('limited', 300, (i) => `conversation:${i}`);
  for (const j of jobs) await queue.add(j);
  const recorder = new Recorder();
  queue.start(recorder.handler());
  await queue.drained();
  await queue.close();
  const times = recorder.calls.map((c) => c.at).sort((a, b) => a - b);
  const spanS = ((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1000;
  // sustained: the rate of every run of 50 consecutive sends (the limit allows 50 per window), median
  const runs = times.slice(50).map((t, i) => 50_000 / (t - (times[i] ?? 0))).sort((a, b) => a - b);
  const median = runs[Math.floor(runs.length / 2)] ?? NaN;
  console.log(
    `${name} with globalPerSecond 50: sustained ${median.toFixed(1)} sends/s (median over runs of 50 sends); ` +
      `${times.length} sends in ${spanS.toFixed(2)} s from first to last; most in any 1 s window: ${mostInAnyWindow(recorder.calls)}`,
  );
}

async function main(): Promise<void> {
  const server = process.env.REDIS_URL ? undefined : await startRedisServer();
  const url = process.env.REDIS_URL ?? server?.url ?? '';
  const dirs: string[] = [];
  const embedded: Open = (options) => {
    const dir = path.join(tmpdir(), `queue-bench-${process.pid}-${dirs.length}`);
    dirs.push(dir);
    return new EmbeddedDeliveryQueue<Payload>({ ...options, dir });
  };
  let run = 0;
  const bullmq: Open = (options) => new BullMqDeliveryQueue<Payload>({ ...options, url, prefix: `queue-bench:${process.pid}:${++run}` });
  try {
    await unlimited('embedded', embedded);
    await unlimited('BullMQ', bullmq);
    await limited('embedded', embedded);
    await limited('BullMQ', bullmq);
  } finally {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    await server?.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
