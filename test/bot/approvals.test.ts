import type { Activity } from 'botbuilder';
import { cardText } from '../../src/cards/card-text';
import type { OrgIndex } from '../../src/domain/org-index';
import { MemoryStorage } from '../../src/storage/memory-storage';
import { cardProblems } from '../cards/validate-card';
import { sampleOrg } from '../support/sample-org';
import { conversationAs, executeActions, readable, recordingNotifier } from '../support/sample-bot';

let org: OrgIndex;
beforeAll(async () => {
  org = await sampleOrg();
});

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
