import { HttpSourceError } from '../data/http-request';
import { DatasetError } from '../data/source';
import { TokenError } from '../data/token-provider';
import { ConfigError, loadConfig, type Config } from './config';
import { readEnvironment } from './env-file';
import { createLogger } from './logger';
import { startServer } from './start-server';

// The process around startServer: configuration errors, exit codes and signals. `npm start`.

function readConfig(): Config {
  try {
    return loadConfig(readEnvironment());
  } catch (e) {
    // before any logger exists: a person reads this, so plain text on stderr
    process.stderr.write(`${e instanceof ConfigError ? e.message : `Invalid configuration: ${(e as Error).message}`}\n`);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger({ level: config.logLevel });
  process.on('uncaughtException', (err) => {
    logger.fatal({ err }, 'uncaught exception');
    process.exit(1);
  });
  process.on('unhandledRejection', (reason) => {
    logger.fatal({ err: reason }, 'unhandled promise rejection');
    process.exit(1);
  });

  let server;
  try {
    server = await startServer(config, { logger });
  } catch (e) {
    const where =
      config.dataSource === 'http' ? `from DATA_URL=${config.dataHttp.url.replace(/[?#].*$/, '')}` : `in DATA_DIR=${config.dataDir}`;
    if (e instanceof DatasetError) {
      logger.fatal({ dataDir: config.dataDir, problems: e.problems.length }, 'cannot load the data');
      process.stderr.write(`Cannot load the data ${where}:\n${e.message}\n`);
    } else if (e instanceof HttpSourceError || e instanceof TokenError) {
      logger.fatal({ reason: e.message }, 'cannot load the data');
      process.stderr.write(`Cannot load the data ${where}: ${e.message}\n`);
    } else {
      logger.fatal({ err: e }, 'cannot start');
      process.stderr.write(`Cannot start: ${(e as Error).message}\n`);
    }
    process.exit(1);
  }

  const running = server;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(0);
    }
    stopping = true;
    logger.info({ signal }, 'signal received');
    // whatever hangs (a turn, a connection, storage), the process is gone by the deadline
    setTimeout(() => {
      logger.warn({ shutdownTimeoutMs: config.shutdownTimeoutMs }, 'shutdown deadline reached: exiting now');
      process.exit(0);
    }, config.shutdownTimeoutMs).unref();
    running.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

void main();
