import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { BotDeps } from '../bot/bot-deps';
import { createBot } from '../bot/create-bot';
import { AdapterNotifier } from '../bot/notifier';
import { FileDataSource } from '../data/file-source';
import { HttpDataSource } from '../data/http-source';
import { MsalTokenProvider, readCertificateCredential } from '../data/msal-token-provider';
import type { DataSource } from '../data/source';
import type { TokenProvider } from '../data/token-provider';
import { JournalStorage } from '../storage/journal-storage';
import { MemoryStorage } from '../storage/memory-storage';
import { RedisStorage } from '../storage/redis-storage';
import type { KeyValueStorage } from '../storage/storage';
import { createAdapter } from './adapter';
import { createApp, type TurnRunner } from './app';
import { InFlight } from './in-flight';
import type { Config } from './config';
import { createLogger, type ServerLogger } from './logger';
import { OrgHolder } from './org-holder';
import { BotMetrics } from './metrics';
import { createReminders } from './reminders-host';
import { todayProvider } from './today';
import { warmUp } from '../nlu/recognize';

/** What a test (or a later composition) may replace; everything else comes from the config. */
export interface ServerDeps {
  logger?: ServerLogger;
  dataSource?: DataSource;
  /** With DATA_SOURCE=http: the API's tokens instead of MSAL's (tests without an https authority). */
  dataTokens?: TokenProvider;
  storage?: KeyValueStorage;
  createBot?: (deps: BotDeps) => TurnRunner;
}

export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:3978 (the messaging endpoint is `${url}/api/messages`). */
  url: string;
  port: number;
  /** Stops accepting, lets turns in flight finish (bounded by SHUTDOWN_TIMEOUT_MS), closes storage. */
  stop(): Promise<void>;
}

export function logMode(config: Config, logger: ServerLogger): void {
  if (config.localMode) {
    logger.warn(
      { host: config.host },
      'local mode: MicrosoftAppId is empty, incoming requests are not authenticated (Bot Framework Emulator / Agents Playground)',
    );
  } else {
    logger.info(
      { appId: config.bot.appId, appType: config.bot.appType, tenantId: config.bot.tenantId || undefined },
      'authenticated mode: every request must carry a Bot Framework token for this app id',
    );
  }
  if (config.nodeEnv === 'production' && config.storage === 'memory') {
    logger.warn('STORAGE=memory in production: conversation state is lost on every restart');
  }
  if (config.today) logger.info({ today: config.today }, 'TODAY pins the date');
}

async function openDataSource(config: Config, logger: ServerLogger, tokens?: TokenProvider): Promise<DataSource> {
  if (config.dataSource === 'file') return new FileDataSource(path.resolve(config.dataDir));
  const { url, authority, clientId, clientSecret, certificatePath, scope, timeoutMs, retries } = config.dataHttp;
  const credential = clientSecret
    ? { secret: clientSecret }
    : await readCertificateCredential(path.resolve(certificatePath)).catch((e: unknown) => {
        throw new Error(`DATA_CLIENT_CERTIFICATE_PATH=${certificatePath}: ${(e as Error).message}`, { cause: e });
      });
  return new HttpDataSource({
    url,
    tokens: tokens ?? new MsalTokenProvider({ authority, clientId, scope, credential }),
    policy: { timeoutMs, retries },
    log: logger,
  });
}

function openStorage(config: Config): KeyValueStorage {
  if (config.storage === 'redis') {
    const { url, cluster, tls, keyPrefix } = config.redis;
    return new RedisStorage({ url, cluster, tls }, { keyPrefix });
  }
  return config.storage === 'memory' ? new MemoryStorage() : new JournalStorage(path.resolve(config.stateDir));
}

const urlHost = (host: string): string => {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
};

const timeout = (ms: number): Promise<'timeout'> =>
  new Promise((resolve) => setTimeout(() => resolve('timeout'), ms).unref());

/**
 * Starts the bot: logs the mode first, opens storage, listens, then loads the data (so /healthz
 * answers while a big organization loads and /readyz says why it is not ready yet). Rejects, with
 * everything closed again, when storage is unusable, the port is taken or the data is bad.
 */
export async function startServer(config: Config, deps: ServerDeps = {}): Promise<RunningServer> {
  const logger = deps.logger ?? createLogger({ level: config.logLevel });
  logMode(config, logger);
  // before storage: a certificate that cannot be read fails here, with nothing to close yet
  const source = deps.dataSource ?? (await openDataSource(config, logger, deps.dataTokens));

  const storage = deps.storage ?? openStorage(config);
  try {
    await storage.ping();
  } catch (e) {
    await storage.close();
    const where = config.storage === 'file' && !deps.storage ? ` in STATE_DIR=${config.stateDir}` : '';
    throw new Error(`storage (${storage.kind})${where} is not usable: ${(e as Error).message}`, { cause: e });
  }

  const org = new OrgHolder(source);
  const adapter = createAdapter(config, logger);
  const notifier = new AdapterNotifier(adapter, config.bot.appId);
  const reminders = await createReminders(config, { storage, notifier, org: () => org.current(), logger });
  const metrics = config.metrics
    ? new BotMetrics({
        dataAgeSeconds: () => (org.loaded ? org.ageSeconds() : undefined),
        reminders: () => reminders.service.stats,
        queueDepth: () => reminders.queue.counts(),
      })
    : undefined;
  // the second half of slow turns, after their HTTP answer: shutdown waits for them like for turns
  const lateAnswers = new InFlight();
  const bot = (deps.createBot ?? createBot)({
    org: () => org.current(),
    storage,
    today: todayProvider(config),
    logger,
    notifier,
    reminders: reminders.service,
    turnsPerMinute: config.userTurnsPerMinute,
    slowTurns: {
      afterMs: config.workingOnItAfterMs,
      continueInBackground: (work) => void lateAnswers.track(work),
    },
    ...(metrics ? { onRefusal: () => metrics.refusal() } : {}),
  });
  const app = createApp({
    adapter,
    bot,
    logger,
    ...(metrics ? { metrics } : {}),
    readiness: [
      { name: 'data', check: () => org.check() },
      { name: `storage (${storage.kind})`, check: () => storage.ping(), degradesOnly: true },
    ],
  });
  const http = app.httpServer;

  let stopRefresh = (): void => undefined;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      stopRefresh();
      app.beginShutdown();
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      logger.info({ turnsInFlight: app.turns.size }, 'shutting down: not accepting connections, finishing turns in flight');
      const drainMs = Math.round(config.shutdownTimeoutMs * 0.7);
      const drained = Promise.all([app.turns.drained(), lateAnswers.drained()]);
      if ((await Promise.race([drained, timeout(drainMs)])) === 'timeout') {
        logger.warn({ turnsInFlight: app.turns.size + lateAnswers.size, drainMs }, 'turns still in flight at the deadline: closing their connections');
      }
      http.closeIdleConnections();
      if ((await Promise.race([closed, timeout(Math.round(config.shutdownTimeoutMs * 0.1))])) === 'timeout') {
        http.closeAllConnections();
        await closed;
      }
      await reminders.close();
      await storage.close();
      logger.info('stopped');
    })());

  try {
    // restify re-emits the Node server's 'error' on itself: that is where EADDRINUSE arrives
    await new Promise<void>((resolve, reject) => {
      app.server.once('error', reject);
      http.listen(config.port, config.host, () => {
        app.server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    await reminders.close();
    await storage.close();
    throw new Error(`cannot listen on ${config.host}:${config.port}: ${(e as Error).message}`, { cause: e });
  }
  app.server.on('error', (err: Error) => logger.error({ err }, 'http server error'));
  const { port } = http.address() as AddressInfo;
  const url = `http://${urlHost(config.host)}:${port}`;
  logger.info({ url, source: source.description }, 'listening; loading data');

  try {
    warmUp(); // the language model loads here, not on the first message
    const index = await org.load();
    logger.info(
      { organization: index.organization.name, users: index.users.size, workspaces: index.workspaces.size, contracts: index.contracts.size },
      'data loaded',
    );
  } catch (e) {
    await stop();
    throw e;
  }
  if (config.dataRefreshSeconds > 0) stopRefresh = org.refreshEvery(config.dataRefreshSeconds, logger);
  reminders.service.start();
  logger.info({ messagingEndpoint: `${url}/api/messages` }, `ready at ${url}/api/messages`);
  return { url, port, stop };
}
