// Run by the conformance suite (crash.ts) and killed with SIGKILL while its handler is sending:
//   queue-crash-child.ts '<spec as JSON>'
// It opens the queue the spec names, adds the spec's job, starts, and prints "sending <id>" once
// the handler has the job; the handler never finishes.
import type { DeliveryJob } from '../../../src/reminders/delivery-queue';
import { BullMqDeliveryQueue } from '../../../src/reminders/queue/bullmq-queue';
import { EmbeddedDeliveryQueue } from '../../../src/reminders/queue/embedded-queue';

export type CrashSpec = { job: DeliveryJob } & ({ kind: 'embedded'; dir: string } | { kind: 'bullmq'; url: string; prefix: string; lockDurationMs: number; stalledIntervalMs: number });

const spec = JSON.parse(process.argv[2] ?? '{}') as CrashSpec;
const options = { globalPerSecond: 1000, perConversationPerSecond: 1000, maxAttempts: 5, concurrency: 1 };
const queue =
  spec.kind === 'embedded'
    ? new EmbeddedDeliveryQueue({ ...options, dir: spec.dir })
    : new BullMqDeliveryQueue({ ...options, url: spec.url, prefix: spec.prefix, lockDurationMs: spec.lockDurationMs, stalledIntervalMs: spec.stalledIntervalMs });

setInterval(() => undefined, 60_000); // stays alive until killed, whatever the queue keeps open
queue
  .add(spec.job)
  .then(() =>
    queue.start(async (job) => {
      process.stdout.write(`sending ${job.id}\n`);
      await new Promise(() => undefined);
    }),
  )
  .catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
