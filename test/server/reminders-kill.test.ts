import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FLEET_PACKAGE, fleetDataset, fleetSubscription, seedFleet, tallyReminders } from '../../src/cli/reminder-fleet';
import { JournalStorage } from '../../src/storage/journal-storage';
import { killServer, startReadyServer, stopServer, type ReadyServer } from './helpers/process-chat';
import { allLogsRead, ChannelTally, reminderPostsOf, whenReceived } from './helpers/reminder-posts';
import { startStandInConnector, type StandInConnector } from './helpers/stand-in-connector';
import { writeDataset } from './helpers/tiny-dataset';
import { SeededRandom } from '../../src/data/seeded-random';

// 2,000 subscribed channels, one reminder due in each, and a server on the embedded store
// (STORAGE=file) killed with SIGKILL at random moments — sometimes with sends held at the
// connector, so that the kill cuts them in flight — then restarted on the same STATE_DIR until every
// channel has its reminder. None may be lost; a channel may get its reminder twice only where a
// send was cut, which the restarted process says in its log ('it may repeat once').

const TODAY = '2026-11-22';
const CHANNELS = 2000;
const KILLS = 4;
const MAY_REPEAT = 'reminders: a send was in flight when the process stopped; it may repeat once';
// replay the kill moments of a run with REMINDERS_KILL_SEED=<the seed it printed>
const SEED = Number(process.env.REMINDERS_KILL_SEED ?? Date.now() % 2 ** 31);

const between = (random: () => number, min: number, max: number): number => min + Math.floor(random() * (max - min + 1));

// six or more server processes started through tsx and 2,000 posts: about a minute on 2 cores
jest.setTimeout(170_000);

describe('renewal reminders across kill -9 (STORAGE=file, 2,000 channels)', () => {
  let dir: string;
  let stateDir: string;
  let connector: StandInConnector;
  let server: ReadyServer | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'bot-reminders-kill-'));
    stateDir = path.join(dir, 'state');
    connector = await startStandInConnector();
    await writeDataset(path.join(dir, 'data'), fleetDataset(TODAY));
    const storage = new JournalStorage(stateDir);
    try {
      await seedFleet(storage, CHANNELS, connector.url);
    } finally {
      await storage.close();
    }
  });

  afterAll(async () => {
    if (server) await killServer(server.process);
    await connector.close();
    await rm(dir, { recursive: true, force: true });
  });

  const start = async (): Promise<ReadyServer> => {
    server = await startReadyServer(
      {
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: path.join(dir, 'data'),
        TODAY,
        LOG_LEVEL: 'info',
        STORAGE: 'file',
        STATE_DIR: stateDir,
        REMINDERS_HOUR: '0', // the daily scan runs at start-up
        REMINDERS_PER_SECOND: '400',
      },
      dir,
    );
    return server;
  };

  /** The queue's jobs as stored, read once no server owns the folder. */
  const queueJobs = async (): Promise<{ completed: number; dead: number; pendingChannels: string[] }> => {
    const storage = new JournalStorage(path.join(stateDir, 'delivery-queue'));
    try {
      const jobs = await storage.list<{ state: string; conversationId?: string }>('job:');
      const states = jobs.map(([, item]) => item.value);
      return {
        completed: states.filter((s) => s.state === 'completed').length,
        dead: states.filter((s) => s.state === 'dead').length,
        pendingChannels: states.filter((s) => s.state !== 'completed' && s.state !== 'dead').map((s) => s.conversationId ?? ''),
      };
    } finally {
      await storage.close();
    }
  };

  it('delivers every reminder, repeating only the sends a kill cut', async () => {
    const rng = new SeededRandom(SEED);
    const random = (): number => rng.next();
    const tally = new ChannelTally(connector);
    const warnedJobs: string[] = [];
    const runs: string[] = [];

    for (let kill = 1; kill <= KILLS; kill++) {
      const running = await start();
      const from = connector.received.length;
      const posts = between(random, 30, 400);
      const held = between(random, 0, 8); // posts let in, unanswered, before the kill
      await whenReceived(connector, running.process, () => connector.received.length >= from + posts);
      const gate = held > 0 ? connector.holdResponses() : undefined;
      if (gate) await whenReceived(connector, running.process, () => connector.received.length >= from + posts + held);
      await expect(killServer(running.process)).resolves.toEqual({ code: null, signal: 'SIGKILL' });
      gate?.release();
      const warned = (await allLogsRead(running.process)).filter((l) => l.msg === MAY_REPEAT).map((l) => String(l.job));
      warnedJobs.push(...warned);
      runs.push(`kill ${kill}: +${connector.received.length - from} posts (${held} held), ${warned.length} warned`);
    }
    expect(tally.channels).toBeLessThan(CHANNELS); // every kill came before the end

    // then runs without kill until every channel has its reminder and the queue has nothing left:
    // a repeat still waiting when the last channel got its first reminder is awaited in one more run
    let awaited: string[] = [];
    let finalRuns = 0;
    let jobs: Awaited<ReturnType<typeof queueJobs>>;
    for (;;) {
      finalRuns++;
      const running = await start();
      const from = connector.received.length;
      const postedSince = (channels: string[]): boolean => {
        const fresh = new Set(reminderPostsOf(connector.received.slice(from)).map((p) => p.conversationId));
        return channels.every((c) => fresh.has(c));
      };
      await whenReceived(connector, running.process, () => tally.channels === CHANNELS && postedSince(awaited));
      await expect(stopServer(running.process)).resolves.toEqual({ code: 0, signal: null });
      const warned = (await allLogsRead(running.process)).filter((l) => l.msg === MAY_REPEAT).map((l) => String(l.job));
      warnedJobs.push(...warned);
      runs.push(`run ${finalRuns} to the end: +${connector.received.length - from} posts, ${warned.length} warned`);
      jobs = await queueJobs();
      if (jobs.pendingChannels.length === 0) break;
      expect(finalRuns).toBeLessThan(4);
      awaited = jobs.pendingChannels;
    }

    const posts = reminderPostsOf(connector.received);
    const result = tallyReminders(posts, CHANNELS);
    // the report: what happened, whatever the assertions below say
    console.log(
      [
        `reminders across ${KILLS} kills (seed ${SEED}): ${CHANNELS} channels, ${posts.length} reminder posts, ` +
          `${result.distinct} channels reached, ${result.lost} lost, ${result.duplicates} duplicates, ${warnedJobs.length} 'may repeat once' warnings`,
        ...runs,
      ].join('\n'),
    );

    expect(posts.every((p) => p.packageId === FLEET_PACKAGE)).toBe(true);
    expect(result.distinct).toBe(CHANNELS);
    expect(result.lost).toBe(0);
    expect(jobs.completed).toBe(CHANNELS);
    expect(jobs.dead).toBe(0);
    // duplicates only where a send was in flight at a kill: each repeat of a channel was announced
    // by a warning about that channel's job
    expect(result.duplicates).toBeLessThanOrEqual(warnedJobs.length);
    const channelOfSubscription = new Map(Array.from({ length: CHANNELS }, (_, i) => fleetSubscription(i, '')).map((s) => [s.id, s.conversationId]));
    const warningsPerChannel = new Map<string, number>();
    for (const job of warnedJobs) {
      const channel = channelOfSubscription.get(job.split('|')[0] ?? '') ?? job;
      warningsPerChannel.set(channel, (warningsPerChannel.get(channel) ?? 0) + 1);
    }
    const unannounced = [...tally.postsPerChannel].filter(([channel, n]) => n - 1 > (warningsPerChannel.get(channel) ?? 0));
    expect(unannounced).toEqual([]);
  });
});
