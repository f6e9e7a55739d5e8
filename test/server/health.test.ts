import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatasetError } from '../../src/data/source';
import { startServer, type RunningServer } from '../../src/server/start-server';
import { MemoryStorage } from '../../src/storage/memory-storage';
import { captureLogger } from './helpers/capture-logger';
import { testConfig } from './helpers/test-config';
import { controlledSource, staticSource } from './helpers/tiny-dataset';

/** Memory storage whose ping the test can break, as a Redis or a full disk would. */
class FlakyStorage extends MemoryStorage {
  pingError: Error | undefined;
  override ping(): Promise<void> {
    return this.pingError ? Promise.reject(this.pingError) : super.ping();
  }
}

const getJson = async (url: string): Promise<{ status: number; body: unknown }> => {
  const res = await fetch(url);
  return { status: res.status, body: await res.json() };
};

describe('health and readiness', () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('is alive and ready once data is loaded and storage answers', async () => {
    server = await startServer(testConfig(), { logger: captureLogger().logger, dataSource: staticSource() });
    await expect(getJson(`${server.url}/healthz`)).resolves.toEqual({ status: 200, body: { status: 'ok' } });
    await expect(getJson(`${server.url}/readyz`)).resolves.toMatchObject({ status: 200, body: { status: 'ready', checks: { data: { version: 1, ageSeconds: expect.any(Number) } } } });
  });

  it('is alive but not ready while the data is loading, with the reason', async () => {
    const log = captureLogger();
    const source = controlledSource();
    const starting = startServer(testConfig(), { logger: log.logger, dataSource: source });
    const url = String((await log.waitFor((l) => l.msg.startsWith('listening'))).url);

    await expect(getJson(`${url}/healthz`)).resolves.toEqual({ status: 200, body: { status: 'ok' } });
    await expect(getJson(`${url}/readyz`)).resolves.toEqual({
      status: 503,
      body: { status: 'unavailable', reason: 'data: not loaded yet (test:controlled)' },
    });

    source.release();
    server = await starting;
    await expect(getJson(`${url}/readyz`)).resolves.toMatchObject({ status: 200, body: { status: 'ready', checks: { data: { version: 1, ageSeconds: expect.any(Number) } } } });
  });

  it('reports degraded, naming storage, when storage stops answering (answers go on), and ready again when it is back', async () => {
    const storage = new FlakyStorage();
    server = await startServer(testConfig(), { logger: captureLogger().logger, dataSource: staticSource(), storage });
    storage.pingError = new Error('connection refused');
    // every instance shares the storage: taking them out of the balancer would stop the answers too
    await expect(getJson(`${server.url}/readyz`)).resolves.toMatchObject({
      status: 200,
      body: { status: 'degraded', reason: 'storage (memory): connection refused' },
    });
    await expect(getJson(`${server.url}/healthz`)).resolves.toMatchObject({ status: 200 });
    storage.pingError = undefined;
    await expect(getJson(`${server.url}/readyz`)).resolves.toMatchObject({ status: 200 });
  });

  it('does not start on bad data: rejects with the DatasetError and frees the port', async () => {
    const log = captureLogger();
    const source = controlledSource();
    const starting = startServer(testConfig(), { logger: log.logger, dataSource: source });
    const url = String((await log.waitFor((l) => l.msg.startsWith('listening'))).url);
    source.fail(new DatasetError([{ file: 'users.json', record: 'u1', field: 'email', message: 'expected an e-mail address' }]));

    await expect(starting).rejects.toThrow('users.json, record u1, field email: expected an e-mail address');
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it('does not start when the port is taken, naming host and port', async () => {
    server = await startServer(testConfig(), { logger: captureLogger().logger, dataSource: staticSource() });
    await expect(
      startServer(testConfig({ PORT: String(server.port) }), { logger: captureLogger().logger, dataSource: staticSource() }),
    ).rejects.toThrow(`cannot listen on 127.0.0.1:${server.port}: listen EADDRINUSE`);
  });

  it('does not start when the state folder cannot be used, naming STATE_DIR', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'state-'));
    try {
      const notAFolder = path.join(dir, 'file');
      await writeFile(notAFolder, '');
      await expect(
        startServer(testConfig({ STORAGE: 'file', STATE_DIR: notAFolder }), {
          logger: captureLogger().logger,
          dataSource: staticSource(),
        }),
      ).rejects.toThrow(`storage (file) in STATE_DIR=${notAFolder} is not usable`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
