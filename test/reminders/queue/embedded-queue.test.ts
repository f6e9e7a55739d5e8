import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EmbeddedDeliveryQueue } from '../../../src/reminders/queue/embedded-queue';
import { JournalStorage } from '../../../src/storage/journal-storage';
import { describeDeliveryQueueConformance, SUITE_SETTINGS, type QueueSettings } from './conformance';
import { crashWhileSending } from './crash';
import { Recorder, type Payload } from './recorder';

const tempDir = (): Promise<string> => mkdtemp(path.join(tmpdir(), 'embedded-queue-'));

describeDeliveryQueueConformance('embedded', async () => {
  const dir = await tempDir();
  const errors: Error[] = [];
  return {
    errors,
    open: (settings?: QueueSettings) => new EmbeddedDeliveryQueue<Payload>({ ...SUITE_SETTINGS, ...settings, dir, onError: (e) => errors.push(e) }),
    crashWhileSending: (job) => crashWhileSending({ kind: 'embedded', dir, job }),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
});

describe('embedded delivery queue on disk', () => {
  let dir: string;
  const opened: { close(): Promise<void> }[] = [];
  const open = (settings?: QueueSettings): EmbeddedDeliveryQueue<Payload> => {
    const queue = new EmbeddedDeliveryQueue<Payload>({ ...SUITE_SETTINGS, ...settings, dir });
    opened.push(queue);
    return queue;
  };
  const storage = (): JournalStorage => {
    const s = new JournalStorage(dir);
    opened.push(s);
    return s;
  };

  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(async () => {
    for (const o of opened.splice(0)) await o.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps of a completed job only its state and time, and of a dead one what the dead letter shows', async () => {
    const queue = open();
    await queue.add({ id: 'sent', conversationId: 'c', data: { n: 1 } });
    await queue.add({ id: 'refused', conversationId: 'c', data: { n: 2 } });
    queue.start(
      new Recorder().handler((job) => {
        if (job.id === 'refused') throw new Error('HTTP 400');
      }),
    );
    await queue.drained();
    await queue.close();

    const stored = new Map((await storage().list('job:')).map(([key, item]) => [key, item.value]));
    expect(stored).toEqual(
      new Map<string, unknown>([
        ['job:sent', { state: 'completed', at: expect.any(Number) }],
        ['job:refused', { state: 'dead', conversationId: 'c', data: { n: 2 }, attempts: 5, reason: 'HTTP 400', at: expect.any(Number) }],
      ]),
    );
  });

  it('forgets finished jobs older than keepFinishedMs when it opens, so their ids can be added again', async () => {
    const old = Date.now() - 3 * 24 * 60 * 60 * 1000;
    const s = storage();
    await s.write('job:old', { state: 'completed', at: old });
    await s.write('job:recent', { state: 'completed', at: Date.now() });
    await s.write('job:old-dead', { state: 'dead', conversationId: 'c', data: null, attempts: 1, reason: 'HTTP 404', at: old });
    await s.close();

    const queue = open({ keepFinishedMs: 24 * 60 * 60 * 1000 });
    expect(await queue.counts()).toMatchObject({ completed: 1, dead: 0 });
    await expect(queue.add({ id: 'old', conversationId: 'c', data: { n: 1 } })).resolves.toBe('added');
    await expect(queue.add({ id: 'recent', conversationId: 'c', data: { n: 1 } })).resolves.toBe('duplicate');
    await queue.close();
    expect((await storage().list('job:')).map(([key]) => key).sort()).toEqual(['job:old', 'job:recent']);
  });

  it('refuses to open over a stored item that is not a job, naming it', async () => {
    const s = storage();
    await s.write('job:odd', { state: 'lost' });
    await s.close();
    const queue = open();
    await expect(queue.counts()).rejects.toThrow('stored item "job:odd" is not a job record');
  });

  it('refuses a second queue on a folder another one holds', async () => {
    const first = open();
    await first.add({ id: 'a', conversationId: 'c', data: { n: 1 } });
    await expect(open().add({ id: 'b', conversationId: 'c', data: { n: 2 } })).rejects.toThrow(/is in use by process/);
  });

  it('refuses settings that would stall or flood the queue, naming them', () => {
    expect(() => open({ globalPerSecond: 0 })).toThrow(/globalPerSecond must be a positive number/);
    expect(() => open({ perConversationPerSecond: Number.NaN })).toThrow(/perConversationPerSecond/);
    expect(() => open({ concurrency: 1.5 })).toThrow(/concurrency must be a whole number/);
    expect(() => open({ maxAttempts: 0 })).toThrow(/maxAttempts/);
  });
});
