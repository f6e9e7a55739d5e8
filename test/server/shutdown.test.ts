import { startServer } from '../../src/server/start-server';
import { MemoryStorage } from '../../src/storage/memory-storage';
import { captureLogger } from './helpers/capture-logger';
import { startStandInConnector, type StandInConnector } from './helpers/stand-in-connector';
import { postActivity, teamsMessage } from './helpers/teams-activity';
import { testConfig } from './helpers/test-config';
import { staticSource } from './helpers/tiny-dataset';

describe('stop(): graceful shutdown in process', () => {
  let connector: StandInConnector;
  beforeEach(async () => {
    connector = await startStandInConnector();
  });
  afterEach(() => connector.close());

  it('refuses new connections at once, lets the turn in flight finish, then closes storage', async () => {
    const storage = new MemoryStorage();
    const server = await startServer(testConfig(), { logger: captureLogger().logger, dataSource: staticSource(), storage });
    const slowChannel = connector.holdResponses();

    const inFlight = postActivity(server.url, teamsMessage(connector.url, 'help'));
    await connector.nthActivity(1); // the bot is now waiting on the connector: the turn is in flight
    const stopped = server.stop();

    await expect(fetch(`${server.url}/healthz`)).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
    await expect(storage.ping()).resolves.toBeUndefined(); // still open for the turn in flight

    slowChannel.release();
    expect((await inFlight).status).toBe(200);
    await stopped;
    await expect(storage.ping()).rejects.toThrow(/closed/);
  });

  it('does not wait past its deadline for a turn that hangs', async () => {
    const log = captureLogger();
    const server = await startServer(testConfig({ SHUTDOWN_TIMEOUT_MS: '1000' }), { logger: log.logger, dataSource: staticSource() });
    connector.holdResponses(); // never released: the turn hangs

    const inFlight = postActivity(server.url, teamsMessage(connector.url, 'help')).catch((e: unknown) => e);
    await connector.nthActivity(1);
    const started = Date.now();
    await server.stop();

    // stop() budgets 80% of SHUTDOWN_TIMEOUT_MS (main.ts exits at 100%); the margin absorbs a busy machine
    expect(Date.now() - started).toBeLessThan(2000);
    expect(log.lines.some((l) => l.msg.startsWith('turns still in flight at the deadline'))).toBe(true);
    // the channel sees its request cut, and will retry elsewhere
    await expect(inFlight).resolves.toHaveProperty('message', 'fetch failed');
  });
});
