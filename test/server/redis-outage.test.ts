import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { FileDataSource } from '../../src/data/file-source';
import { startServer, type RunningServer } from '../../src/server/start-server';
import { startRedisRelay, useTestRedis, type RedisRelay } from '../support/redis-server';
import { captureLogger } from './helpers/capture-logger';
import { startStandInConnector, type StandInConnector } from './helpers/stand-in-connector';
import { MARIO, postActivity, SAMPLE_TENANT, teamsMessage } from './helpers/teams-activity';
import { testConfig } from './helpers/test-config';

// Redis goes away under a running bot and comes back at the same address: questions keep their
// answers, changes are refused politely with nothing half-written, /readyz says degraded, and
// everything works again once Redis is back, without a restart.

const SAMPLE = path.resolve(__dirname, '..', '..', 'data', 'sample');
const MARCO = { id: '29:marco', name: 'Marco Bruno' };
const redis = useTestRedis();

describe('Redis outage', () => {
  let connector: StandInConnector;
  let relay: RedisRelay;
  let server: RunningServer;

  beforeAll(async () => {
    connector = await startStandInConnector({ '29:marco': { email: 'marco.bruno@contoso.com' } });
    relay = await startRedisRelay(redis.url);
    server = await startServer(testConfig({ STORAGE: 'redis', REDIS_URL: relay.url, REDIS_KEY_PREFIX: redis.prefix() }), {
      logger: captureLogger('fatal').logger,
      dataSource: new FileDataSource(SAMPLE),
    });
  });
  afterAll(async () => {
    await relay.restore().catch(() => undefined);
    await server.stop();
    await relay.close();
    await connector.close();
  });

  async function say(from: typeof MARIO | typeof MARCO, text: string, value?: object): Promise<string> {
    const before = connector.received.length;
    const conversation = { id: `a:${from.id}`, conversationType: 'personal', tenantId: SAMPLE_TENANT };
    await postActivity(server.url, teamsMessage(connector.url, text, { from, conversation, channelData: { tenant: { id: SAMPLE_TENANT } }, ...(value ? { value } : {}) }));
    return connector.received.slice(before).map((r) => JSON.stringify(r.activity)).join('\n');
  }
  const readyz = async () => (await (await fetch(`${server.url}/readyz`)).json()) as { status: string; reason?: string };
  const requestRole = { verb: 'request-role', role: 'customer-activity', workspaceId: 'ws-finance' };

  it('keeps answering, refuses changes politely, reports degraded, and recovers by itself', async () => {
    expect(await say(MARIO, 'show usage overview')).toContain('Usage summary · Finance');

    await relay.cut();
    expect(await say(MARIO, 'what expires in the next 90 days?')).toContain('Expiring by');
    expect(await say(MARIO, 'show usage overview')).toContain('Usage summary · Finance');
    expect(await say(MARCO, '', requestRole)).toContain("I can't save anything right now");
    expect(await readyz()).toMatchObject({ status: 'degraded', reason: expect.stringContaining('storage (redis)') });

    await relay.restore();
    // ioredis reconnects on its own (backing off up to 1 s): wait for the bot to say it is ready
    for (let i = 0; i < 100 && (await readyz()).status !== 'ready'; i += 1) await delay(100);
    expect((await readyz()).status).toBe('ready');
    // the refused request left nothing behind: asking now opens it
    expect(await say(MARCO, '', requestRole)).toContain('Waiting for an admin of Finance');
  }, 60_000);
});
