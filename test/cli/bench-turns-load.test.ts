import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTurnsConnector, type TurnsConnector } from '../../src/cli/bench-turns-connector';
import { runLoad, type LoadOptions } from '../../src/cli/bench-turns-load';
import { text } from 'node:stream/consumers';

// The load generator of bench:turns against small stand-in bots: what counts as a turn, what fails.

/** `reply` resolves with the id the connector gave the activity. */
type Behaviour = (activity: Activity, reply: (method: 'POST' | 'PUT', path: string, body: object) => Promise<string>) => Promise<number>;

interface Activity {
  id: string;
  text: string;
  serviceUrl: string;
  conversation: { id: string };
}


/** A bot on /api/messages that does what `behaviour` says, then answers with the status it returns. */
async function standInBot(behaviour: Behaviour): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    void text(req).then(async (body) => {
      const activity = JSON.parse(body) as Activity;
      const reply = (method: 'POST' | 'PUT', path: string, body: object): Promise<string> =>
        new Promise((resolve, reject) => {
          const out = request(`${activity.serviceUrl}${path}`, { method, headers: { 'content-type': 'application/json' } }, (r) => {
            void text(r).then((answer) => resolve((JSON.parse(answer) as { id: string }).id), reject);
          });
          out.on('error', reject);
          out.end(JSON.stringify(body));
        });
      const status = await behaviour(activity, reply);
      res.writeHead(status);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const conversationPath = (a: Activity): string => `/v3/conversations/${encodeURIComponent(a.conversation.id)}/activities`;

describe('bench:turns load generator', () => {
  let connector: TurnsConnector;
  let bot: { url: string; server: Server } | undefined;
  beforeEach(async () => {
    connector = await startTurnsConnector();
  });
  afterEach(async () => {
    bot?.server.closeAllConnections();
    await new Promise((resolve) => bot?.server.close(resolve));
    await connector.close();
  });

  const load = (overrides: Partial<LoadOptions> = {}) =>
    runLoad({
      botUrl: bot?.url ?? '',
      connector,
      asker: { aadObjectId: '00000000-0000-4000-8000-000000000001', name: 'Admin', tenantId: '00000000-0000-4000-8000-000000000002' },
      text: 'summary',
      concurrency: 3,
      warmUpMs: 0,
      durationMs: 300,
      isExpectedReply: (r) => (r as { text?: string }).text === 'summary',
      ...overrides,
    });

  it('counts turns whose reply reached the connector and whose POST was answered 200', async () => {
    bot = await standInBot(async (a, reply) => {
      await reply('POST', `${conversationPath(a)}/${a.id}`, { type: 'message', text: a.text });
      return 200;
    });
    const result = await load();
    expect(result.turns).toBeGreaterThan(0);
    expect(result.failed).toBe(0);
    expect(result.p99Ms).toBeGreaterThanOrEqual(result.p50Ms);
    expect(connector.unread()).toBe(0);
  });

  it("sends every virtual user's messages in the asker's one personal chat, each answered by its own reply", async () => {
    const chats = new Set<string>();
    bot = await standInBot(async (a, reply) => {
      chats.add(a.conversation.id);
      await reply('POST', `${conversationPath(a)}/${a.id}`, { type: 'message', text: `answer to ${a.id}` });
      return 200;
    });
    const result = await load({ concurrency: 4, isExpectedReply: () => true });
    expect(chats.size).toBe(1);
    expect(result.turns).toBeGreaterThan(0);
    expect(result.failed).toBe(0);
    expect(connector.unread()).toBe(0);
  });

  it('fails a turn the bot answers with an error status, with the reason', async () => {
    bot = await standInBot(() => Promise.resolve(500));
    const result = await load({ turnTimeoutMs: 5000 });
    expect(result.turns).toBe(0);
    expect(result.failed).toBeGreaterThan(0);
    expect(result.firstFailure).toMatch(/answered 500/);
  });

  it('fails a turn whose expected reply never comes, naming what came instead', async () => {
    bot = await standInBot(async (a, reply) => {
      await reply('POST', `${conversationPath(a)}/${a.id}`, { type: 'message', text: 'something else' });
      return 200;
    });
    const result = await load({ turnTimeoutMs: 2000, durationMs: 100 });
    expect(result.turns).toBe(0);
    expect(result.firstFailure).toMatch(/no reply at the connector.*something else/);
  });

  it('counts the late answer of a slow turn, put in place of its "working on it"', async () => {
    bot = await standInBot(async (a, reply) => {
      const placeholder = await reply('POST', `${conversationPath(a)}/${a.id}`, { type: 'message', text: 'working on it' });
      setImmediate(() => void reply('PUT', `${conversationPath(a)}/${placeholder}`, { type: 'message', text: a.text }));
      return 200;
    });
    const result = await load();
    expect(result.failed).toBe(0);
    expect(result.turns).toBeGreaterThan(0);
    expect(result.answeredLate).toBeGreaterThanOrEqual(result.turns);
  });
});
