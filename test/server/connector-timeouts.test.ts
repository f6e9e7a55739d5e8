import path from 'node:path';
import { FileDataSource } from '../../src/data/file-source';
import { MemoryStorage } from '../../src/storage/memory-storage';
import { ConnectorTimeoutError } from '../../src/server/connector-factory';
import { startServer, type RunningServer } from '../../src/server/start-server';
import { captureLogger, type LogLine } from './helpers/capture-logger';
import { startStandInConnector, type ReceivedActivity, type StandInConnector } from './helpers/stand-in-connector';
import { fromMario, postActivity } from './helpers/teams-activity';
import { HeldAuditStorage } from './helpers/held-audit-storage';
import { localConnectorFactory } from './helpers/local-connector-factory';
import { testConfig } from './helpers/test-config';

// A connector that takes a reply and never answers it must not hold the turn past Teams' 15 s:
// each attempt has CONNECTOR_TIMEOUT_MS, one that timed out is sent again (CONNECTOR_RETRIES), and
// all the sends of a turn (or of one proactive message) together have CONNECTOR_DEADLINE_MS.
// Small values here, though not so small that a healthy answer on a busy machine would time out;
// no test measures wall-clock time.

const SAMPLE = path.resolve(__dirname, '..', '..', 'data', 'sample');

const texts = (r: ReceivedActivity | undefined): string => JSON.stringify(r?.activity ?? {});
const errorOf = (line: LogLine): string => String((line.err as { message?: unknown } | undefined)?.message);

describe('replies to a connector that does not answer', () => {
  let connector: StandInConnector;
  let server: RunningServer | undefined;
  let log: ReturnType<typeof captureLogger>;

  const start = async (env: Record<string, string>, storage = new MemoryStorage()): Promise<RunningServer> => {
    server = await startServer(testConfig(env), { logger: log.logger, dataSource: new FileDataSource(SAMPLE), storage });
    return server;
  };

  beforeEach(async () => {
    connector = await startStandInConnector();
    log = captureLogger();
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    await connector.close();
  });

  it('sends a reply again when its first attempt times out, and it arrives once', async () => {
    const bot = await start({ CONNECTOR_TIMEOUT_MS: '500', CONNECTOR_DEADLINE_MS: '5000' });
    let first = true;
    connector.neverAnswer(() => {
      const hang = first;
      first = false;
      return hang;
    });

    const posted = await postActivity(bot.url, fromMario(connector.url, 'help'));

    expect(posted.status).toBe(200);
    expect(connector.unanswered).toHaveLength(1);
    expect(connector.received).toHaveLength(1);
    expect(texts(connector.received[0])).toContain('Customer Activity in Teams');
    expect(connector.received[0]?.activity.text).toBe(connector.unanswered[0]?.activity.text);
    expect(log.lines.some((l) => l.msg === 'turn failed')).toBe(false);
  });

  it('ends the turn when the connector answers nothing, logs why, and answers the next message once it is back', async () => {
    // more retries than fit: the turn's budget, not the attempts, runs out
    const bot = await start({ CONNECTOR_TIMEOUT_MS: '500', CONNECTOR_RETRIES: '10', CONNECTOR_DEADLINE_MS: '2500' });
    connector.neverAnswer(() => true);

    const posted = await postActivity(bot.url, fromMario(connector.url, 'help'));

    expect(posted.status).toBe(200); // it completes: the channel is not left waiting
    expect(connector.received).toHaveLength(0);
    expect(connector.unanswered.length).toBeGreaterThanOrEqual(2); // the reply was sent again
    const failed = log.lines.find((l) => l.msg === 'turn failed');
    expect(failed && errorOf(failed)).toMatch(/^the Bot Framework connector did not answer POST .* within the 2500 ms its sends may take \(CONNECTOR_DEADLINE_MS\)$/);
    // the apology shares the turn's budget, spent by now: it is not sent to wait as long again
    const apology = log.lines.find((l) => l.msg === 'could not tell the user about the failed turn');
    expect(apology && errorOf(apology)).toMatch(/CONNECTOR_DEADLINE_MS/);
    expect(connector.unanswered.filter((a) => texts(a).includes('Sorry, something went wrong'))).toEqual([]);
    const tries = connector.unanswered.length;

    connector.neverAnswer(undefined);
    const next = await postActivity(bot.url, fromMario(connector.url, 'help'));
    expect(next.status).toBe(200);
    expect(connector.received).toHaveLength(1);
    expect(texts(connector.received[0])).toContain('Customer Activity in Teams');
    expect(connector.unanswered).toHaveLength(tries);
  });

  it('gives up on a late (proactive) answer after its attempts time out, and says so in the log', async () => {
    const storage = new HeldAuditStorage();
    await start({ WORKING_ON_IT_AFTER_MS: '100', CONNECTOR_TIMEOUT_MS: '500', CONNECTOR_RETRIES: '1', CONNECTOR_DEADLINE_MS: '5000' }, storage);
    // the "working on it" reply is answered; the answer that replaces it later (PUT) is not
    connector.neverAnswer((a) => a.method === 'PUT');

    const posted = await postActivity(server?.url ?? '', fromMario(connector.url, 'who granted roles this month?'));
    expect(posted.status).toBe(200);
    expect(texts(await connector.nthActivity(1))).toContain('Working on it');

    storage.release();
    const undelivered = await log.waitFor((l) => l.msg === 'could not deliver the answer of a slow turn');
    expect(errorOf(undelivered)).toMatch(
      /^the Bot Framework connector did not answer PUT .*\/activities\/reply-1 within 500 ms, 2 attempts \(CONNECTOR_TIMEOUT_MS, CONNECTOR_RETRIES\)$/,
    );
    expect(connector.unanswered.map((a) => a.method)).toEqual(['PUT', 'PUT']);
    expect(texts(connector.unanswered[0])).toContain('Role and membership changes');
    expect(connector.received).toHaveLength(1);
  });
});

describe('the connector factory on its own', () => {
  it("passes a caller's own abort on as it is, not as the connector's timeout", async () => {
    const connector = await startStandInConnector();
    try {
      let arrived!: () => void;
      const hanging = new Promise<void>((resolve) => (arrived = resolve));
      connector.neverAnswer(() => {
        arrived();
        return true;
      });
      // the caller aborts long before the attempt's timeout, whose timer the HTTP client leaves running
      const factory = localConnectorFactory({ timeoutMs: 500, retries: 0, deadlineMs: 60_000 });
      const client = await factory.create(connector.url);
      const caller = new AbortController();
      const sending = client.conversations.sendToConversation('a:chat', { type: 'message', text: 'hello' }, { abortSignal: caller.signal });
      await hanging; // the connector has the request and keeps it
      caller.abort();
      const error = await sending.catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'AbortError' });
      expect(error).not.toBeInstanceOf(ConnectorTimeoutError);
    } finally {
      await connector.close();
    }
  });
});
