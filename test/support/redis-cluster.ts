import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Cluster, Redis } from 'ioredis';
import { freePort } from '../../src/cli/loopback-server';

// Throwaway Redis servers a test starts itself from redis-server on PATH: a Redis Cluster of a few
// masters (cluster mode, created with `redis-cli --cluster create`), optionally over TLS with
// certificates made by openssl. No Redis, redis-cli or openssl fails the tests saying what to
// install; they never skip.

/** A private CA, a certificate for the servers (named localhost only, not 127.0.0.1) and one for a client. */
export interface TestCertificates {
  ca: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
}

export interface TlsSettings {
  certificates: TestCertificates;
  /** Servers ask clients for a certificate of the CA (mutual TLS). */
  authClients: boolean;
}

export interface RedisNode {
  readonly port: number;
  /** redis://127.0.0.1:port, or rediss://localhost:port with TLS (the server certificate's name). */
  readonly url: string;
  stop(): Promise<void>;
}

export interface RedisClusterHandle {
  /** One URL per master, each a seed node. */
  readonly urls: readonly string[];
  readonly nodes: readonly RedisNode[];
  stop(): Promise<void>;
}

/** Starts `masters` redis-server processes in cluster mode, joins them and waits until the cluster is ok. */
export async function startRedisCluster(options: { masters?: number; tls?: TlsSettings } = {}): Promise<RedisClusterHandle> {
  const masters = options.masters ?? 3;
  const dir = await mkdtemp(path.join(tmpdir(), 'activity-bot-redis-cluster-'));
  const nodes: RedisNode[] = [];
  const stop = async (): Promise<void> => {
    await Promise.all(nodes.map((n) => n.stop()));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < masters; i++) nodes.push(await startRedisNode({ dir, cluster: true, ...(options.tls ? { tls: options.tls } : {}) }));
    const tlsArgs = options.tls ? cliTlsArgs(options.tls.certificates) : [];
    await run('redis-cli', [...tlsArgs, '--cluster', 'create', ...nodes.map((n) => `127.0.0.1:${n.port}`), '--cluster-replicas', '0', '--cluster-yes']);
    await until('the cluster reports cluster_state:ok on every node', async () => {
      for (const node of nodes) {
        const info = await withClient(node.url, options.tls, (c) => c.cluster('INFO'));
        if (!String(info).includes('cluster_state:ok')) return false;
      }
      return true;
    });
  } catch (e) {
    await stop();
    throw e;
  }
  return { urls: nodes.map((n) => n.url), nodes, stop };
}

/** One redis-server on free ports, no persistence; in cluster mode with its config file in `dir`. */
export async function startRedisNode(options: { dir: string; cluster?: boolean; tls?: TlsSettings }): Promise<RedisNode> {
  // A free port can be taken between finding and binding it: try again on others.
  for (let attempt = 1; ; attempt++) {
    const [port, busPort] = [await freePort(), await freePort()];
    try {
      return await startNodeOn(port, busPort, options);
    } catch (e) {
      if (attempt >= 3 || !(e instanceof PortTakenError)) throw e;
    }
  }
}

class PortTakenError extends Error {}

async function startNodeOn(port: number, busPort: number, options: { dir: string; cluster?: boolean; tls?: TlsSettings }): Promise<RedisNode> {
  const args = ['--bind', '127.0.0.1', '-::1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning', '--dir', options.dir];
  if (options.tls) {
    const c = options.tls.certificates;
    args.push('--port', '0', '--tls-port', String(port), '--tls-cert-file', c.serverCert, '--tls-key-file', c.serverKey);
    args.push('--tls-ca-cert-file', c.ca, '--tls-auth-clients', options.tls.authClients ? 'yes' : 'no');
    // the nodes talk to each other with the server certificate as their client certificate
    if (options.cluster) args.push('--tls-cluster', 'yes', '--tls-client-cert-file', c.serverCert, '--tls-client-key-file', c.serverKey);
  } else {
    args.push('--port', String(port));
  }
  if (options.cluster) {
    args.push('--cluster-enabled', 'yes', '--cluster-port', String(busPort), '--cluster-config-file', path.join(options.dir, `nodes-${port}.conf`));
    args.push('--cluster-node-timeout', '5000');
  }
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<Error>((resolve) => {
    child.once('error', (e) => resolve(new Error(`Redis Cluster tests need redis-server on PATH (apt-get install redis-server): ${e.message}`)));
    child.once('exit', (code, signal) => {
      const why = `redis-server on port ${port} exited (${signal ?? `code ${code}`}) before answering PING: ${output.trim()}`;
      resolve(/address already in use/i.test(output) ? new PortTakenError(why) : new Error(why));
    });
  });
  const url = options.tls ? `rediss://localhost:${port}` : `redis://127.0.0.1:${port}`;
  const node: RedisNode = { port, url, stop: () => stopProcess(child) };
  const deadline = Date.now() + 10_000;
  for (;;) {
    const answered = withClient(url, options.tls, (c) => c.ping()).then(
      () => true,
      () => false,
    );
    const outcome = await Promise.race([exited, answered]);
    if (outcome instanceof Error) throw outcome;
    if (outcome) return node;
    if (Date.now() > deadline) {
      await stopProcess(child);
      throw new Error(`redis-server on port ${port} did not answer PING within 10 s: ${output.trim()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25)); // poll interval
  }
}

/** A one-off client on one node (no cluster redirections): for setting up and probing. */
async function withClient<R>(url: string, tls: TlsSettings | undefined, use: (client: Redis) => Promise<R>): Promise<R> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 1000,
    disconnectTimeout: 50, // ioredis lets a closed socket linger 2 s by default, keeping jest waiting
    ...(tls ? { tls: tlsClientOptions(tls.certificates) } : {}),
  });
  client.on('error', () => undefined); // the caller sees the command's rejection
  try {
    await client.connect();
    return await use(client);
  } finally {
    client.disconnect();
  }
}

const tlsClientOptions = (c: TestCertificates): { ca: string; cert: string; key: string } => ({
  ca: readPem(c.ca),
  cert: readPem(c.clientCert),
  key: readPem(c.clientKey),
});

const cliTlsArgs = (c: TestCertificates): string[] => ['--tls', '--cacert', c.ca, '--cert', c.clientCert, '--key', c.clientKey];

const readPem = (file: string): string => readFileSync(file, 'utf8');

/** Makes a CA, a server certificate for the name localhost (no IP address), and a client certificate, in `dir`. */
export async function makeTestCertificates(dir: string): Promise<TestCertificates> {
  const file = (name: string): string => path.join(dir, name);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  await run('openssl', ['req', '-x509', ...ec, '-keyout', file('ca.key'), '-out', file('ca.crt'), '-days', '2', '-subj', '/CN=activity-bot test CA']);
  await writeFile(file('server.ext'), 'subjectAltName=DNS:localhost\n');
  for (const [name, ext] of [
    ['server', ['-extfile', file('server.ext')]],
    ['client', []],
  ] as const) {
    await run('openssl', ['req', '-new', ...ec, '-keyout', file(`${name}.key`), '-out', file(`${name}.csr`), '-subj', `/CN=activity-bot test ${name}`]);
    await run('openssl', ['x509', '-req', '-in', file(`${name}.csr`), '-CA', file('ca.crt'), '-CAkey', file('ca.key'), '-CAcreateserial', '-out', file(`${name}.crt`), '-days', '2', ...ext]);
  }
  return { ca: file('ca.crt'), serverCert: file('server.crt'), serverKey: file('server.key'), clientCert: file('client.crt'), clientKey: file('client.key') };
}

export interface TestRedisCluster {
  /** The seed URLs, one per master. */
  readonly urls: readonly string[];
  /** A cluster client, for looking at what the code under test left there. */
  readonly client: Cluster;
  /** A key prefix no other test or file uses (random per file, plus a counter). */
  prefix(): string;
  /** Deletes every key under `prefix`, on every master. */
  deleteKeys(prefix: string): Promise<void>;
  /** The URL of the master that serves `key`'s slot. */
  ownerOf(key: string): Promise<string>;
}

/** Gives the test file a 3-master Redis Cluster in beforeAll and stops it in afterAll. */
export function useTestRedisCluster(options: { tls?: TlsSettings | (() => TlsSettings) } = {}): TestRedisCluster {
  const filePrefix = `activity-bot-test:${randomBytes(6).toString('hex')}:`;
  let count = 0;
  let cluster: RedisClusterHandle | undefined;
  let client: Cluster | undefined;
  const ready = <V>(v: V | undefined): V => {
    if (v === undefined) throw new Error('the test Redis Cluster is ready only inside tests (after beforeAll)');
    return v;
  };

  beforeAll(async () => {
    const tls = typeof options.tls === 'function' ? options.tls() : options.tls;
    cluster = await startRedisCluster(tls ? { tls } : {});
    client = new Cluster(
      cluster.nodes.map((n) => ({ host: '127.0.0.1', port: n.port })),
      tls ? { redisOptions: { tls: { ...tlsClientOptions(tls.certificates), servername: 'localhost' } } } : {},
    );
    await client.ping();
  }, 60_000);

  afterAll(async () => {
    try {
      await client?.quit();
    } finally {
      await cluster?.stop();
    }
  });

  return {
    get urls() {
      return ready(cluster).urls;
    },
    get client() {
      return ready(client);
    },
    prefix: () => `${filePrefix}${++count}:`,
    deleteKeys: async (prefix) => {
      const match = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
      for (const node of ready(client).nodes('master')) {
        for (let cursor = '0'; ; ) {
          const [next, keys] = await node.scan(cursor, 'MATCH', match, 'COUNT', 1000);
          for (const key of keys) await node.unlink(key); // one by one: the keys of a node are in many slots
          if (next === '0') break;
          cursor = next;
        }
      }
    },
    ownerOf: async (key) => {
      const c = ready(client);
      const slot = Number(await c.cluster('KEYSLOT', key));
      const slots = await c.cluster('SLOTS');
      const range = slots.find(([from, to]) => slot >= from && slot <= to);
      const port = range?.[2]?.[1];
      const node = ready(cluster).nodes.find((n) => n.port === port);
      if (!node) throw new Error(`no master serves slot ${slot} of "${key}"`);
      return node.url;
    },
  };
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: 30_000 }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      const install = command === 'openssl' ? 'apt-get install openssl' : 'apt-get install redis-tools (or redis-server)';
      reject(
        new Error(
          missing
            ? `Redis Cluster tests need ${command} on PATH (${install})`
            : `${command} ${args.join(' ')} failed: ${error.message}\n${stdout}${stderr}`,
        ),
      );
    });
  });
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`gave up waiting after ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50)); // poll interval
  }
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
    // 'close', not 'exit': once its output pipes are closed too, nothing keeps jest waiting
    child.once('close', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
