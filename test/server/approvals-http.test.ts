import path from 'node:path';
import { FileDataSource } from '../../src/data/file-source';
import { MemoryStorage } from '../../src/storage/memory-storage';
import { startServer, type RunningServer } from '../../src/server/start-server';
import { captureLogger } from './helpers/capture-logger';
import { startStandInConnector, type ReceivedActivity, type StandInConnector } from './helpers/stand-in-connector';
import { MARIO, MARIO_CHAT, postActivity, SAMPLE_TENANT, teamsMessage } from './helpers/teams-activity';
import { testConfig } from './helpers/test-config';

// The approval flow through the real endpoint and CloudAdapter, against a local stand-in for the
// Teams connector: proactive cards (in a chat the admin had, and in one the bot opens), the click,
// every copy updated, the requester told, the role working on the next message.

const SAMPLE = path.resolve(__dirname, '..', '..', 'data', 'sample');
const ANNA_AAD = 'c8fda48e-2187-5e04-841f-0f434060909e';
const MARCO = { id: '29:marco', name: 'Marco Bruno' }; // no aadObjectId: known by the roster's e-mail
const MARCO_CHAT = { id: 'a:marco-personal', conversationType: 'personal', tenantId: SAMPLE_TENANT };

const inTenant = (serviceUrl: string, text: string, overrides: Record<string, unknown>) =>
  teamsMessage(serviceUrl, text, { channelData: { tenant: { id: SAMPLE_TENANT } }, ...overrides });

const texts = (r: ReceivedActivity): string => JSON.stringify(r.activity);

describe('role request over HTTP', () => {
  let connector: StandInConnector;
  let server: RunningServer;

  beforeEach(async () => {
    connector = await startStandInConnector({ '29:marco': { email: 'marco.bruno@contoso.com' } });
    server = await startServer(testConfig({ TODAY: '2026-11-22' }), {
      logger: captureLogger().logger,
      dataSource: new FileDataSource(SAMPLE),
      storage: new MemoryStorage(),
    });
  });
  afterEach(async () => {
    await server.stop();
    await connector.close();
  });

  it('goes from request to approval to a working role, with every card copy updated', async () => {
    await postActivity(server.url, inTenant(connector.url, 'help', { from: MARIO, conversation: MARIO_CHAT }));
    await connector.nthActivity(1); // Mario's help card: he can be reached in that chat
    await postActivity(server.url, inTenant(connector.url, 'show usage overview', { from: MARCO, conversation: MARCO_CHAT }));
    const refused = await connector.nthActivity(2);
    expect(texts(refused)).toContain('You need the Customer Activity role');

    // Marco clicks "Request this role" on the refusal card he got
    const request = await postActivity(server.url, {
      ...inTenant(connector.url, '', { from: MARCO, conversation: MARCO_CHAT }),
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: 'reply-2',
      value: { action: { type: 'Action.Execute', verb: 'request-role', data: { role: 'customer-activity', workspaceId: 'ws-finance' } }, trigger: 'manual' },
    });
    const pending = (await request.json()) as { value: unknown };
    expect(JSON.stringify(pending.value)).toMatch(/sent to (Mario Rossi, Anna Bianchi|Anna Bianchi, Mario Rossi)/);
    // Mario in his chat; Anna, who never wrote to the bot, in a chat the bot opened through the connector
    await connector.nthActivity(4);
    const toMario = connector.received.find((r) => r.conversationId === MARIO_CHAT.id && texts(r).includes('Approve'));
    expect(connector.created).toEqual([expect.objectContaining({ members: [expect.objectContaining({ id: ANNA_AAD })], tenantId: SAMPLE_TENANT })]);
    const toAnna = connector.received.find((r) => r.conversationId === connector.created[0]?.id);
    expect(texts(toAnna!)).toContain('Approve');

    const approve = (JSON.parse(texts(toMario!)) as { attachments: { content: { actions: { title: string; data: object; verb: string }[] } }[] })
      .attachments[0]!.content.actions.find((a) => a.title === 'Approve')!;
    const click = await postActivity(server.url, {
      ...inTenant(connector.url, '', { from: MARIO, conversation: MARIO_CHAT }),
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: 'reply-3',
      value: { action: { type: 'Action.Execute', verb: approve.verb, data: approve.data }, trigger: 'manual' },
    });
    expect(click.status).toBe(200);
    expect(JSON.stringify(await click.json())).toContain('Approved by Mario Rossi');

    // three copies updated in place (Mario's, Anna's, Marco's clicked card) and Marco told
    await connector.nthActivity(8);
    const updates = connector.received.filter((r) => r.method === 'PUT');
    expect(updates.map((u) => u.conversationId).sort()).toEqual([MARCO_CHAT.id, MARIO_CHAT.id, connector.created[0]!.id].sort());
    for (const u of updates) expect(texts(u)).toContain('Approved by Mario Rossi');
    const told = connector.received.filter((r) => r.method === 'POST' && r.conversationId === MARCO_CHAT.id && texts(r).includes('approved your request'));
    expect(told).toHaveLength(1);

    await postActivity(server.url, inTenant(connector.url, 'show usage overview', { from: MARCO, conversation: MARCO_CHAT }));
    expect(texts(await connector.nthActivity(9))).toContain('Usage summary · Finance');
  });
});
