import { Cluster, Redis } from 'ioredis';
import { createRedisClient, describeEndpoint, type RedisClient, type RedisEndpoint } from './redis-connection';
import { defineWriteScript, ETAG_FIELD, NOT_STORED_ERROR, VALUE_FIELD, type WriteMode, type WriteScript } from './redis-scripts';
import type { KeyValueStorage, StoredItem } from './storage';
import { StorageUnavailableError, assertKey, newETag, StorageClosedError, toJson } from './stored-value';

export interface RedisStorageOptions {
  /**
   * Put before every storage key (default 'activity-bot:'), so that one Redis can hold several
   * apps or environments. Keep braces out of it: on Redis Cluster a `{tag}` in the prefix would put
   * every key in one slot.
   */
  keyPrefix?: string;
  /** How long one connection attempt may take (default 5000). Ignored with an existing client. */
  connectTimeoutMs?: number;
  /** How long a command may wait for its answer, queued while connecting included (default 5000). */
  commandTimeoutMs?: number;
  /** Shown by `CLIENT LIST` on the server (default 'activity-bot'). Ignored with an existing client. */
  connectionName?: string;
}

const DEFAULT_PREFIX = 'activity-bot:';
const MAX_PING_TIMEOUT_MS = 2000;
/** ioredis's message for commandTimeout. */
const COMMAND_TIMED_OUT = 'Command timed out';

/** A stored key whose content this backend cannot read; the message names the key. */
class UnreadableItemError extends Error {
  constructor(key: string, redisKey: string, problem: string) {
    super(`redis storage: key "${key}" (Redis key "${redisKey}") ${problem}; fix or delete it`);
    this.name = 'UnreadableItemError';
  }
}

/**
 * Shared storage: one Redis hash per key, under a prefix. Conditional writes run as one Lua
 * script, so compare-and-set holds across processes and bot instances.
 *
 * Redis Cluster: every operation touches one key, so nothing crosses slots and no key needs a hash
 * tag. Keys are spread by Redis's hash of the whole key; wrap part of a storage key in braces
 * (`{conversation:19:abc}:state`) to keep related keys in one slot.
 *
 * When Redis is down or hung, operations reject within about the command timeout (never hang),
 * and the client keeps reconnecting in the background, so the storage recovers by itself. A write
 * that fails that way may or may not have been applied; it is never re-sent behind the caller's back.
 */
export class RedisStorage implements KeyValueStorage {
  readonly kind = 'redis';
  readonly keyPrefix: string;
  /** Where the storage connects, without credentials: for messages and logs. */
  readonly target: string;
  private readonly client: RedisClient;
  private readonly ownsClient: boolean;
  private readonly runWrite: WriteScript;
  private readonly commandTimeoutMs: number;
  private readonly inFlight = new Set<Promise<unknown>>();
  private lastConnectionError: Error | undefined;
  /** A connection attempt failed since the last time Redis was ready: Redis is known to be down. */
  private down = false;
  private closing: Promise<void> | undefined;

  /**
   * From a `redis://` or `rediss://` (TLS) URL, with credentials and database as usual
   * (`rediss://:password@host:6380/0`); from an endpoint (a cluster's seed nodes, TLS files); or
   * over an existing ioredis client, which the caller configured and keeps: close() then leaves it open.
   */
  constructor(urlOrClient: string | RedisEndpoint | RedisClient, options: RedisStorageOptions = {}) {
    this.keyPrefix = options.keyPrefix ?? DEFAULT_PREFIX;
    this.commandTimeoutMs = positiveMs('commandTimeoutMs', options.commandTimeoutMs, 5000);
    const connectTimeoutMs = positiveMs('connectTimeoutMs', options.connectTimeoutMs, 5000);
    if (!(urlOrClient instanceof Redis || urlOrClient instanceof Cluster)) {
      const endpoint = typeof urlOrClient === 'string' ? { url: urlOrClient } : urlOrClient;
      this.target = describeEndpoint(endpoint);
      this.ownsClient = true;
      this.client = createRedisClient(endpoint, {
        lazyConnect: true, // constructing does no I/O; the first command connects
        connectTimeout: connectTimeoutMs,
        commandTimeout: this.commandTimeoutMs,
        // Commands wait in the offline queue while connecting, and through one failed reconnection
        // after a dropped connection (a blip costs nothing); then they are rejected. Once an attempt
        // has failed, run() rejects new commands at once instead of queueing them.
        enableOfflineQueue: true,
        maxRetriesPerRequest: 1,
        // Reconnecting goes on in the background for as long as the storage is open.
        retryStrategy: (attempt: number) => Math.min(attempt * 100, 1000),
        // Re-sending a compare-and-set whose answer was lost could report a conflict for a write that
        // was in fact applied: fail it instead (commandTimeout settles it).
        autoResendUnfulfilledCommands: false,
        // How long close() lets a socket linger; the default 2 s keeps a process alive after a failed connection.
        disconnectTimeout: 200,
        connectionName: options.connectionName ?? 'activity-bot',
      });
      this.client.on('error', (error: Error) => {
        this.lastConnectionError = error;
        if (this.client.status !== 'ready') this.down = true; // an attempt failed, not a live connection
      });
      this.client.on('ready', () => {
        this.lastConnectionError = undefined;
        this.down = false;
      });
    } else {
      this.target = targetOfClient(urlOrClient);
      this.ownsClient = false;
      this.client = urlOrClient;
    }
    this.runWrite = defineWriteScript(this.client);
  }

  read<T>(key: string): Promise<StoredItem<T> | undefined> {
    return this.run(`read "${key}"`, () => assertKey(key), async () => {
      const redisKey = this.redisKeyOf(key);
      let fields: Record<string, string>;
      try {
        fields = await this.client.hgetall(redisKey);
      } catch (e) {
        if (e instanceof Error && e.message.startsWith('WRONGTYPE')) {
          throw new UnreadableItemError(key, redisKey, 'holds a Redis value that is not a stored item (a hash)');
        }
        throw e;
      }
      if (Object.keys(fields).length === 0) return undefined;
      const eTag = fields[ETAG_FIELD];
      const json = fields[VALUE_FIELD];
      if (eTag === undefined || json === undefined) {
        throw new UnreadableItemError(key, redisKey, `is a hash without the fields "${ETAG_FIELD}" and "${VALUE_FIELD}"`);
      }
      try {
        return { value: JSON.parse(json) as T, eTag };
      } catch (e) {
        throw new UnreadableItemError(key, redisKey, `does not hold JSON (${(e as Error).message})`);
      }
    });
  }

  write<T>(key: string, value: T, expectedETag?: string | null): Promise<StoredItem<T> | undefined> {
    let json = '';
    const mode: WriteMode = expectedETag === undefined ? 'always' : expectedETag === null ? 'absent' : 'match';
    const check = (): void => {
      assertKey(key);
      json = toJson(key, value);
    };
    return this.run(`write "${key}"`, check, async () => {
      const eTag = newETag();
      const redisKey = this.redisKeyOf(key);
      let written: boolean;
      try {
        written = await this.runWrite(redisKey, mode, expectedETag ?? '', eTag, json);
      } catch (e) {
        if (e instanceof Error && e.message.startsWith(NOT_STORED_ERROR)) {
          const problem = e.message.slice(NOT_STORED_ERROR.length).trim();
          throw new UnreadableItemError(key, redisKey, `cannot be compared: ${problem}; an unconditional write replaces it`);
        }
        throw e;
      }
      return written ? { value: JSON.parse(json) as T, eTag } : undefined;
    });
  }

  delete(key: string): Promise<void> {
    return this.run(`delete "${key}"`, () => assertKey(key), async () => {
      await this.client.del(this.redisKeyOf(key));
    });
  }

  ping(): Promise<void> {
    const timeoutMs = Math.min(this.commandTimeoutMs, MAX_PING_TIMEOUT_MS);
    return this.run('PING', undefined, async () => {
      await within(this.client.ping(), timeoutMs, () => new Error(`Redis did not answer PING within ${timeoutMs} ms`));
    });
  }

  /** Lets accepted operations finish, then quits the connection it opened. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    if (!this.ownsClient) return;
    if (this.client.status === 'wait' || this.client.status === 'end') {
      this.client.disconnect(); // never connected, or already gone: nothing to say goodbye to
      return;
    }
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect(); // Redis unreachable or hung: drop the connection without a goodbye
    }
  }

  private redisKeyOf(key: string): string {
    return this.keyPrefix + key;
  }

  private run<R>(action: string, check: (() => void) | undefined, op: () => Promise<R>): Promise<R> {
    try {
      if (this.closing) throw new StorageClosedError(this.kind);
      check?.();
      if (this.down && this.client.status === 'reconnecting') throw this.failure(action, 'Redis is unreachable');
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    // A cluster queues commands while it finds its nodes, beyond the reach of commandTimeout
    const running = this.client instanceof Cluster ? within(op(), this.commandTimeoutMs, () => new Error(COMMAND_TIMED_OUT)) : op();
    const result = running.catch((e: unknown) => {
      throw this.explain(action, e);
    });
    this.inFlight.add(result);
    const forget = (): void => {
      this.inFlight.delete(result);
    };
    result.then(forget, forget);
    return result;
  }

  // ioredis's own messages ("Reached the max retries per request limit", "Command timed out") do
  // not say which Redis, why, or what was being done; an operator reading a log needs all three.
  private explain(action: string, error: unknown): Error {
    if (error instanceof UnreadableItemError) return error;
    const cause = error instanceof Error ? error : new Error(String(error));
    let reason = cause.message;
    if (cause.message === COMMAND_TIMED_OUT) reason = `Redis did not answer within ${this.commandTimeoutMs} ms`;
    else if (cause.name === 'MaxRetriesPerRequestError' || cause.message === 'Connection is closed.') reason = 'Redis is unreachable';
    return this.failure(action, reason, cause);
  }

  private failure(action: string, reason: string, cause?: Error): Error {
    const connectionError = this.client.status === 'ready' ? undefined : this.lastConnectionError;
    const why = connectionError ? `${reason} (${connectionError.message})` : reason;
    return new StorageUnavailableError(`redis storage (${this.target}): ${action} failed: ${why}`, { cause: cause ?? connectionError });
  }
}

function positiveMs(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value <= 0) throw new RangeError(`redis storage: ${name} must be a positive whole number of milliseconds, got ${value}`);
  return value;
}

function targetOfClient(client: RedisClient): string {
  if (client instanceof Cluster) return 'redis cluster';
  const { host, port, path, tls, db } = client.options;
  if (path) return `redis+unix://${path}`;
  return `${tls ? 'rediss' : 'redis'}://${host ?? 'localhost'}:${port ?? 6379}${db ? `/${db}` : ''}`;
}

function within<R>(promise: Promise<R>, ms: number, timedOut: () => Error): Promise<R> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timedOut()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
