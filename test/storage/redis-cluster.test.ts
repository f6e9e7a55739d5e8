import { RedisStorage } from '../../src/storage/redis-storage';
import { useTestRedisCluster } from '../support/redis-cluster';
import { describeStorageConformance } from './conformance';

const cluster = useTestRedisCluster();

describeStorageConformance(
  'redis cluster',
  () => {
    const keyPrefix = cluster.prefix();
    const open = (): RedisStorage => new RedisStorage({ url: cluster.urls, cluster: true }, { keyPrefix });
    return Promise.resolve({
      storage: open(),
      reopen: () => Promise.resolve(open()),
      dispose: () => cluster.deleteKeys(keyPrefix),
    });
  },
  { persistent: true },
);

describe('redis storage on a cluster', () => {
  const opened: RedisStorage[] = [];
  const open = (keyPrefix: string): RedisStorage => {
    const storage = new RedisStorage({ url: cluster.urls, cluster: true }, { keyPrefix });
    opened.push(storage);
    return storage;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });

  it('spreads its keys over every master (no hash tag forces them into one slot)', async () => {
    const keyPrefix = cluster.prefix();
    const storage = open(keyPrefix);
    for (let i = 0; i < 30; i++) await storage.write(`conversation:${i}`, { i });
    const owners = new Set(await Promise.all(Array.from({ length: 30 }, (_, i) => cluster.ownerOf(`${keyPrefix}conversation:${i}`))));
    expect(owners.size).toBe(cluster.urls.length);
    for (let i = 0; i < 30; i++) expect((await storage.read(`conversation:${i}`))?.value).toEqual({ i });
    await cluster.deleteKeys(keyPrefix);
  });

  it('lets exactly one of two instances holding the same eTag win, from any seed node', async () => {
    const keyPrefix = cluster.prefix();
    const a = open(keyPrefix);
    const b = new RedisStorage({ url: [...cluster.urls].reverse().slice(0, 1), cluster: true }, { keyPrefix });
    opened.push(b);
    let current = await a.write('turn', { round: 0 });
    for (let round = 1; round <= 5; round++) {
      const eTag = current?.eTag;
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).write('turn', { round, writer: i }, eTag)));
      const winners = results.filter((r) => r !== undefined);
      expect(winners).toHaveLength(1);
      await expect(b.read('turn')).resolves.toEqual(winners[0]);
      current = winners[0];
    }
    await cluster.deleteKeys(keyPrefix);
  });

  it('says where it connects, without the password', () => {
    const storage = open(cluster.prefix());
    expect(storage.target).toBe(`redis cluster ${cluster.urls.join(',')}`);
    const withPassword = new RedisStorage({ url: 'rediss://:s3cret@cache.example.net:6380', cluster: true });
    expect(withPassword.target).toBe('redis cluster rediss://cache.example.net:6380');
    opened.push(withPassword);
  });
});
