import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';

// One way to open a Redis connection for every user of Redis (storage, delivery queue): a single
// server or a Redis Cluster, plain or TLS, from the settings REDIS_URL, REDIS_CLUSTER and
// REDIS_TLS_* of config.ts.

/** PEM files for rediss:// — a CA to trust (a private CA), and a client certificate and key (mutual TLS). */
export interface RedisTlsFiles {
  ca?: string;
  cert?: string;
  key?: string;
}

export interface RedisEndpoint {
  /**
   * A `redis://` or `rediss://` (TLS) URL with credentials and database as usual; for a cluster,
   * one or more seed nodes (an array, or separated by commas) whose credentials apply to every node.
   */
  url: string | readonly string[];
  /** Connect with ioredis's Cluster client: the URLs are seed nodes, the other nodes are discovered. */
  cluster?: boolean;
  tls?: RedisTlsFiles;
}

export type RedisClient = Redis | Cluster;

const TLS_FILES = {
  ca: 'CA certificate (REDIS_TLS_CA)',
  cert: 'client certificate (REDIS_TLS_CERT)',
  key: 'client key (REDIS_TLS_KEY)',
} as const;

/** The URLs of an endpoint, each checked; messages never show a password. */
export function endpointUrls(endpoint: Pick<RedisEndpoint, 'url'>): URL[] {
  const raw = typeof endpoint.url === 'string' ? endpoint.url.split(',') : [...endpoint.url];
  const texts = raw.map((u) => u.trim()).filter((u) => u !== '');
  if (texts.length === 0) throw new TypeError('redis: no URL given; expected redis://host:port or rediss://host:port (TLS)');
  const urls = texts.map(parseRedisUrl);
  if (new Set(urls.map((u) => u.protocol)).size > 1) {
    throw new TypeError('redis: the URLs mix redis:// and rediss://; every node speaks TLS or none does');
  }
  return urls;
}

function parseRedisUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TypeError(`redis: "${withoutCredentials(text)}" is not a URL; expected redis://host:port or rediss://host:port`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new TypeError(`redis: "${withoutCredentials(text)}" is not a Redis URL; expected redis://host:port or rediss://host:port (TLS)`);
  }
  if (!url.hostname) throw new TypeError(`redis: "${withoutCredentials(text)}" names no host`);
  return url;
}

export const withoutCredentials = (url: string): string => url.replace(/\/\/[^/@]*@/, '//***@');

/** Where an endpoint connects, without credentials: for messages and logs. */
export function describeEndpoint(endpoint: RedisEndpoint): string {
  const shown = endpointUrls(endpoint).map((u) => {
    const db = u.pathname.length > 1 ? u.pathname : '';
    return `${u.protocol}//${u.hostname}:${u.port || 6379}${db}`;
  });
  return endpoint.cluster ? `redis cluster ${shown.join(',')}` : shown.join(',');
}

/**
 * A client for `endpoint`, configured by `options` as for a single server. For a cluster the
 * connection settings (timeouts, credentials, TLS) apply to every node, and lazyConnect,
 * enableOfflineQueue and retryStrategy to the cluster as a whole. Reads the TLS files now, so a
 * missing or unreadable file fails at start-up, naming the setting.
 */
export function createRedisClient(endpoint: RedisEndpoint, options: RedisOptions = {}): RedisClient {
  const urls = endpointUrls(endpoint);
  const [first] = urls as [URL, ...URL[]];
  const secure = first.protocol === 'rediss:';
  const files = readTlsFiles(endpoint.tls ?? {});
  if (!secure && Object.keys(files).length > 0) {
    throw new TypeError('redis: TLS files (REDIS_TLS_CA, REDIS_TLS_CERT, REDIS_TLS_KEY) need a rediss:// URL');
  }
  if (!endpoint.cluster) {
    if (urls.length > 1) throw new TypeError('redis: several URLs are the seed nodes of a cluster; turn cluster mode on (REDIS_CLUSTER=on)');
    // explicit options win over what the URL says; rediss:// alone makes ioredis use TLS with the system CAs
    return new Redis(first.href, secure ? { ...options, tls: { ...files } } : options);
  }
  if (urls.some((u) => u.pathname.length > 1 && u.pathname !== '/0')) {
    throw new TypeError('redis: a Redis Cluster has only database 0; remove the /<db> from the URL');
  }
  const withCredentials = urls.find((u) => u.username || u.password);
  const { lazyConnect, enableOfflineQueue, retryStrategy, ...perNode } = options;
  const redisOptions: RedisOptions = { ...perNode };
  if (withCredentials) {
    if (withCredentials.username) redisOptions.username = decodeURIComponent(withCredentials.username);
    redisOptions.password = decodeURIComponent(withCredentials.password);
  }
  const clusterOptions: ClusterOptions = { redisOptions };
  if (lazyConnect !== undefined) clusterOptions.lazyConnect = lazyConnect;
  if (enableOfflineQueue !== undefined) clusterOptions.enableOfflineQueue = enableOfflineQueue;
  if (retryStrategy) clusterOptions.clusterRetryStrategy = (attempts) => retryStrategy(attempts);
  if (secure) {
    const tls: ConnectionOptions = { ...files };
    // Managed clusters (Azure Cache for Redis, ElastiCache) announce their nodes by IP address while
    // the certificate names the host: keep the host name for the seed and check every node against it.
    if (isIP(first.hostname) === 0) tls.servername = first.hostname;
    redisOptions.tls = tls;
    clusterOptions.dnsLookup = (address, callback) => callback(null, address);
  }
  const nodes = urls.map((u) => ({ host: u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port || 6379) }));
  return new Cluster(nodes, clusterOptions);
}

function readTlsFiles(files: RedisTlsFiles): Partial<Record<keyof RedisTlsFiles, Buffer>> {
  const read: Partial<Record<keyof RedisTlsFiles, Buffer>> = {};
  for (const which of ['ca', 'cert', 'key'] as const) {
    const file = files[which];
    if (!file) continue;
    let content: Buffer;
    try {
      content = readFileSync(file);
    } catch (e) {
      throw new Error(`redis TLS: cannot read the ${TLS_FILES[which]} "${file}": ${(e as Error).message}`, { cause: e });
    }
    if (!content.includes('-----BEGIN ')) {
      throw new Error(`redis TLS: the ${TLS_FILES[which]} "${file}" is not a PEM file (no "-----BEGIN" line)`);
    }
    read[which] = content;
  }
  if (Boolean(read.cert) !== Boolean(read.key)) {
    throw new Error('redis TLS: a client certificate (REDIS_TLS_CERT) needs its key (REDIS_TLS_KEY), and the other way round');
  }
  return read;
}

/**
 * The hash tag of a Redis key, as Redis Cluster finds it: what is between the first `{` and the
 * next `}`, if not empty. Keys with the same tag are in the same slot.
 */
export function hashTagOf(key: string): string | undefined {
  const open = key.indexOf('{');
  if (open < 0) return undefined;
  const close = key.indexOf('}', open + 1);
  return close > open + 1 ? key.slice(open + 1, close) : undefined;
}
