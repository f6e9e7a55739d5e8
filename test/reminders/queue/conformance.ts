import { GiveUp, RetryLater, type DeliveryJob, type DeliveryQueue, type DeliveryQueueOptions } from '../../../src/reminders/delivery-queue';
import type { QueueTuning } from '../../../src/reminders/queue/queue-options';
import { expectWithinLimit, jobsOf, Recorder, type Payload } from './recorder';

export type QueueSettings = Partial<DeliveryQueueOptions & QueueTuning>;

/** One queue backend under test, over a place (folder, Redis prefix) of its own for each test. */
export interface QueueFixture {
  /** Another queue instance over the test's place, with the suite's settings overridden by `settings`. */
  open(settings?: QueueSettings): DeliveryQueue<Payload>;
  /** Leaves the place as a process that died while sending `job` leaves it (the job added, its send started). */
  crashWhileSending(job: DeliveryJob<Payload>): Promise<void>;
  /** Errors the queues reported in the background (onError). */
  readonly errors: Error[];
  dispose(): Promise<void>;
}

/** Limits high enough not to matter, short retries: each test sets what it looks at. */
export const SUITE_SETTINGS: DeliveryQueueOptions & QueueTuning = {
  globalPerSecond: 1000,
  perConversationPerSecond: 1000,
  maxAttempts: 5,
  concurrency: 8,
  retryBaseDelayMs: 20,
};

const job = (id: string, conversationId = 'conversation:a', n = 0): DeliveryJob<Payload> => ({ id, conversationId, data: { n } });

/**
 * What every DeliveryQueue owes the reminders: written once, run by each backend's test file; a
 * backend that passes is interchangeable with the other.
 */
export function describeDeliveryQueueConformance(name: string, makeFixture: () => Promise<QueueFixture>): void {
  describe(`${name} delivery queue conformance`, () => {
    let fixture: QueueFixture;
    let opened: DeliveryQueue<Payload>[];
    let recorder: Recorder;
    const open = (settings?: QueueSettings): DeliveryQueue<Payload> => {
      const queue = fixture.open(settings);
      opened.push(queue);
      return queue;
    };
    /** Starts `queue` with a recording handler, waits until it is drained, and returns the recorder. */
    const runToEnd = async (queue: DeliveryQueue<Payload>, behaviour?: Parameters<Recorder['handler']>[0]): Promise<Recorder> => {
      queue.start(recorder.handler(behaviour));
      await queue.drained();
      return recorder;
    };

    beforeEach(async () => {
      fixture = await makeFixture();
      opened = [];
      recorder = new Recorder();
    });
    afterEach(async () => {
      await Promise.all(opened.map((q) => q.close()));
      await fixture.dispose();
      expect(fixture.errors).toEqual([]);
    });

    describe('adding', () => {
      it('adds an id once: adding it again, at once or later, is a duplicate that changes nothing', async () => {
        const queue = open();
        await expect(queue.add(job('renewal:42:2025-06-30', 'conversation:a', 1))).resolves.toBe('added');
        await expect(queue.add(job('renewal:42:2025-06-30', 'conversation:b', 2))).resolves.toBe('duplicate');
        await expect(Promise.all([queue.add(job('same', 'c', 3)), queue.add(job('same', 'c', 4))])).resolves.toEqual(['added', 'duplicate']);
        // ids as they come: digits only, separators, escapes of each other
        for (const id of ['12345', 'a:b', 'a%3Ab', 'a%253Ab', 'ü 19:x@thread.v2']) await expect(queue.add(job(id))).resolves.toBe('added');
        expect(await queue.counts()).toEqual({ waiting: 7, delayed: 0, active: 0, completed: 0, dead: 0 });

        await runToEnd(queue);
        expect(recorder.notOnce(['renewal:42:2025-06-30', 'same', '12345', 'a:b', 'a%3Ab', 'a%253Ab', 'ü 19:x@thread.v2'])).toEqual({});
        expect(recorder.of('renewal:42:2025-06-30')[0]).toMatchObject({ conversationId: 'conversation:a', data: { n: 1 } });
        expect(recorder.of('same')[0]?.data).toEqual({ n: 3 });
      });

      it('keeps a waiting id and a completed id duplicates after the queue is closed and reopened', async () => {
        const first = open();
        await first.add(job('waiting'));
        await first.close();

        const second = open();
        await expect(second.add(job('waiting'))).resolves.toBe('duplicate');
        await second.add(job('done'));
        await runToEnd(second);
        await expect(second.add(job('done'))).resolves.toBe('duplicate');
        await second.close();

        const third = open();
        await expect(third.add(job('done'))).resolves.toBe('duplicate');
        await expect(third.add(job('waiting'))).resolves.toBe('duplicate');
        await third.drained();
        expect(recorder.notOnce(['waiting', 'done'])).toEqual({});
        expect(await third.counts()).toEqual({ waiting: 0, delayed: 0, active: 0, completed: 2, dead: 0 });
      });

      it('refuses a job without an id or a conversation, and adds after close', async () => {
        const queue = open();
        await expect(queue.add(job(''))).rejects.toThrow(/id/);
        await expect(queue.add(job('x', ''))).rejects.toThrow(/conversationId/);
        await queue.close();
        await expect(queue.add(job('x'))).rejects.toThrow(/closed/);
      });
    });

    describe('delivering', () => {
      it('hands every job to the handler once, with its data, over many conversations', async () => {
        const queue = open();
        const jobs = jobsOf('job', 300, (i) => `conversation:${i % 30}`);
        await Promise.all(jobs.map((j) => queue.add(j)));
        await runToEnd(queue);
        expect(recorder.notOnce(jobs.map((j) => j.id))).toEqual({});
        for (const j of jobs) expect(recorder.of(j.id)[0]).toMatchObject({ conversationId: j.conversationId, data: j.data, attempt: 1, maybeRepeated: false });
        expect(await queue.counts()).toEqual({ waiting: 0, delayed: 0, active: 0, completed: 300, dead: 0 });
      });

      it('starts a job added with delayMs no sooner than that', async () => {
        const queue = open();
        const before = Date.now();
        await queue.add(job('later'), { delayMs: 300 });
        await queue.add(job('now'));
        expect(await queue.counts()).toMatchObject({ waiting: 1, delayed: 1 });
        await runToEnd(queue);
        expect(recorder.of('later')[0]?.at).toBeGreaterThanOrEqual(before + 300);
        expect(recorder.calls.map((c) => c.id)).toEqual(['now', 'later']);
      });

      it('retries a RetryLater no sooner than its delay, then completes it', async () => {
        const queue = open();
        await queue.add(job('busy'));
        await runToEnd(queue, (_, { attempt }) => {
          if (attempt === 1) throw new RetryLater(400, 'HTTP 503');
        });
        const [first, second] = recorder.of('busy');
        expect(recorder.of('busy').map((c) => c.attempt)).toEqual([1, 2]);
        expect(second?.at).toBeGreaterThanOrEqual((first?.threwAt ?? Infinity) + 400);
        expect(await queue.counts()).toMatchObject({ completed: 1, dead: 0 });
      });

      it('retries other errors with growing delays and dead-letters the job after maxAttempts', async () => {
        const queue = open({ maxAttempts: 3 });
        await queue.add(job('broken', 'conversation:b'));
        await queue.add(job('flaky'));
        await runToEnd(queue, (j, { attempt }) => {
          if (j.id === 'broken' || attempt < 3) throw new Error('HTTP 502');
        });
        const broken = recorder.of('broken');
        expect(broken.map((c) => c.attempt)).toEqual([1, 2, 3]);
        // backoff base 20 ms with equal jitter: at least 10, then 20
        expect((broken[1]?.at ?? 0) - (broken[0]?.threwAt ?? Infinity)).toBeGreaterThanOrEqual(10);
        expect((broken[2]?.at ?? 0) - (broken[1]?.threwAt ?? Infinity)).toBeGreaterThanOrEqual(20);
        expect(recorder.of('flaky').map((c) => c.attempt)).toEqual([1, 2, 3]);
        const dead = await queue.deadLetters();
        expect(dead).toEqual([{ id: 'broken', conversationId: 'conversation:b', reason: 'HTTP 502', attempts: 3, failedAt: expect.any(String) }]);
        expect(Date.parse(dead[0]?.failedAt ?? '')).toBeGreaterThanOrEqual(broken[2]?.at ?? Infinity);
        expect(await queue.counts()).toEqual({ waiting: 0, delayed: 0, active: 0, completed: 1, dead: 1 });
      });

      it('dead-letters a GiveUp at once with its reason, never retrying it, and keeps its id a duplicate', async () => {
        const queue = open();
        await queue.add(job('removed', 'conversation:gone'));
        await runToEnd(queue, () => {
          throw new GiveUp('HTTP 403: the bot was removed from the conversation');
        });
        expect(recorder.of('removed')).toHaveLength(1);
        await expect(queue.deadLetters()).resolves.toEqual([
          { id: 'removed', conversationId: 'conversation:gone', reason: 'HTTP 403: the bot was removed from the conversation', attempts: 1, failedAt: expect.any(String) },
        ]);
        await expect(queue.add(job('removed'))).resolves.toBe('duplicate');
        expect(await queue.counts()).toMatchObject({ dead: 1, completed: 0 });
      });
    });

    describe('rate limits', () => {
      it('never starts more than perConversationPerSecond sends to one conversation in any second, and lets other conversations through meanwhile', async () => {
        const queue = open({ perConversationPerSecond: 7 });
        const busy = jobsOf('busy', 30, () => 'conversation:busy');
        const others = jobsOf('other', 5, (i) => `conversation:${i}`);
        for (const j of [...busy, ...others]) await queue.add(j);
        await runToEnd(queue);
        const busyCalls = recorder.calls.filter((c) => c.conversationId === 'conversation:busy');
        expect(recorder.notOnce([...busy, ...others].map((j) => j.id))).toEqual({});
        expectWithinLimit(busyCalls, 7);
        const eighth = busyCalls[7]?.at ?? 0;
        for (const other of others) expect(recorder.of(other.id)[0]?.at).toBeLessThan(eighth);
      });

      it('never starts more than globalPerSecond sends in any second', async () => {
        const queue = open({ globalPerSecond: 10 });
        const jobs = jobsOf('job', 25, (i) => `conversation:${i}`);
        for (const j of jobs) await queue.add(j);
        await runToEnd(queue);
        expect(recorder.notOnce(jobs.map((j) => j.id))).toEqual({});
        expectWithinLimit(recorder.calls, 10);
      });

      it("holds every conversation's jobs for a throttled RetryLater's delay (a 429)", async () => {
        const queue = open({ concurrency: 1 });
        await queue.add(job('throttled', 'conversation:t'));
        const others = jobsOf('other', 4, (i) => `conversation:${i}`);
        for (const j of others) await queue.add(j);
        await runToEnd(queue, (j, { attempt }) => {
          if (j.id === 'throttled' && attempt === 1) throw new RetryLater(500, 'HTTP 429', true);
        });
        const throttledAt = recorder.of('throttled')[0]?.threwAt ?? Infinity;
        const after = recorder.calls.slice(1);
        expect(after.map((c) => c.id).sort()).toEqual([...others.map((j) => j.id), 'throttled'].sort());
        for (const call of after) expect(call.at).toBeGreaterThanOrEqual(throttledAt + 500);
      });

      it('holds only its own job for a RetryLater that is not a throttle', async () => {
        const queue = open({ concurrency: 1 });
        await queue.add(job('busy', 'conversation:t'));
        const others = jobsOf('other', 4, (i) => `conversation:${i}`);
        for (const j of others) await queue.add(j);
        await runToEnd(queue, (j, { attempt }) => {
          if (j.id === 'busy' && attempt === 1) throw new RetryLater(500, 'HTTP 503');
        });
        const failedAt = recorder.of('busy')[0]?.threwAt ?? 0;
        for (const other of others) expect(recorder.of(other.id)[0]?.at).toBeLessThan(failedAt + 500);
        expect(recorder.of('busy')[1]?.at).toBeGreaterThanOrEqual(failedAt + 500);
      });
    });

    describe('persistence', () => {
      it('delivers every job once across a close and a reopen, the delayed ones included', async () => {
        const jobs = jobsOf('job', 20, (i) => `conversation:${i % 4}`);
        const first = open({ concurrency: 2 });
        for (const j of jobs) await first.add(j);
        await first.add(job('delayed:1'), { delayMs: 200 });
        await first.add(job('delayed:2', 'conversation:b'), { delayMs: 200 });
        let closing: Promise<void> | undefined;
        first.start(
          recorder.handler(() => {
            if (recorder.calls.length === 5) closing = first.close();
          }),
        );
        await recorder.called(5);
        await closing;
        const handledBefore = recorder.calls.length;
        expect(handledBefore).toBeLessThan(22);

        const second = open();
        for (const j of jobs) await expect(second.add(j)).resolves.toBe('duplicate');
        await runToEnd(second);
        expect(recorder.notOnce([...jobs.map((j) => j.id), 'delayed:1', 'delayed:2'])).toEqual({});
        expect(recorder.calls.every((c) => !c.maybeRepeated)).toBe(true);
        expect(await second.counts()).toEqual({ waiting: 0, delayed: 0, active: 0, completed: 22, dead: 0 });
      });

      it('sends again, flagged maybeRepeated on every later attempt, a job whose process died during its send', async () => {
        await fixture.crashWhileSending(job('crashed', 'conversation:c', 7));
        const queue = open();
        await expect(queue.add(job('crashed'))).resolves.toBe('duplicate');
        await queue.add(job('fresh'));
        await runToEnd(queue, (j, { attempt }) => {
          if (j.id === 'crashed' && attempt === 1) throw new RetryLater(20, 'HTTP 503');
        });
        expect(recorder.of('crashed').map(({ attempt, maybeRepeated, data }) => ({ attempt, maybeRepeated, data }))).toEqual([
          { attempt: 1, maybeRepeated: true, data: { n: 7 } },
          { attempt: 2, maybeRepeated: true, data: { n: 7 } },
        ]);
        expect(recorder.of('fresh').map((c) => c.maybeRepeated)).toEqual([false]);
        expect(await queue.counts()).toMatchObject({ completed: 2, active: 0 });
      }, 20_000);
    });

    describe('drained', () => {
      it('resolves at once when nothing is left, dead letters aside, and otherwise once nothing is waiting, delayed or active', async () => {
        const queue = open();
        await expect(queue.drained()).resolves.toBeUndefined();
        await queue.add(job('later'), { delayMs: 250 });
        await queue.add(job('retried'));
        await queue.add(job('refused'));
        queue.start(
          recorder.handler((j, { attempt }) => {
            if (j.id === 'retried' && attempt === 1) throw new RetryLater(100, 'HTTP 503');
            if (j.id === 'refused') throw new GiveUp('HTTP 404');
          }),
        );
        await queue.drained();
        expect(recorder.calls.map((c) => `${c.id}#${c.attempt}`).sort()).toEqual(['later#1', 'refused#1', 'retried#1', 'retried#2']);
        expect(await queue.counts()).toEqual({ waiting: 0, delayed: 0, active: 0, completed: 2, dead: 1 });
      });
    });
  });
}
