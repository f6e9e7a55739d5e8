import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BullMqDeliveryQueue } from '../../src/reminders/queue/bullmq-queue';
import { RedisStorage } from '../../src/storage/redis-storage';
import { makeTestCertificates, startRedisNode, useTestRedisCluster, type RedisNode, type TestCertificates } from '../support/redis-cluster';
import { Recorder, type Payload } from '../reminders/queue/recorder';
import { describeStorageConformance } from './conformance';

// rediss:// with the TLS files of REDIS_TLS_CA / REDIS_TLS_CERT / REDIS_TLS_KEY, against redis-server
// with TLS on: a single server that asks for a client certificate, and a 3-master cluster whose
// nodes announce themselves by IP address while their certificate names "localhost" (as Azure
// Cache for Redis does with its host name).

let dir: string;
let certificates: TestCertificates;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'activity-bot-redis-tls-'));
  certificates = await makeTestCertificates(dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const cluster = useTestRedisCluster({ tls: () => ({ certificates, authClients: false }) });

describeStorageConformance(
  'redis cluster over TLS',
  () => {
    const keyPrefix = cluster.prefix();
    const open = (): RedisStorage => new RedisStorage({ url: cluster.urls, cluster: true, tls: { ca: certificates.ca } }, { keyPrefix });
    return Promise.resolve({ storage: open(), reopen: () => Promise.resolve(open()), dispose: () => cluster.deleteKeys(keyPrefix) });
  },
  { persistent: true },
);

describe('rediss:// with TLS files', () => {
  let node: RedisNode;
  const opened: { close(): Promise<void> }[] = [];
  const open = <S extends { close(): Promise<void> }>(s: S): S => {
    opened.push(s);
    return s;
  };

  beforeAll(async () => {
    node = await startRedisNode({ dir, tls: { certificates, authClients: true } });
  });
  afterAll(async () => {
    await node.stop();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });

  it('connects with the CA and a client certificate (mutual TLS), and compare-and-set works', async () => {
    const storage = open(new RedisStorage({ url: node.url, tls: { ca: certificates.ca, cert: certificates.clientCert, key: certificates.clientKey } }));
    const first = await storage.write('k', { n: 1 }, null);
    await expect(storage.write('k', { n: 2 }, null)).resolves.toBeUndefined();
    await expect(storage.write('k', { n: 2 }, first?.eTag)).resolves.toMatchObject({ value: { n: 2 } });
    expect(storage.target).toBe(node.url);
  });

  it('is refused without the client certificate the server asks for, or without the CA', async () => {
    const noClientCertificate = open(new RedisStorage({ url: node.url, tls: { ca: certificates.ca } }, { connectTimeoutMs: 1000, commandTimeoutMs: 500 }));
    await expect(noClientCertificate.ping()).rejects.toThrow(/PING failed/);
    const systemCAsOnly = open(
      new RedisStorage({ url: node.url, tls: { cert: certificates.clientCert, key: certificates.clientKey } }, { connectTimeoutMs: 1000, commandTimeoutMs: 500 }),
    );
    await expect(systemCAsOnly.ping()).rejects.toThrow(/PING failed.*certificate/);
  });

  it('runs the reminders queue on the TLS cluster', async () => {
    const prefix = `${cluster.prefix()}{queue}`;
    const queue = open(
      new BullMqDeliveryQueue<Payload>({
        url: cluster.urls,
        cluster: true,
        tls: { ca: certificates.ca },
        prefix,
        globalPerSecond: 100,
        perConversationPerSecond: 100,
        maxAttempts: 2,
        concurrency: 2,
      }),
    );
    await queue.add({ id: 'over-tls', conversationId: 'c', data: { n: 1 } });
    const recorder = new Recorder();
    queue.start(recorder.handler());
    await queue.drained();
    expect(recorder.notOnce(['over-tls'])).toEqual({});
    await queue.close();
    await cluster.deleteKeys(prefix.slice(0, prefix.indexOf('{')));
  });

  it('fails at once, naming the setting, when a TLS file is missing or not PEM', async () => {
    const notPem = path.join(dir, 'not-a-certificate.txt');
    await writeFile(notPem, 'hello');
    expect(() => new RedisStorage({ url: node.url, tls: { ca: path.join(dir, 'missing.pem') } })).toThrow(
      /CA certificate \(REDIS_TLS_CA\) ".*missing\.pem": ENOENT/,
    );
    expect(() => new RedisStorage({ url: node.url, tls: { ca: certificates.ca, cert: notPem, key: certificates.clientKey } })).toThrow(
      /client certificate \(REDIS_TLS_CERT\) ".*not-a-certificate\.txt" is not a PEM file/,
    );
    expect(() => new RedisStorage({ url: node.url, tls: { cert: certificates.clientCert } })).toThrow(/REDIS_TLS_CERT.*REDIS_TLS_KEY/);
    expect(() => new RedisStorage({ url: 'redis://127.0.0.1:6379', tls: { ca: certificates.ca } })).toThrow(/need a rediss:\/\/ URL/);
  });
});
