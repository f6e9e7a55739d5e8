import { OrgChangeLog } from '../../src/approvals/org-changes';
import { AuditLog } from '../../src/audit/audit-log';
import { RoleRequests } from '../../src/approvals/role-requests';
import { cardText } from '../../src/cards/card-text';
import { MemoryStorage } from '../../src/storage/memory-storage';
import { cardProblems } from '../cards/validate-card';
import type { OrgIndex } from '../../src/domain/org-index';
import { sampleOrg } from '../support/sample-org';
import { conversationAs, executeActions, readable } from '../support/sample-bot';

let org: OrgIndex;
beforeAll(async () => {
  org = await sampleOrg();
});

type InvokeBody = { statusCode: number; type: string; value: Record<string, unknown> };

describe('Action.Execute (Universal Actions)', () => {
  it('drills down from a summary line to its entitlements, then to a history that pages in place', async () => {
    const chat = conversationAs(org, 'mario.rossi@contoso.com');
    const [summary] = await chat.send('show usage overview');
    const summaryCard = summary?.attachments?.[0]?.content as Record<string, unknown>;
    const line = executeActions(summaryCard).find((a) => a.title === 'Integrated proactive (credits)');
    expect(line).toMatchObject({ verb: 'entitlements', data: { group: 'integrated-proactive', workspace: 'ws-finance' } });

    const list = (await chat.execute(line!.verb, line!.data)).response as InvokeBody;
    expect(list).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    // the entitlement with the longest history, so that there is a next page
    const entitlement = executeActions(list.value)
      .filter((a) => a.verb === 'history')
      .sort((a, b) => org.ledgerOf(String(b.data.entitlementId)).records.length - org.ledgerOf(String(a.data.entitlementId)).records.length)[0];
    expect(org.ledgerOf(String(entitlement?.data.entitlementId)).records.length).toBeGreaterThan(10);

    const first = (await chat.execute(entitlement!.verb, entitlement!.data)).response as InvokeBody;
    expect(cardText(first.value)).toContain('Page 1 of');
    const next = executeActions(first.value).find((a) => a.title === 'Next page');
    expect(next).toBeDefined();
    const second = await chat.execute(next!.verb, next!.data);
    expect(second.replies).toEqual([]); // the card is replaced, no new message
    expect(cardText((second.response as InvokeBody).value)).toContain('Page 2 of');
    expect(executeActions((second.response as InvokeBody).value).map((a) => a.title)).toContain('Previous page');
  });

  it('re-checks a tampered action: an entitlement of another workspace is "not found", never shown', async () => {
    const chat = conversationAs(org, 'mario.rossi@contoso.com');
    const foreign = org.dataset.entitlements.find((e) => org.packages.get(e.packageId)?.contractId === 'c-4200-26');
    const { response } = await chat.execute('history', { entitlementId: foreign?.id, workspace: 'ws-hr' });
    const text = cardText((response as InvokeBody).value);
    expect(text).toContain("can't find a workspace");
    expect(text).not.toContain(foreign?.name ?? '?');
  });

  it('answers an unknown verb or a malformed page with a clear card', async () => {
    const chat = conversationAs(org, 'mario.rossi@contoso.com', 'it-IT');
    const stale = (await chat.execute('launch-missiles', {})).response as InvokeBody;
    expect(cardText(stale.value)).toContain('non è aggiornata');
    const entitlement = org.dataset.entitlements.find((e) => org.packages.get(e.packageId)?.contractId === 'c-4100-22' && e.kind === 'consumption');
    const bad = (await chat.execute('history', { entitlementId: entitlement?.id, page: '-3', locale: 'it' })).response as InvokeBody;
    expect(cardText(bad.value)).toContain('non posso accettare');
    const tooLong = (await chat.execute('history', { entitlementId: 'x'.repeat(5000) })).response as InvokeBody;
    expect(cardText(tooLong.value)).toContain('non posso accettare');
    const missing = (await chat.execute('decide-role', { decision: 'approve' })).response as InvokeBody;
    expect(cardText(missing.value)).toContain('non posso accettare');
  });

  it('gives someone with no workspace a refusal card, never the data', async () => {
    const chat = conversationAs(org, 'davide.conti@contoso.com');
    const { response } = await chat.execute('history', { entitlementId: 'ent-01' });
    const text = cardText((response as InvokeBody).value);
    expect(text).toContain('not an active member of any workspace');
    expect(text).not.toContain(org.entitlements.get('ent-01')?.name ?? '?');
  });
});

describe('not understood', () => {
  it('offers questions the bot does answer', async () => {
    const chat = conversationAs(org, 'mario.rossi@contoso.com');
    const text = readable(await chat.send('what is the weather in Rome?'));
    expect(text).toContain('did not understand');
    expect(text).toContain('[Summary] [What expires] [Credits left]');
  });
});

describe('cards opened later', () => {
  it('carry a refresh for the asker that answers with current numbers', async () => {
    const chat = conversationAs(org, 'mario.rossi@contoso.com');
    const [reply] = await chat.send('show usage overview');
    const card = reply?.attachments?.[0]?.content as { refresh?: { userIds: string[]; action: { verb: string; data: Record<string, unknown> } } };
    expect(card.refresh?.userIds).toEqual([reply?.recipient?.id]);
    const refreshed = (await chat.execute(card.refresh!.action.verb, card.refresh!.action.data)).response as InvokeBody;
    expect(cardText(refreshed.value)).toContain('Usage summary · Finance');
  });
});

describe('history card', () => {
  it('marks restricted rows instead of hiding them, and stays a valid card', async () => {
    const chat = conversationAs(org, 'giulia.verdi@contoso.com');
    const record = org.dataset.consumption.find((r) => r.id === 'cr-036');
    const { response } = await chat.execute('history', { entitlementId: record?.entitlementId, workspace: 'ws-finance', 'page-size': '50' });
    const card = (response as InvokeBody).value;
    expect(cardProblems(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toContain('🔒 Restricted');
    if (record?.description) expect(text).not.toContain(record.description);
  });
});

describe('refusal', () => {
  it('names the missing role and workspace, and its button names who can grant it', async () => {
    const chat = conversationAs(org, 'marco.bruno@contoso.com');
    const [reply] = await chat.send('show usage overview');
    const card = reply?.attachments?.[0]?.content as Record<string, unknown>;
    expect(cardProblems(card)).toEqual([]);
    expect(cardText(card)).toContain('You need the Customer Activity role');
    const button = executeActions(card).find((a) => a.title === 'Request this role');
    expect(button).toMatchObject({ verb: 'request-role', data: { role: 'customer-activity', workspaceId: 'ws-finance' } });
    const answer = cardText(((await chat.execute(button!.verb, button!.data)).response as InvokeBody).value);
    expect(answer).toContain('Waiting for an admin of Finance');
    // no admin has talked to the bot yet: the requester is told whom to write to
    expect(answer).toMatch(/could not notify them: write to (Anna Bianchi, Mario Rossi|Mario Rossi, Anna Bianchi)/);
  });

  it('re-checks a tampered request: no admin role, no hidden workspace', async () => {
    const chat = conversationAs(org, 'marco.bruno@contoso.com');
    const admin = cardText(((await chat.execute('request-role', { role: 'customer-admin', workspaceId: 'ws-finance' })).response as InvokeBody).value);
    expect(admin).toContain('Bad value for role');
    const hidden = cardText(((await chat.execute('request-role', { role: 'customer-activity', workspaceId: 'ws-hr' })).response as InvokeBody).value);
    expect(hidden).toContain("can't find a workspace");
    expect(hidden).not.toContain('Elena');
  });
});

describe('long lists', () => {
  it('are shown a page at a time, saying which lines of how many, and page in place', async () => {
    const chat = conversationAs(org, 'anna.bianchi@contoso.com');
    await chat.send('use all workspaces');
    const [reply] = await chat.send('support requests');
    const card = reply?.attachments?.[0]?.content as Record<string, unknown>;
    expect(cardText(card)).toContain('1–12 of 19');
    const next = executeActions(card).find((a) => a.title === 'Next page');
    expect(next).toMatchObject({ verb: 'cases', data: { workspace: 'all', page: '2' } });
    const second = (await chat.execute(next!.verb, next!.data)).response as InvokeBody;
    expect(cardText(second.value)).toContain('13–19 of 19');
    const actions = executeActions(second.value);
    expect(actions.map((a) => a.title)).toEqual(['Refresh', 'Previous page']);
    // opened later, the card refreshes the page it shows
    expect(actions[0]).toMatchObject({ verb: 'cases', data: { workspace: 'all', page: '2' } });
  });
});

describe('workspaces and filters', () => {
  it('switches scope from the workspace list, and the next question uses it', async () => {
    const chat = conversationAs(org, 'giulia.verdi@contoso.com');
    const [list] = await chat.send('which workspaces can I see?');
    const finance = executeActions(list?.attachments?.[0]?.content as Record<string, unknown>).find((a) => a.data.workspace === 'ws-finance');
    const switched = (await chat.execute(finance!.verb, finance!.data)).response as InvokeBody;
    expect(cardText(switched.value)).toMatch(/Finance · current/);
    expect(readable(await chat.send('show usage overview'))).toContain('Usage summary · Finance');
  });

  it('filters packages in place with the values the drop-downs send, re-checked', async () => {
    const chat = conversationAs(org, 'anna.bianchi@contoso.com');
    const [reply] = await chat.send('packages');
    const apply = executeActions(reply?.attachments?.[0]?.content as Record<string, unknown>).find((a) => a.title === 'Apply');
    const filtered = (await chat.execute(apply!.verb, { ...apply!.data, contract: 'c-4100-22', status: 'inactive' })).response as InvokeBody;
    expect(cardText(filtered.value)).toContain('Packages of contract 4100-22');
    expect(cardText(filtered.value)).toContain('inactive');
    expect(cardText(filtered.value)).not.toContain('· active ·');
    const tampered = (await chat.execute(apply!.verb, { ...apply!.data, status: 'everything' })).response as InvokeBody;
    expect(cardText(tampered.value)).toContain('Bad value for --status');
  });
});

describe('not found', () => {
  it('suggests close names the user may see, as buttons that ask again', async () => {
    const chat = conversationAs(org, 'giulia.verdi@contoso.com');
    const [reply] = await chat.send('usage summary in Fin');
    const card = reply?.attachments?.[0]?.content as Record<string, unknown>;
    expect(cardProblems(card)).toEqual([]);
    const button = executeActions(card).find((a) => a.title === 'Finance');
    expect(button).toMatchObject({ verb: 'ask', data: { intent: 'activity.summary', entities: { workspace: 'Finance' } } });
    const answer = (await chat.execute(button!.verb, button!.data)).response as InvokeBody;
    expect(cardText(answer.value)).toContain('Usage summary · Finance');
    // a forged "ask" may only ask questions: no role changes through it
    const forged = await chat.execute('ask', { intent: 'role.grant', entities: { role: 'customer-activity', user: 'marco.bruno@contoso.com' } });
    expect(JSON.stringify(forged.response)).toContain('out of date');
  });
});

describe('roles granted in chat', () => {
  it('apply from the next turn, read from storage', async () => {
    const storage = new MemoryStorage();
    const chat = conversationAs(org, 'marco.bruno@contoso.com', 'en-US', storage);
    expect(readable(await chat.send('show usage overview'))).toContain('You need the Customer Activity role');

    const changes = new OrgChangeLog(storage);
    const requests = new RoleRequests(storage, changes, new AuditLog(storage));
    const marco = org.userByEmail('marco.bruno@contoso.com')!;
    const { request } = await requests.open(marco, 'customer-activity', 'ws-finance');
    await requests.decide(org, org.userByEmail('mario.rossi@contoso.com')!, request.id, true);
    expect(readable(await chat.send('show usage overview'))).toContain('Usage summary · Finance');
  });
});

describe('asking for a role one has', () => {
  it('says so instead of naming approvers', async () => {
    const chat = conversationAs(org, 'giulia.verdi@contoso.com', 'it-IT');
    expect(readable(await chat.send('vorrei il ruolo attività del cliente'))).toContain('Hai già il ruolo Attività del cliente in Contoso Italia');
  });
});
