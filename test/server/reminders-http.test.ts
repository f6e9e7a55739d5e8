import path from 'node:path';
import { FileDataSource } from '../../src/data/file-source';
import { MemoryStorage } from '../../src/storage/memory-storage';
import { startServer, type RunningServer } from '../../src/server/start-server';
import { captureLogger } from './helpers/capture-logger';
import { startStandInConnector, type ReceivedActivity, type StandInConnector } from './helpers/stand-in-connector';
import { postActivity, teamsMessage } from './helpers/teams-activity';
import { testConfig } from './helpers/test-config';

// Renewal reminders through the real endpoint, the real queue (embedded) and CloudAdapter, against
// a stand-in connector that can refuse posts as Teams does (429 with Retry-After, 5xx, 403).

const SAMPLE = path.resolve(__dirname, '..', '..', 'data', 'sample');
const TENANT = '3f5c2a1e-8b7d-4c6e-9a0f-1d2e3c4b5a69';
const LAURA = { id: '29:laura', name: 'Laura Rinaldi', aadObjectId: '61514271-2bdc-5753-9460-b155dc537eee' };
const channel = (id: string) => ({ id, conversationType: 'channel', isGroup: true, tenantId: TENANT });

const say = (serviceUrl: string, conversationId: string, text: string) =>
  teamsMessage(serviceUrl, `<at>Activity Bot</at> ${text}`, { from: LAURA, conversation: channel(conversationId), channelData: { tenant: { id: TENANT } } });
const click = (serviceUrl: string, conversationId: string, verb: string, data: object) => ({
  ...say(serviceUrl, conversationId, ''),
  type: 'invoke',
  name: 'adaptiveCard/action',
  value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
});
const text = (a: ReceivedActivity | undefined): string => JSON.stringify(a?.activity ?? {});
const buttonsOf = (a: ReceivedActivity) =>
  ((a.activity.attachments as { content: { actions?: { verb: string; data: Record<string, unknown>; title: string }[] } }[])[0]?.content.actions ?? []);

describe('renewal reminders over HTTP', () => {
  let connector: StandInConnector;
  let server: RunningServer;

  beforeEach(async () => {
    connector = await startStandInConnector();
    server = await startServer(testConfig({ TODAY: '2026-11-22', REMINDERS_PER_SECOND: '50' }), {
      logger: captureLogger().logger,
      dataSource: new FileDataSource(SAMPLE),
      storage: new MemoryStorage(),
    });
  });
  afterEach(async () => {
    await server.stop();
    await connector.close();
  });

  async function subscribeAndRun(conversationId: string, command: string): Promise<number> {
    const start = connector.received.length;
    await postActivity(server.url, say(connector.url, conversationId, command));
    const warning = await connector.nthActivity(start + 1);
    expect(text(warning)).toContain('Everyone here will see');
    const subscribe = buttonsOf(warning).find((b) => b.title === 'Subscribe')!;
    const answer = await postActivity(server.url, click(connector.url, conversationId, subscribe.verb, subscribe.data));
    expect(JSON.stringify(await answer.json())).toContain('This conversation gets renewal reminders for Contoso Italia');
    const before = connector.received.length;
    await postActivity(server.url, say(connector.url, conversationId, 'reminders run'));
    return before;
  }

  it('posts the due cards into the channel, waiting out a 429 as Teams asks', async () => {
    let throttled = 0;
    connector.respondWith((a) => (a.conversationId === '19:ops@thread.tacv2' && text(a).includes('⏰') && throttled++ === 0 ? { status: 429, headers: { 'retry-after': '1' } } : undefined));
    const before = await subscribeAndRun('19:ops@thread.tacv2', 'remind this channel 90, 30 and 7 days before expiry');
    // the answer and the three cards (the queue works while the turn ends: any order)
    await connector.nthActivity(before + 4);
    const after = connector.received.slice(before);
    expect(after.filter((a) => text(a).includes('3 reminders queued'))).toHaveLength(1);
    const cards = after.filter((a) => text(a).includes('⏰'));
    expect(cards.map((c) => c.conversationId)).toEqual(['19:ops@thread.tacv2', '19:ops@thread.tacv2', '19:ops@thread.tacv2']);
    // new posts in the channel, not replies to the message that subscribed it
    expect(cards.map((c) => c.replyToActivityId)).toEqual([undefined, undefined, undefined]);
    const titles = cards.map((c) => text(c));
    for (const days of ['5 days left', '23 days left', '39 days left']) expect(titles.some((t) => t.includes(days))).toBe(true);
    expect(connector.refused.map((r) => r.status)).toEqual([429]);
    // all three went out once, the throttled one after its Retry-After
    expect(new Set(titles).size).toBe(3);
  });

  it('stops a subscription whose channel answers 403, and says so in status', async () => {
    let refuse = (): void => undefined;
    const refusedOnce = new Promise<void>((resolve) => (refuse = resolve));
    connector.respondWith((a) => {
      if (a.conversationId !== '19:gone@thread.tacv2' || !text(a).includes('⏰')) return undefined;
      refuse();
      return { status: 403 };
    });
    const before = await subscribeAndRun('19:gone@thread.tacv2', 'remind this channel 7 days before expiry');
    await refusedOnce;
    expect(text(await connector.nthActivity(before + 1))).toContain('1 reminders queued');
    connector.respondWith(undefined);
    await postActivity(server.url, say(connector.url, '19:gone@thread.tacv2', 'reminders status'));
    const status = text(await connector.nthActivity(before + 2));
    expect(status).toContain('Stopped: I was removed from this conversation or blocked (403)');
  });
});
