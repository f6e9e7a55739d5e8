import type { IncomingMessage } from 'node:http';
import { text } from 'node:stream/consumers';
import type { Activity } from 'botbuilder';
import { ConnectorClient, MicrosoftAppCredentials } from 'botframework-connector';
import * as Mappers from 'botframework-connector/lib/connectorApi/models/mappers';
import { deepFreeze } from '../../src/bot/frozen';
import { serveOnLoopback, type LoopbackServer } from '../../src/cli/loopback-server';
import { localConnectorFactory } from './helpers/local-connector-factory';

// Our connector clients make an activity's JSON themselves, with a kept card's text made once: the
// connector must get what botbuilder's own client sends, and a reply that changed, as it is now.
// botbuilder's client copies the activity through botframework-connector's models; what that copy
// may change (renamed fields, defaults, constraints, bytes as base64) must stay absent from them.

interface Posted {
  contentType: string | undefined;
  body: string;
}

/** A card as a kept answer holds it: its parts frozen and shared, its top made for this asker. */
const keptCard = deepFreeze({
  type: 'AdaptiveCard',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: 'Proactive credits — 1.240 left', wrap: true },
    { type: 'Container', items: [{ type: 'TextBlock', text: 'Workshop “Azure” ⚠', isSubtle: true }], selectAction: { type: 'Action.Execute', verb: 'history', data: { packageId: 'P-1' } } },
  ],
});

const reply = (userId: string): Partial<Activity> => ({
  type: 'message',
  text: undefined,
  timestamp: new Date('2026-11-26T10:00:00.000Z'),
  from: { id: '28:bot', name: 'Activity Bot' },
  recipient: { id: userId, name: 'Mario', aadObjectId: 'aad-1' },
  conversation: { id: 'a:chat', isGroup: false, conversationType: 'personal', name: '' },
  replyToId: '1732000000000001',
  channelData: { tenant: { id: 'tenant-1' } },
  attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { ...keptCard, refresh: { userIds: [userId] } } }],
  entities: [{ type: 'mention', text: '<at>Mario</at>', mentioned: { id: userId, name: 'Mario' } }],
});

describe('the JSON of replies sent through our connector clients', () => {
  let connector: LoopbackServer;
  const posted: Posted[] = [];

  beforeAll(async () => {
    connector = await serveOnLoopback(async (req: IncomingMessage, res) => {
      posted.push({ contentType: req.headers['content-type'], body: await text(req) });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `reply-${posted.length}` }));
    });
  });
  afterAll(() => new Promise<void>((resolve) => connector.server.close(() => resolve())));
  beforeEach(() => posted.splice(0));

  const ours = () => localConnectorFactory({ timeoutMs: 5000, retries: 0, deadlineMs: 10_000 }).create(connector.url);
  const botbuilders = () => new ConnectorClient(new MicrosoftAppCredentials('', ''), { baseUri: connector.url });

  it('is what botbuilder’s own client sends, the first time and every time after', async () => {
    const client = await ours();
    const resource = await client.conversations.replyToActivity('a:chat', '1732000000000001', reply('29:mario'));
    await client.conversations.replyToActivity('a:chat', '1732000000000001', reply('29:mario'));
    await botbuilders().conversations.replyToActivity('a:chat', '1732000000000001', reply('29:mario'));

    expect(resource.id).toBe('reply-1');
    const [first, again, theirs] = posted;
    expect(first?.contentType).toBe(theirs?.contentType);
    expect(first?.contentType).toMatch(/^application\/json/);
    expect(JSON.parse(first?.body ?? '')).toEqual(JSON.parse(theirs?.body ?? ''));
    expect(again?.body).toBe(first?.body);
    expect(JSON.parse(first?.body ?? '')).toMatchObject({ timestamp: '2026-11-26T10:00:00.000Z', attachments: [{ content: { body: keptCard.body } }] });
  });

  it('carries what changed since the last send: another asker, a card that is not kept', async () => {
    const client = await ours();
    await client.conversations.replyToActivity('a:chat', '1', reply('29:mario'));
    await client.conversations.replyToActivity('a:chat', '1', reply('29:giulia'));
    const fresh = { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'before' }] };
    const message = { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: fresh }] } as Activity;
    await client.conversations.sendToConversation('a:chat', message);
    fresh.body[0] = { type: 'TextBlock', text: 'after' };
    await client.conversations.updateActivity('a:chat', 'reply-3', message);

    const sent = posted.map((p) => JSON.parse(p.body) as { attachments: { content: { refresh?: { userIds: string[] }; body: { text: string }[] } }[] });
    expect(sent.map((a) => a.attachments[0]?.content.refresh?.userIds)).toEqual([['29:mario'], ['29:giulia'], undefined, undefined]);
    expect(sent.map((a) => a.attachments[0]?.content.body[0]?.text)).toEqual([keptCard.body[0]?.text, keptCard.body[0]?.text, 'before', 'after']);
  });

  it('sends a field outside botframework-connector’s models as it is (botbuilder’s client drops it; the C# SDK sends it)', async () => {
    const client = await ours();
    const activity = { ...reply('29:mario'), entities: [{ type: 'clientInfo', locale: 'it-IT' }] } as Activity;
    await client.conversations.sendToConversation('a:chat', activity);
    expect((JSON.parse(posted[0]?.body ?? '') as Activity).entities).toEqual([{ type: 'clientInfo', locale: 'it-IT' }]);
  });
});

describe('botframework-connector’s Activity model', () => {
  type Mapper = { serializedName?: string; defaultValue?: unknown; constraints?: unknown; readOnly?: boolean; type: { name: string; className?: string; element?: Mapper; value?: Mapper; modelProperties?: Record<string, Mapper> } };
  const models = Mappers as unknown as Record<string, Mapper>;

  /** Everything the serializer would do to an activity besides copying it under the same names. */
  function changes(mapper: Mapper, at: string, seen = new Set<string>()): string[] {
    const { type } = mapper;
    const found: string[] = [];
    if (mapper.defaultValue !== undefined || mapper.constraints || mapper.readOnly) found.push(`${at}: default, constraint or read-only`);
    if (!['String', 'Number', 'Boolean', 'Object', 'Composite', 'Sequence', 'Dictionary', 'DateTime', 'Enum'].includes(type.name)) found.push(`${at}: ${type.name}`);
    if (type.element) found.push(...changes(type.element, `${at}[]`, seen));
    if (type.value) found.push(...changes(type.value, `${at}{}`, seen));
    if (type.name === 'Composite' && type.className && !seen.has(type.className)) {
      seen.add(type.className);
      for (const [name, property] of Object.entries(type.modelProperties ?? models[type.className]?.type.modelProperties ?? {})) {
        if (property.serializedName !== name) found.push(`${at}.${name} is sent as ${String(property.serializedName)}`);
        found.push(...changes(property, `${at}.${name}`, seen));
      }
    }
    return found;
  }

  it('renames nothing and has no defaults, constraints or byte fields: its JSON is the activity’s own', () => {
    expect(models.Activity?.type.modelProperties).toBeDefined();
    expect(changes(models.Activity as Mapper, 'activity')).toEqual([]);
  });
});
