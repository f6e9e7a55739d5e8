import path from 'node:path';
import { FileDataSource } from '../../src/data/file-source';
import { MemoryStorage } from '../../src/storage/memory-storage';
import { startServer, type RunningServer } from '../../src/server/start-server';
import { captureLogger } from './helpers/capture-logger';
import { startStandInConnector, type StandInConnector } from './helpers/stand-in-connector';
import { fromMario, postActivity } from './helpers/teams-activity';
import { testConfig } from './helpers/test-config';

// A reply the connector refuses for a moment (503, 429 with Retry-After) is sent again, once it is
// taken, as the reminders are: the person gets one answer, not none and not two.

const SAMPLE = path.resolve(__dirname, '..', '..', 'data', 'sample');

describe('replies the connector refuses for a moment', () => {
  let connector: StandInConnector;
  let server: RunningServer;

  beforeEach(async () => {
    connector = await startStandInConnector();
    server = await startServer(testConfig(), { logger: captureLogger().logger, dataSource: new FileDataSource(SAMPLE), storage: new MemoryStorage() });
  });
  afterEach(async () => {
    await server.stop();
    await connector.close();
  });

  it.each([
    ['a 503', { status: 503 }],
    ['a 429 with Retry-After', { status: 429, headers: { 'retry-after': '1' } }],
  ])('are sent again after %s, and arrive once', async (_, refusal) => {
    let refusals = 0;
    connector.respondWith(() => (refusals++ === 0 ? refusal : undefined));
    const posted = await postActivity(server.url, fromMario(connector.url, 'help'));
    expect(posted.status).toBe(200);
    expect(connector.refused).toHaveLength(1);
    expect(connector.received).toHaveLength(1);
    expect(JSON.stringify(connector.received[0]?.activity)).toContain('Customer Activity in Teams');
  });
});
