import path from 'node:path';
import { FileDataSource } from '../../src/data/file-source';
import { MemoryStorage } from '../../src/storage/memory-storage';
import { startServer, type RunningServer } from '../../src/server/start-server';
import { captureLogger } from './helpers/capture-logger';
import { startStandInConnector, type StandInConnector } from './helpers/stand-in-connector';
import { postActivity, teamsMessage } from './helpers/teams-activity';
import { testConfig } from './helpers/test-config';

// The approval flow through the real endpoint and CloudAdapter: an admin who talked to the bot
// receives the approval card proactively at the connector of their personal chat.

const SAMPLE = path.resolve(__dirname, '..', '..', 'data', 'sample');
const MARIO = { id: '29:mario', name: 'Mario Rossi', aadObjectId: '69f92ac1-7e16-5725-bfb4-f1448d5f8db4' };
const GIULIA = { id: '29:giulia', name: 'Giulia Verdi', aadObjectId: '36f03246-a84e-5f69-85d1-3f0ae0d1b0a7' };
// the sample organization's tenant: Teams names it on every activity
const SAMPLE_TENANT = { channelData: { tenant: { id: '3f5c2a1e-8b7d-4c6e-9a0f-1d2e3c4b5a69' } } };

describe('role request over HTTP', () => {
  let connector: StandInConnector;
  let server: RunningServer;

  beforeEach(async () => {
    connector = await startStandInConnector();
    server = await startServer(testConfig({ TODAY: '2026-11-22' }), {
      logger: captureLogger().logger,
      dataSource: new FileDataSource(SAMPLE),
      storage: new MemoryStorage(),
    });
  });
  afterEach(async () => {
    await server.stop();
    await connector.close();
  });

  it('sends the approval card proactively to an admin who can be reached', async () => {
    const marioChat = { id: 'a:mario-personal', conversationType: 'personal' };
    await postActivity(server.url, teamsMessage(connector.url, 'help', { ...SAMPLE_TENANT, from: MARIO, conversation: marioChat }));
    await connector.nthActivity(1); // Mario's help card

    // Giulia, a member of Finance, asks for Learning Manager there: Mario (an admin of Finance) is reachable
    const request = teamsMessage(connector.url, '', {
      ...SAMPLE_TENANT,
      from: GIULIA,
      conversation: { id: 'a:giulia-personal', conversationType: 'personal' },
      value: { verb: 'request-role', role: 'learning-manager', workspaceId: 'ws-finance' },
    });
    await postActivity(server.url, request);
    const [first, second] = await Promise.all([connector.nthActivity(2), connector.nthActivity(3)]);
    const toMario = [first, second].find((a) => a.conversationId === 'a:mario-personal');
    const toGiulia = [first, second].find((a) => a.conversationId === 'a:giulia-personal');
    expect(JSON.stringify(toMario?.activity.attachments)).toContain('Approve');
    expect(JSON.stringify(toGiulia?.activity.attachments)).toContain('sent to Mario Rossi');
  });
});
