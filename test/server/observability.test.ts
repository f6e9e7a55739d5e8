import path from 'node:path';
import { FileDataSource } from '../../src/data/file-source';
import { MemoryStorage } from '../../src/storage/memory-storage';
import { startServer, type RunningServer } from '../../src/server/start-server';
import { captureLogger } from './helpers/capture-logger';
import { startStandInConnector, type StandInConnector } from './helpers/stand-in-connector';
import { postActivity, teamsMessage } from './helpers/teams-activity';
import { testConfig } from './helpers/test-config';

const SAMPLE = path.resolve(__dirname, '..', '..', 'data', 'sample');
const TENANT = '3f5c2a1e-8b7d-4c6e-9a0f-1d2e3c4b5a69';
const MARCO = { id: '29:marco', name: 'Marco Bruno' };
const inTenant = { channelData: { tenant: { id: TENANT } }, conversation: { id: 'a:marco', conversationType: 'personal', tenantId: TENANT } };

describe('observability', () => {
  let connector: StandInConnector;
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    await connector.close();
  });

  it('counts turns, latency and refusals on /metrics when METRICS=on, and logs each turn without what the user wrote', async () => {
    connector = await startStandInConnector({ '29:marco': { email: 'marco.bruno@contoso.com' } });
    const log = captureLogger('info');
    server = await startServer(testConfig({ METRICS: 'on', LOG_LEVEL: 'info' }), { logger: log.logger, dataSource: new FileDataSource(SAMPLE), storage: new MemoryStorage() });
    await postActivity(server.url, teamsMessage(connector.url, 'banana-42: show usage overview please', { from: MARCO, ...inTenant }));
    await connector.nthActivity(1);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/activity_bot_turns_total\{type="message",status="200"\} 1/);
    expect(metrics).toMatch(/activity_bot_turn_seconds_count\{type="message"\} 1/);
    expect(metrics).toMatch(/activity_bot_refusals_total 1/);
    expect(metrics).toMatch(/activity_bot_data_age_seconds \d+/);
    expect(metrics).toMatch(/activity_bot_reminders_queue_depth\{state="waiting"\} 0/);
    const turn = log.lines.find((l) => l.msg === 'turn');
    expect(turn).toMatchObject({ type: 'message', status: 200, conversationType: 'personal' });
    expect(JSON.stringify(log.lines)).not.toContain('banana-42');
  });

  it('has no /metrics unless configured', async () => {
    connector = await startStandInConnector();
    server = await startServer(testConfig(), { logger: captureLogger().logger, dataSource: new FileDataSource(SAMPLE), storage: new MemoryStorage() });
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
  });

  it('never logs the app secret, even when it refuses a request without a token', async () => {
    connector = await startStandInConnector();
    const log = captureLogger('trace');
    const secret = 'pa55~Secret-Value-9x';
    server = await startServer(
      testConfig({ MicrosoftAppId: '00000000-0000-4000-8000-000000000001', MicrosoftAppPassword: secret, LOG_LEVEL: 'trace' }),
      { logger: log.logger, dataSource: new FileDataSource(SAMPLE), storage: new MemoryStorage() },
    );
    const res = await postActivity(server.url, teamsMessage(connector.url, 'hello', { from: MARCO, ...inTenant }));
    expect(res.status).toBe(401);
    expect(JSON.stringify(log.lines)).not.toContain(secret);
    expect(await res.text()).not.toMatch(/at .+\.(js|ts):\d+/);
  });
});
