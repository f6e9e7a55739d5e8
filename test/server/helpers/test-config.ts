import { loadConfig, type Config } from '../../../src/server/config';

/** Local mode on a free port of 127.0.0.1, memory storage, a pinned date. */
export const testConfig = (env: Record<string, string> = {}): Config =>
  loadConfig({ PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test', LOG_LEVEL: 'debug', STORAGE: 'memory', TODAY: '2026-11-22', ...env });
