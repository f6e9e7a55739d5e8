import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnServer, until, type ServerProcess } from './helpers/server-process';
import { startStandInConnector, type StandInConnector } from './helpers/stand-in-connector';
import { postActivity, teamsMessage } from './helpers/teams-activity';
import { tinyDataset, writeDataset } from './helpers/tiny-dataset';

/** Resolves with the error code of a fresh TCP connection attempt, or 'connected'. */
const tryConnect = (port: number): Promise<string> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });

// each test starts a real process through tsx: seconds of start-up on a busy machine
jest.setTimeout(60_000);

describe('the server process (src/server/main.ts)', () => {
  let dir: string;
  let connector: StandInConnector;
  let server: ServerProcess | undefined;

  const env = (extra: Record<string, string> = {}): Record<string, string> => ({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: path.join(dir, 'data'),
    STATE_DIR: path.join(dir, 'state'),
    TODAY: '2026-11-22',
    LOG_LEVEL: 'info',
    ...extra,
  });

  const startReady = async (): Promise<{ url: string; port: number }> => {
    server = spawnServer(env(), dir);
    const listening = await server.waitForLog((l) => l.msg === 'listening; loading data');
    const url = String(listening.url);
    await until(async () => (await fetch(`${url}/readyz`)).status === 200);
    return { url, port: Number(new URL(url).port) };
  };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'bot-process-'));
    await writeDataset(path.join(dir, 'data'), tinyDataset());
    connector = await startStandInConnector();
  });

  afterEach(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    await server?.exited;
    server = undefined;
    await connector.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('says it runs in local mode in its first log line', async () => {
    await startReady();
    expect(server?.logs[0]).toMatchObject({
      level: 40,
      msg: 'local mode: MicrosoftAppId is empty, incoming requests are not authenticated (Bot Framework Emulator / Agents Playground)',
    });
  });

  it('on SIGTERM refuses new connections, finishes the turn in flight, and exits 0 within 10 s', async () => {
    const { url, port } = await startReady();
    const slowChannel = connector.holdResponses();
    const activity = teamsMessage(connector.url, 'help');
    const inFlight = postActivity(url, activity);
    const firstReply = await connector.nthActivity(1); // the turn now waits on the (slow) connector

    const signalledAt = Date.now();
    server?.child.kill('SIGTERM');
    await server?.waitForLog((l) => typeof l.msg === 'string' && l.msg.startsWith('shutting down'));
    expect(await tryConnect(port)).toBe('ECONNREFUSED');

    slowChannel.release();
    const response = await inFlight;
    expect(response.status).toBe(200); // the turn ran to its end
    expect(firstReply.conversationId).toBe(activity.conversation.id);
    expect(firstReply.activity.replyToId).toBe(activity.id);

    await expect(server?.exited).resolves.toEqual({ code: 0, signal: null });
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    expect(server?.logs.at(-1)).toMatchObject({ msg: 'stopped' });
  });

  it('on SIGTERM with nothing in flight exits 0 at once', async () => {
    await startReady();
    const signalledAt = Date.now();
    server?.child.kill('SIGTERM');
    await expect(server?.exited).resolves.toEqual({ code: 0, signal: null });
    expect(Date.now() - signalledAt).toBeLessThan(3000);
  });

  it('refuses to start on bad configuration, naming every bad variable, and exits 1', async () => {
    server = spawnServer(env({ PORT: 'eighty', NODE_ENV: 'production', TIME_ZONE: 'Rome' }), dir);
    await expect(server.exited).resolves.toEqual({ code: 1, signal: null });
    const stderr = server.stderr();
    expect(stderr).toContain('Invalid configuration: 3 variables to fix');
    for (const variable of ['PORT', 'TIME_ZONE', 'MicrosoftAppId']) expect(stderr).toMatch(new RegExp(`^  ${variable}: `, 'm'));
    expect(server.logs).toEqual([]);
  });

  it('refuses to start on bad data with the loader message, and exits 1', async () => {
    const dataset = tinyDataset();
    await writeDataset(path.join(dir, 'data'), { ...dataset, users: [{ ...dataset.users[0]!, email: 'not-an-email' }] });
    server = spawnServer(env(), dir);
    await expect(server.exited).resolves.toEqual({ code: 1, signal: null });
    expect(server.stderr()).toMatch(/Cannot load the data in DATA_DIR=.*\n.*users\.json.*email/);
  });
});
