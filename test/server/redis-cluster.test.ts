import { ConfigError, loadConfig } from '../../src/server/config';
import { startServer, type RunningServer } from '../../src/server/start-server';
import { useTestRedisCluster } from '../support/redis-cluster';
import { captureLogger } from './helpers/capture-logger';
import { startStandInConnector, type StandInConnector } from './helpers/stand-in-connector';
import { postActivity, teamsMessage } from './helpers/teams-activity';
import { testConfig } from './helpers/test-config';
import { staticSource } from './helpers/tiny-dataset';

// REDIS_URL, REDIS_CLUSTER and REDIS_TLS_*: what start-up accepts, what it names when wrong, and
// the server running on a Redis Cluster.

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems.map((p) => `${p.variable}: ${p.message}`);
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('Redis settings', () => {
  it('reads a single Redis, plain or TLS, with cluster mode off by default', () => {
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' }).redis).toEqual({
      url: 'redis://127.0.0.1:6379',
      keyPrefix: 'activity-bot:',
      cluster: false,
      tls: {},
    });
    expect(loadConfig({ REDIS_URL: 'rediss://cache.example.net:6380', REDIS_TLS_CA: '/etc/ssl/redis-ca.pem' }).redis).toMatchObject({
      cluster: false,
      tls: { ca: '/etc/ssl/redis-ca.pem' },
    });
  });

  it('reads a cluster from one or more seed nodes, with a client certificate', () => {
    const config = loadConfig({
      REDIS_URL: 'rediss://:key@10.0.0.4:6380, rediss://10.0.0.5:6380',
      REDIS_CLUSTER: 'on',
      REDIS_TLS_CERT: '/run/secrets/redis.crt',
      REDIS_TLS_KEY: '/run/secrets/redis.key',
    });
    expect(config.storage).toBe('redis');
    expect(config.redis).toMatchObject({
      url: 'rediss://:key@10.0.0.4:6380, rediss://10.0.0.5:6380',
      cluster: true,
      tls: { cert: '/run/secrets/redis.crt', key: '/run/secrets/redis.key' },
    });
    expect(loadConfig({ REDIS_URL: 'redis://cache:6379/0', REDIS_CLUSTER: 'on' }).redis.cluster).toBe(true);
  });

  it.each([
    [{ REDIS_CLUSTER: 'yes', REDIS_URL: 'redis://a:6379' }, 'REDIS_CLUSTER: expected on or off'],
    [{ REDIS_CLUSTER: 'on' }, 'REDIS_URL: required when REDIS_CLUSTER=on'],
    [{ REDIS_URL: 'redis://a:6379,redis://b:6379' }, 'REDIS_URL: lists several nodes: set REDIS_CLUSTER=on'],
    [{ REDIS_URL: 'redis://a:6379,rediss://b:6380', REDIS_CLUSTER: 'on' }, 'REDIS_URL: mixes redis:// and rediss://'],
    [{ REDIS_URL: 'redis://a:6379/2', REDIS_CLUSTER: 'on' }, 'REDIS_URL: names a database: a Redis Cluster has only database 0'],
    [{ REDIS_URL: 'redis://a:6379,http://b', REDIS_CLUSTER: 'on' }, 'REDIS_URL: expected a redis:// or rediss:// (TLS) URL'],
    [{ REDIS_URL: ',', REDIS_CLUSTER: 'on' }, 'REDIS_URL: expected a redis:// or rediss:// (TLS) URL'],
    [{ REDIS_URL: 'redis://a:6379', REDIS_TLS_CA: '/ca.pem' }, 'REDIS_TLS_CA: needs a rediss:// (TLS) REDIS_URL'],
    [{ REDIS_TLS_KEY: '/k.pem', REDIS_TLS_CERT: '/c.pem' }, 'REDIS_TLS_CERT: needs a rediss:// (TLS) REDIS_URL'],
    [{ REDIS_URL: 'rediss://a:6380', REDIS_TLS_CERT: '/c.pem' }, 'REDIS_TLS_KEY: required with REDIS_TLS_CERT'],
    [{ REDIS_URL: 'rediss://a:6380', REDIS_TLS_KEY: '/k.pem' }, 'REDIS_TLS_CERT: required with REDIS_TLS_KEY'],
  ])('refuses %p, naming the variable', (env, expected) => {
    const found = problems(env);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(expected);
  });

  it('never shows the password of a REDIS_URL it refuses', () => {
    const [problem] = problems({ REDIS_URL: 'redis://:s3cret@a:6379,redis://user:s3cret@b:6379' });
    expect(problem).toContain('REDIS_URL');
    expect(problem).not.toContain('s3cret');
    const [bad] = problems({ REDIS_URL: 'http://:s3cret@a:6379' });
    expect(bad).toMatch(/got "http:\/\/\*\*\*@a:6379"/);
  });
});

describe('the server on a Redis Cluster (REDIS_CLUSTER=on)', () => {
  const cluster = useTestRedisCluster();
  let server: RunningServer | undefined;
  let connector: StandInConnector | undefined;
  afterEach(async () => {
    await server?.stop();
    await connector?.close();
  });

  it('is ready, keeps conversation state on the cluster and the reminders queue in one slot', async () => {
    const keyPrefix = cluster.prefix();
    connector = await startStandInConnector();
    server = await startServer(
      testConfig({ STORAGE: 'redis', REDIS_URL: cluster.urls.slice(0, 1).join(','), REDIS_CLUSTER: 'on', REDIS_KEY_PREFIX: keyPrefix, METRICS: 'on' }),
      { logger: captureLogger().logger, dataSource: staticSource() },
    );
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);

    expect((await postActivity(server.url, teamsMessage(connector.url, 'help'))).status).toBe(200);
    await connector.nthActivity(1);
    const stateKeys: string[] = [];
    for (const node of cluster.client.nodes('master')) stateKeys.push(...(await node.keys(`${keyPrefix}*`)));
    expect(stateKeys.some((k) => !k.startsWith(`${keyPrefix}{queue}:`))).toBe(true); // the conversation's state
    expect(stateKeys.some((k) => k.startsWith(`${keyPrefix}{queue}:deliveries:`))).toBe(true); // BullMQ's worker, tagged

    // the queue depth comes from BullMQ, under the tagged prefix
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/activity_bot_reminders_queue_depth\{state="waiting"\} 0/);
    await server.stop();
    server = undefined;
    await cluster.deleteKeys(keyPrefix);
  });
});
