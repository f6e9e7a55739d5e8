import net from 'node:net';
import { Redis } from 'ioredis';
import { RedisStorage, type RedisStorageOptions } from '../../src/storage/redis-storage';
import type { KeyValueStorage } from '../../src/storage/storage';
import { freePort } from '../../src/cli/loopback-server';
import { startRedisRelay, useTestRedis } from '../support/redis-server';
import { describeStorageConformance } from './conformance';

const redis = useTestRedis();

describeStorageConformance(
  'redis',
  () => {
    const keyPrefix = redis.prefix();
    const open = (): RedisStorage => new RedisStorage(redis.url, { keyPrefix });
    return Promise.resolve({
      storage: open(),
      reopen: () => Promise.resolve(open()),
      dispose: () => redis.deleteKeys(keyPrefix),
    });
  },
  { persistent: true },
);

describe('redis storage', () => {
  const opened: KeyValueStorage[] = [];
  const open = (url: string, options: RedisStorageOptions = {}): RedisStorage => {
    const storage = new RedisStorage(url, options);
    opened.push(storage);
    return storage;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });

  /** Resolves with how long `promise` took to reject, or fails the test if it resolved. */
  const rejectionTime = async (promise: Promise<unknown>, message: RegExp): Promise<number> => {
    const started = Date.now();
    await expect(promise).rejects.toThrow(message);
    return Date.now() - started;
  };

  describe('compare-and-set between two clients (two connections, as two bot instances)', () => {
    let a: RedisStorage;
    let b: RedisStorage;
    beforeEach(() => {
      const keyPrefix = redis.prefix();
      a = open(redis.url, { keyPrefix });
      b = open(redis.url, { keyPrefix });
    });

    it('lets exactly one of 50 writers holding the same eTag win, round after round', async () => {
      let current = await a.write('turn', { round: 0, writer: -1 });
      for (let round = 1; round <= 10; round++) {
        const eTag = current?.eTag;
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).write('turn', { round, writer: i }, eTag)),
        );
        const winners = results.filter((r) => r !== undefined);
        expect(winners).toHaveLength(1);
        await expect(a.read('turn')).resolves.toEqual(winners[0]);
        await expect(b.read('turn')).resolves.toEqual(winners[0]);
        current = winners[0];
      }
    });

    it('lets exactly one of 50 creators (eTag null) win', async () => {
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).write('new', i, null)));
      const winners = results.filter((r) => r !== undefined);
      expect(winners).toHaveLength(1);
      await expect(b.read('new')).resolves.toEqual(winners[0]);
    });

    it('loses no increment when both clients read, modify and retry on conflict', async () => {
      const increment = async (storage: RedisStorage): Promise<void> => {
        for (;;) {
          const current = await storage.read<{ n: number }>('counter');
          if (await storage.write('counter', { n: (current?.value.n ?? 0) + 1 }, current ? current.eTag : null)) return;
        }
      };
      await Promise.all(Array.from({ length: 40 }, (_, i) => increment(i % 2 ? a : b)));
      expect((await a.read<{ n: number }>('counter'))?.value).toEqual({ n: 40 });
    });
  });

  describe('keys in Redis', () => {
    it('keeps each key as one hash under the prefix: the eTag and the value as JSON', async () => {
      const keyPrefix = redis.prefix();
      const storage = open(redis.url, { keyPrefix });
      const written = await storage.write('user:1', { name: 'Contoso' });
      expect(await redis.client.keys(`${keyPrefix}*`)).toEqual([`${keyPrefix}user:1`]);
      expect(await redis.client.hgetall(`${keyPrefix}user:1`)).toEqual({ eTag: written?.eTag, value: '{"name":"Contoso"}' });
      await storage.delete('user:1');
      expect(await redis.client.exists(`${keyPrefix}user:1`)).toBe(0);
    });

    it("does not see another prefix's keys", async () => {
      const one = open(redis.url, { keyPrefix: redis.prefix() });
      const other = open(redis.url, { keyPrefix: redis.prefix() });
      await one.write('k', 'one');
      await expect(other.read('k')).resolves.toBeUndefined();
      await expect(other.write('k', 'other', null)).resolves.toMatchObject({ value: 'other' });
      expect((await one.read('k'))?.value).toBe('one');
    });

    it("prefixes with 'activity-bot:' by default and keeps a {hash tag} of the key as given", async () => {
      expect(open(redis.url).keyPrefix).toBe('activity-bot:');
      const keyPrefix = redis.prefix();
      await open(redis.url, { keyPrefix }).write('{conversation:19:abc}:state', 1);
      expect(await redis.client.exists(`${keyPrefix}{conversation:19:abc}:state`)).toBe(1);
    });

    it('names the key when it holds something that is not a stored value, and loses nothing', async () => {
      const keyPrefix = redis.prefix();
      const storage = open(redis.url, { keyPrefix });
      await redis.client.hset(`${keyPrefix}conversation:1`, 'eTag', 'e1', 'value', '{"half":');
      await redis.client.set(`${keyPrefix}conversation:2`, 'plain text');
      await expect(storage.read('conversation:1')).rejects.toThrow(/"conversation:1".*does not hold JSON/);
      await expect(storage.read('conversation:2')).rejects.toThrow(/"conversation:2".*not a stored item/);
      await expect(storage.write('conversation:2', { step: 3 }, null)).rejects.toThrow(/"conversation:2".*cannot be compared/);
      await expect(storage.write('conversation:2', { step: 3 }, 'e1')).rejects.toThrow(/"conversation:2"/);
      expect(await redis.client.get(`${keyPrefix}conversation:2`)).toBe('plain text');
      await expect(storage.write('conversation:2', { step: 3 })).resolves.toMatchObject({ value: { step: 3 } });
      expect((await storage.read('conversation:2'))?.value).toEqual({ step: 3 });
    });
  });

  describe('when Redis cannot be reached', () => {
    it('rejects ping, read and write promptly with the address and the cause (and no password)', async () => {
      const port = await freePort();
      const storage = open(`redis://:s3cret@127.0.0.1:${port}`, { keyPrefix: redis.prefix() });
      const unreachable = new RegExp(`redis://127\\.0\\.0\\.1:${port}.*unreachable.*ECONNREFUSED`);
      expect(await rejectionTime(storage.ping(), unreachable)).toBeLessThan(2000);
      expect(await rejectionTime(storage.read('k'), unreachable)).toBeLessThan(2000);
      expect(await rejectionTime(storage.write('k', 1, null), /write "k" failed/)).toBeLessThan(2000);
      await expect(storage.ping()).rejects.not.toThrow(/s3cret/);
      await expect(storage.close()).resolves.toBeUndefined();
    });

    it('rejects promptly once Redis stops, and works again when it is back', async () => {
      const relay = await startRedisRelay(redis.url);
      try {
        const storage = open(relay.url, { keyPrefix: redis.prefix() });
        const written = await storage.write('k', 'kept');
        await relay.cut();
        expect(await rejectionTime(storage.ping(), /unreachable/)).toBeLessThan(2000);
        expect(await rejectionTime(storage.read('k'), /read "k" failed.*unreachable/)).toBeLessThan(2000);
        await relay.restore();
        await eventually(() => storage.ping());
        await expect(storage.read('k')).resolves.toEqual(written);
      } finally {
        await relay.close();
      }
    });

    it('rejects within the timeouts when Redis accepts the connection but never answers', async () => {
      const silent = net.createServer((socket) => socket.on('error', () => undefined));
      const sockets: net.Socket[] = [];
      silent.on('connection', (s) => sockets.push(s));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      try {
        const port = (silent.address() as net.AddressInfo).port;
        const storage = open(`redis://127.0.0.1:${port}`, { commandTimeoutMs: 300, keyPrefix: redis.prefix() });
        expect(await rejectionTime(storage.ping(), /PING failed: Redis did not answer (PING )?within 300 ms/)).toBeLessThan(1500);
        expect(await rejectionTime(storage.read('k'), /read "k" failed: Redis did not answer within 300 ms/)).toBeLessThan(1500);
        const closing = Date.now();
        await storage.close();
        expect(Date.now() - closing).toBeLessThan(1500);
      } finally {
        for (const s of sockets) s.destroy();
        await new Promise((resolve) => silent.close(resolve));
      }
    });
  });

  describe('connection settings', () => {
    it('accepts rediss:// (TLS) URLs and shows where it connects without the password', async () => {
      const storage = new RedisStorage('rediss://default:s3cret@cache.example.net:6380/2');
      expect(storage.target).toBe('rediss://cache.example.net:6380/2');
      await expect(storage.close()).resolves.toBeUndefined(); // never connected: no I/O, nothing to wait for
    });

    it('speaks TLS for rediss:// and plain text for redis://, so only the matching scheme reaches a server', async () => {
      const url = new URL(redis.url);
      const matching = open(url.toString(), { keyPrefix: redis.prefix(), connectTimeoutMs: 200 });
      url.protocol = url.protocol === 'redis:' ? 'rediss:' : 'redis:';
      const mismatched = open(url.toString(), { keyPrefix: redis.prefix(), connectTimeoutMs: 200 });
      await expect(matching.ping()).resolves.toBeUndefined();
      expect(await rejectionTime(mismatched.ping(), /PING failed/)).toBeLessThan(2000);
    });

    it('refuses a URL that is not redis:// or rediss://, and bad timeouts, saying why', () => {
      expect(() => new RedisStorage('http://user:s3cret@cache.example.net')).toThrow(/not a Redis URL.*redis:\/\/.*rediss:\/\//);
      expect(() => new RedisStorage('http://user:s3cret@cache.example.net')).not.toThrow(/s3cret/);
      expect(() => new RedisStorage('cache.example.net:6379')).toThrow(/redis:\/\//);
      expect(() => new RedisStorage(redis.url, { commandTimeoutMs: 0 })).toThrow(/commandTimeoutMs/);
      expect(() => new RedisStorage(redis.url, { connectTimeoutMs: -5 })).toThrow(/connectTimeoutMs/);
    });
  });

  describe('close', () => {
    it('quits its connection once, however often it is called', async () => {
      const name = `activity-bot-test-${process.pid}-${Date.now()}`;
      const storage = open(redis.url, { keyPrefix: redis.prefix(), connectionName: name });
      await storage.ping();
      expect(await redis.client.client('LIST')).toContain(`name=${name}`);
      await expect(Promise.all([storage.close(), storage.close()])).resolves.toEqual([undefined, undefined]);
      await expect(storage.close()).resolves.toBeUndefined();
      await eventually(async () => expect(await redis.client.client('LIST')).not.toContain(`name=${name}`));
      await expect(storage.read('k')).rejects.toThrow(/closed/);
    });

    it('leaves open a client it was given, for its owner to close', async () => {
      const client = new Redis(redis.url, { lazyConnect: true });
      try {
        const storage = new RedisStorage(client, { keyPrefix: redis.prefix() });
        const written = await storage.write('k', 1);
        await storage.close();
        await storage.close();
        await expect(storage.read('k')).rejects.toThrow(/closed/);
        await expect(client.ping()).resolves.toBe('PONG');
        const again = new RedisStorage(client, { keyPrefix: storage.keyPrefix });
        await expect(again.read('k')).resolves.toEqual(written);
        await again.close();
      } finally {
        await client.quit();
      }
    });
  });
});

/** Retries `check` until it passes (a state reached asynchronously, such as a reconnection), up to 5 s. */
async function eventually(check: () => Promise<unknown>): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      await check();
      return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((resolve) => setTimeout(resolve, 50)); // poll interval
    }
  }
}
