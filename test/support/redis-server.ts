import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { Redis } from 'ioredis';
import { freePort } from '../../src/cli/loopback-server';

// How tests get a Redis: REDIS_URL when set (it must answer), else a throwaway redis-server from
// PATH on a free port, no persistence, stopped after the file. No Redis at all fails the tests with
// a message saying what to do; it never skips them.

export interface TestRedis {
  /** URL of the Redis this test file uses. */
  readonly url: string;
  /** A plain client on it, for looking at what the code under test left there. */
  readonly client: Redis;
  /**
   * A key prefix that no other test, test file or run uses (a random one per file, plus a counter),
   * so a shared Redis such as the developer's at 127.0.0.1:6379 is never touched outside it.
   */
  prefix(): string;
  /** Deletes every key under `prefix`. */
  deleteKeys(prefix: string): Promise<void>;
}

/** Gives the test file a Redis in beforeAll and removes its keys (and the server it started) in afterAll. */
export function useTestRedis(): TestRedis {
  const filePrefix = `activity-bot-test:${randomBytes(6).toString('hex')}:`;
  let count = 0;
  let server: RedisServer | undefined;
  let url: string | undefined;
  let client: Redis | undefined;
  const ready = <V>(v: V | undefined): V => {
    if (v === undefined) throw new Error('the test Redis is ready only inside tests (after beforeAll)');
    return v;
  };
  const deleteKeys = async (prefix: string): Promise<void> => {
    const c = ready(client);
    const match = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
    for (let cursor = '0'; ; ) {
      const [next, keys] = await c.scan(cursor, 'MATCH', match, 'COUNT', 1000);
      if (keys.length > 0) await c.del(...keys);
      if (next === '0') return;
      cursor = next;
    }
  };

  beforeAll(async () => {
    const fromEnv = process.env.REDIS_URL;
    if (!fromEnv) server = await startRedisServer();
    url = fromEnv || ready(server).url;
    client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 3000 });
    let connectionError: Error | undefined;
    client.on('error', (e: Error) => (connectionError = e)); // reported by the ping below
    try {
      await client.ping();
    } catch (e) {
      const why = connectionError?.message ?? (e as Error).message;
      client.disconnect();
      const which = fromEnv ? 'REDIS_URL' : 'the redis-server started for the tests';
      throw new Error(`Redis tests: ${which} (${url.replace(/\/\/[^/@]*@/, '//***@')}) does not answer PING: ${why}`, {
        cause: e,
      });
    }
  });

  afterAll(async () => {
    try {
      if (client?.status === 'ready') await deleteKeys(filePrefix);
    } finally {
      client?.disconnect();
      await server?.stop();
    }
  });

  return {
    get url() {
      return ready(url);
    },
    get client() {
      return ready(client);
    },
    prefix: () => `${filePrefix}${++count}:`,
    deleteKeys,
  };
}

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** Starts `redis-server` from PATH on a free port of 127.0.0.1 and waits until it answers PING. */
export async function startRedisServer(): Promise<RedisServer> {
  // A free port can be taken between finding and binding it: try again on another one.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await startOn(port);
    } catch (e) {
      if (attempt >= 3 || !(e instanceof PortTakenError)) throw e;
    }
  }
}

class PortTakenError extends Error {}

async function startOn(port: number): Promise<RedisServer> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning'];
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<Error>((resolve) => {
    child.once('error', (e) =>
      resolve(
        new Error(
          `Redis tests need a Redis: set REDIS_URL (e.g. redis://127.0.0.1:6379) or put redis-server on PATH ` +
            `(apt-get install redis-server). Starting redis-server failed: ${e.message}`,
        ),
      ),
    );
    child.once('exit', (code, signal) => {
      const why = `redis-server on port ${port} exited (${signal ?? `code ${code}`}) before answering PING: ${output.trim()}`;
      resolve(/address already in use/i.test(output) ? new PortTakenError(why) : new Error(why));
    });
  });
  const server: RedisServer = { url: `redis://127.0.0.1:${port}`, port, stop: () => stop(child) };
  const deadline = Date.now() + 10_000;
  for (;;) {
    const outcome = await Promise.race([exited, answersPing(port).then((ok) => ok && server)]);
    if (outcome instanceof Error) throw outcome;
    if (outcome) return outcome;
    if (Date.now() > deadline) {
      await stop(child);
      throw new Error(`redis-server on port ${port} did not answer PING within 10 s: ${output.trim()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25)); // poll interval
  }
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
    socket.on('error', () => done(false));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}


/**
 * A TCP relay in front of a Redis that a test can cut and restore, to see what the code does when
 * Redis goes away and comes back at the same address.
 */
export interface RedisRelay {
  /** The Redis URL, pointed at the relay. */
  readonly url: string;
  /** Drops every connection and stops listening: to a client, Redis has stopped. */
  cut(): Promise<void>;
  /** Listens again on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startRedisRelay(redisUrl: string): Promise<RedisRelay> {
  const target = new URL(redisUrl);
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket): void => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
  };
  const server = net.createServer((inbound) => {
    const outbound = net.connect({ host: target.hostname, port: Number(target.port || 6379) });
    track(inbound);
    track(outbound);
    inbound.pipe(outbound).pipe(inbound);
    inbound.on('close', () => outbound.destroy());
    outbound.on('close', () => inbound.destroy());
  });
  const listen = (port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        const address = server.address();
        resolve(address && typeof address === 'object' ? address.port : port);
      });
    });
  const port = await listen(0);
  const cut = (): Promise<void> =>
    new Promise((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    });
  const url = new URL(redisUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.toString(),
    cut,
    restore: async () => {
      await listen(port);
    },
    close: cut,
  };
}
