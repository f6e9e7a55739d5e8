import type { Activity } from 'botbuilder';
import { cardText } from '../../src/cards/card-text';
import type { OrgIndex } from '../../src/domain/org-index';
import { MemoryStorage } from '../../src/storage/memory-storage';
import { cardProblems } from '../cards/validate-card';
import { createBot } from '../../src/bot/create-bot';
import { LocalConversation } from '../../src/bot/local-conversation';
import { SAMPLE_TODAY, sampleOrg } from '../support/sample-org';
import { conversationAs, executeActions, readable, recordingNotifier } from '../support/sample-bot';

let org: OrgIndex;
beforeAll(async () => {
  org = await sampleOrg();
});

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

type InvokeBody = { statusCode: number; type: string; value: Record<string, unknown> };
const cardOf = (a: Partial<Activity> | undefined) => a?.attachments?.[0]?.content as Record<string, unknown>;

describe('role request approved in chat (rule 11)', () => {
  it('reaches the admins, lets the first decide, updates every copy, tells the requester, and applies next turn', async () => {
    const storage = new MemoryStorage();
    const { notifier, sent, updates } = recordingNotifier();
    const mario = conversationAs(org, 'mario.rossi@contoso.com', 'en-US', storage, notifier);
    const anna = conversationAs(org, 'anna.bianchi@contoso.com', 'en-US', storage, notifier);
    const marco = conversationAs(org, 'marco.bruno@contoso.com', 'en-US', storage, notifier);
    await mario.send('help'); // the admins have talked to the bot: they can be reached
    await anna.send('help');

    const [refusal] = await marco.send('show usage overview');
    const request = executeActions(cardOf(refusal)).find((a) => a.verb === 'request-role');
    const pending = cardText(((await marco.execute(request!.verb, request!.data)).response as InvokeBody).value);
    expect(pending).toContain('Waiting for an admin of Finance');
    expect(pending).toMatch(/sent to (Anna Bianchi, Mario Rossi|Mario Rossi, Anna Bianchi)/);
    expect(sent).toHaveLength(2);
    for (const copy of sent) expect(cardProblems(cardOf(copy.activity))).toEqual([]);

    // asking again points to the open request
    const again = cardText(((await marco.execute(request!.verb, request!.data)).response as InvokeBody).value);
    expect(again).toContain('still waiting');
    expect(sent).toHaveLength(2);

    // the requester cannot approve their own request, even with a forged click
    const approve = executeActions(cardOf(sent[0]?.activity)).find((a) => a.title === 'Approve');
    const selfApproval = await marco.execute(approve!.verb, approve!.data);
    expect(JSON.stringify(selfApproval.response)).toContain('cannot decide on your own request');

    const decided = (await mario.execute(approve!.verb, { ...approve!.data, comment: 'ok for Q4' })).response as InvokeBody;
    expect(cardText(decided.value)).toContain('Approved by Mario Rossi');
    expect(executeActions(decided.value).map((a) => a.title)).not.toContain('Approve');
    // both admins' copies and the requester's pending card (the refusal card they clicked) show the outcome
    expect(updates.map((u) => u.activityId).sort()).toEqual(['clicked-card', 'proactive-1', 'proactive-2']);
    for (const u of updates) expect(cardText(cardOf(u.activity))).toContain('Approved by Mario Rossi');
    expect(sent[2]?.activity.text).toContain('Mario Rossi approved your request for the Customer Activity role in Finance');

    const late = (await anna.execute(approve!.verb, { ...approve!.data, decision: 'reject' })).response as InvokeBody;
    expect(cardText(late.value)).toContain('Approved by Mario Rossi');

    expect(readable(await marco.send('show usage overview'))).toContain('Usage summary · Finance');
  });

  it('turns away a decision by someone who is not an admin of the workspace', async () => {
    const storage = new MemoryStorage();
    const { notifier, sent } = recordingNotifier();
    const mario = conversationAs(org, 'mario.rossi@contoso.com', 'en-US', storage, notifier);
    await mario.send('help');
    const marco = conversationAs(org, 'marco.bruno@contoso.com', 'en-US', storage, notifier);
    await marco.execute('request-role', { role: 'customer-activity', workspaceId: 'ws-finance' });
    const approve = executeActions(cardOf(sent[0]?.activity)).find((a) => a.title === 'Approve');
    const giulia = conversationAs(org, 'giulia.verdi@contoso.com', 'en-US', storage, notifier);
    expect(JSON.stringify((await giulia.execute(approve!.verb, approve!.data)).response)).toContain('Only an admin of this workspace');
    expect(JSON.stringify((await giulia.execute('decide-role', { requestId: 'forged', decision: 'approve' })).response)).toContain(
      'no longer exists',
    );
  });
});

describe('reaching admins who never wrote to the bot', () => {
  it('opens a personal chat with each through the connector and remembers it', async () => {
    const storage = new MemoryStorage();
    const { notifier, sent, opened } = recordingNotifier();
    const marco = conversationAs(org, 'marco.bruno@contoso.com', 'en-US', storage, notifier);
    const pending = cardText(((await marco.execute('request-role', { role: 'customer-activity', workspaceId: 'ws-finance' })).response as InvokeBody).value);
    const mario = org.userByEmail('mario.rossi@contoso.com')!;
    const anna = org.userByEmail('anna.bianchi@contoso.com')!;
    expect(opened.sort()).toEqual([mario.aadObjectId, anna.aadObjectId].sort());
    expect(pending).toMatch(/sent to (Mario Rossi, Anna Bianchi|Anna Bianchi, Mario Rossi)/);
    expect(sent.every((s) => executeActions(cardOf(s.activity)).some((a) => a.title === 'Approve'))).toBe(true);
    // the next request reuses the opened chats
    await marco.execute('request-role', { role: 'learning-manager', workspaceId: 'ws-finance' });
    expect(opened).toHaveLength(2);
    expect(sent.slice(2).map((s) => s.conversationId).sort()).toEqual([`opened:${mario.aadObjectId}`, `opened:${anna.aadObjectId}`].sort());
  });
});

describe("a workspace's admin channel", () => {
  const inChannel = (email: string, storage: MemoryStorage, notifier: ReturnType<typeof recordingNotifier>['notifier']) => {
    const user = org.userByEmail(email)!;
    const bot = createBot({ org: () => org, storage, today: () => SAMPLE_TODAY, logger: silent, notifier }, () => Promise.resolve(email));
    return new LocalConversation(bot, { user, locale: 'en-US', conversationType: 'channel', conversationId: '19:finance-admins@thread.tacv2' });
  };

  it('is chosen by an admin there, gets a status card with buttons only in the approvers’ own views, and is updated on decision', async () => {
    const storage = new MemoryStorage();
    const { notifier, sent, updates } = recordingNotifier();
    const marioHere = inChannel('mario.rossi@contoso.com', storage, notifier);
    const giuliaHere = inChannel('giulia.verdi@contoso.com', storage, notifier);
    expect(executeActions(cardOf((await giuliaHere.send('help'))[0])).filter((a) => a.verb === 'admin-channel')).toEqual([]);
    const choose = executeActions(cardOf((await marioHere.send('help'))[0])).filter((a) => a.verb === 'admin-channel');
    expect(choose.map((a) => a.title)).toEqual(["Send Finance's role requests here"]);
    const forged = cardText(((await giuliaHere.execute(choose[0]!.verb, choose[0]!.data)).response as InvokeBody).value);
    expect(forged).toContain('Only the admins of Finance');
    expect(cardText(((await marioHere.execute(choose[0]!.verb, choose[0]!.data)).response as InvokeBody).value)).toContain(
      'From now on, requests for roles in Finance are also posted in this channel',
    );

    await conversationAs(org, 'mario.rossi@contoso.com', 'en-US', storage, notifier).send('help');
    await conversationAs(org, 'anna.bianchi@contoso.com', 'en-US', storage, notifier).send('help');
    const marco = conversationAs(org, 'marco.bruno@contoso.com', 'en-US', storage, notifier);
    await marco.execute('request-role', { role: 'customer-activity', workspaceId: 'ws-finance' });
    const toChannel = sent.find((s) => s.conversationId === '19:finance-admins@thread.tacv2');
    const channelCard = cardOf(toChannel?.activity);
    expect(cardProblems(channelCard)).toEqual([]);
    expect(cardText(channelCard)).toContain('Only the admins of Finance can decide.');
    expect(executeActions(channelCard).filter((a) => a.title === 'Approve')).toEqual([]);
    const refresh = channelCard.refresh as { action: { verb: string; data: Record<string, unknown> }; userIds: string[] };
    expect(refresh.userIds.sort()).toEqual(['29:local-u-anna-bianchi', '29:local-u-mario-rossi']);

    // each reader's own view: buttons for an approver, status for anyone else
    const marioView = ((await marioHere.execute(refresh.action.verb, refresh.action.data)).response as InvokeBody).value;
    expect(executeActions(marioView).map((a) => a.title)).toEqual(['Approve', 'Reject']);
    const giuliaView = ((await giuliaHere.execute(refresh.action.verb, refresh.action.data)).response as InvokeBody).value;
    expect(executeActions(giuliaView).filter((a) => a.title === 'Approve')).toEqual([]);

    const approve = executeActions(marioView).find((a) => a.title === 'Approve')!;
    await marioHere.execute(approve.verb, approve.data, toChannel?.activityId);
    const channelUpdate = updates.find((u) => u.conversationId === '19:finance-admins@thread.tacv2');
    expect(cardText(cardOf(channelUpdate?.activity))).toContain('Approved by Mario Rossi');
    expect(cardOf(channelUpdate?.activity).refresh).toBeUndefined();
  });
});

describe('a request some admins could not be reached for', () => {
  it('reaches them when the member asks again, without sending the others a second card', async () => {
    const storage = new MemoryStorage();
    const recording = recordingNotifier();
    let marioDown = true;
    const notifier = {
      ...recording.notifier,
      send: (reference: Parameters<typeof recording.notifier.send>[0], activity: Partial<Activity>) =>
        marioDown && reference.conversation?.id === 'local-u-mario-rossi' ? Promise.reject(new Error('503')) : recording.notifier.send(reference, activity),
    };
    await conversationAs(org, 'mario.rossi@contoso.com', 'en-US', storage, notifier).send('help');
    await conversationAs(org, 'anna.bianchi@contoso.com', 'en-US', storage, notifier).send('help');
    const marco = conversationAs(org, 'marco.bruno@contoso.com', 'en-US', storage, notifier);
    const first = cardText(((await marco.execute('request-role', { role: 'customer-activity', workspaceId: 'ws-finance' })).response as InvokeBody).value);
    expect(first).toContain('sent to Anna Bianchi');
    expect(recording.sent.map((s) => s.conversationId)).toEqual(['local-u-anna-bianchi']);

    marioDown = false;
    const again = cardText(((await marco.execute('request-role', { role: 'customer-activity', workspaceId: 'ws-finance' })).response as InvokeBody).value);
    expect(again).toContain('still waiting');
    expect(recording.sent.map((s) => s.conversationId)).toEqual(['local-u-anna-bianchi', 'local-u-mario-rossi']);
    const approve = executeActions(cardOf(recording.sent[1]?.activity)).find((a) => a.title === 'Approve')!;
    await conversationAs(org, 'mario.rossi@contoso.com', 'en-US', storage, notifier).execute(approve.verb, approve.data);
    // both admins' copies and the card Marco clicked are brought to the final state
    expect(recording.updates.map((u) => u.conversationId).sort()).toEqual(['local-u-anna-bianchi', 'local-u-marco-bruno', 'local-u-mario-rossi']);
  });
});
