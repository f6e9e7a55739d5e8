import type { Activity } from 'botbuilder';
import { createBot } from '../../src/bot/create-bot';
import { LocalConversation } from '../../src/bot/local-conversation';
import { AuditLog } from '../../src/audit/audit-log';
import { cardText } from '../../src/cards/card-text';
import type { OrgIndex } from '../../src/domain/org-index';
import { MemoryStorage } from '../../src/storage/memory-storage';
import { cardProblems } from '../cards/validate-card';
import { SAMPLE_TODAY, sampleOrg } from '../support/sample-org';
import { conversationAs, executeActions, readable, recordingNotifier } from '../support/sample-bot';

let org: OrgIndex;
beforeAll(async () => {
  org = await sampleOrg();
});

type InvokeBody = { statusCode: number; type: string; value: Record<string, unknown> };
const cardOf = (a: Partial<Activity> | undefined) => a?.attachments?.[0]?.content as Record<string, unknown>;
const month = new Date().toISOString().slice(0, 7);
const auditOf = (storage: MemoryStorage) => new AuditLog(storage).between(`${month}-01`, `${month}-31`);

/** Sends `text` and clicks the button titled `button` on the card that comes back. */
async function sendAndClick(chat: LocalConversation, text: string, button: string): Promise<{ before: string; after: string; data: Record<string, unknown> }> {
  const [reply] = await chat.send(text);
  const card = cardOf(reply);
  expect(cardProblems(card)).toEqual([]);
  const action = executeActions(card).find((a) => a.title === button);
  if (!action) throw new Error(`no "${button}" on: ${cardText(card)}`);
  const { response } = await chat.execute(action.verb, action.data);
  return { before: cardText(card), after: cardText((response as InvokeBody).value), data: action.data };
}

describe('direct grant and revoke by an admin (rule 11)', () => {
  it('asks for confirmation, applies on confirm, tells the member, audits once, and revokes the same way', async () => {
    const storage = new MemoryStorage();
    const { notifier, sent } = recordingNotifier();
    const mario = conversationAs(org, 'mario.rossi@contoso.com', 'it-IT', storage, notifier);
    const marco = conversationAs(org, 'marco.bruno@contoso.com', 'it-IT', storage, notifier);
    expect(readable(await marco.send('riepilogo'))).toContain('Attività del cliente');

    const [proposal] = await mario.send('assegna il ruolo attività del cliente a marco.bruno@contoso.com');
    const card = cardOf(proposal);
    expect(cardText(card)).toContain('Assegnare **Attività del cliente** a Marco Bruno nell\'area Finance?');
    // nothing changes before the confirmation
    expect(readable(await marco.send('riepilogo'))).not.toContain('Riepilogo');
    const confirm = executeActions(card).find((a) => a.title === 'Conferma')!;
    const done = cardText(((await mario.execute(confirm.verb, confirm.data)).response as InvokeBody).value);
    expect(done).toContain('Assegnato da Mario Rossi');
    expect(executeActions(cardOf(proposal))).toHaveLength(2); // the old card, not the answer, had the buttons
    expect(sent.map((s) => s.activity.text)).toContain(
      "Mario Rossi ti ha assegnato il ruolo Attività del cliente nell'area Finance. Vale dal tuo prossimo messaggio.",
    );
    expect(readable(await marco.send('riepilogo'))).toContain('Finance');
    expect(readable(await marco.send('riepilogo'))).not.toContain('ti serve il ruolo');

    // a replayed confirmation changes nothing more
    const replay = cardText(((await mario.execute(confirm.verb, confirm.data)).response as InvokeBody).value);
    expect(replay).toContain('Assegnato da Mario Rossi');
    expect((await auditOf(storage)).filter((e) => e.action === 'role.granted')).toHaveLength(1);

    const revoked = await sendAndClick(mario, 'revoca attività del cliente a marco.bruno@contoso.com', 'Conferma');
    expect(revoked.after).toContain('Revocato da Mario Rossi');
    expect(readable(await marco.send('riepilogo'))).toContain('Attività del cliente');
    const audit = await auditOf(storage);
    expect(audit.map((e) => [e.action, e.actorId, e.subjectId, e.role, e.workspaceId])).toEqual([
      ['role.granted', 'u-mario-rossi', 'u-marco-bruno', 'customer-activity', 'ws-finance'],
      ['role.revoked', 'u-mario-rossi', 'u-marco-bruno', 'customer-activity', 'ws-finance'],
    ]);
    expect(audit.every((e) => e.conversationId === 'local-u-mario-rossi')).toBe(true);
  });

  it('changes nothing on cancel, and only the proposing admin may confirm', async () => {
    const storage = new MemoryStorage();
    const mario = conversationAs(org, 'mario.rossi@contoso.com', 'en-US', storage);
    const anna = conversationAs(org, 'anna.bianchi@contoso.com', 'en-US', storage);
    const [proposal] = await mario.send('grant learning manager to marco.bruno@contoso.com');
    const [confirm, cancel] = executeActions(cardOf(proposal));
    const stolen = cardText(((await anna.execute(confirm!.verb, confirm!.data)).response as InvokeBody).value);
    expect(stolen).toContain('Only the admin who asked for this change can confirm it');
    const cancelled = cardText(((await mario.execute(cancel!.verb, cancel!.data)).response as InvokeBody).value);
    expect(cancelled).toContain('Cancelled: nothing was changed');
    const late = cardText(((await mario.execute(confirm!.verb, confirm!.data)).response as InvokeBody).value);
    expect(late).toContain('Cancelled');
    const forged = cardText(((await mario.execute(confirm!.verb, { ...confirm!.data, changeId: 'made-up' })).response as InvokeBody).value);
    expect(forged).toContain('no longer exists');
    expect(await auditOf(storage)).toEqual([]);
  });

  it.each([
    ['giulia.verdi@contoso.com', 'grant customer activity to marco.bruno@contoso.com in Finance', 'Only the admins of Finance'],
    ['luca.esposito@contoso.com', 'grant customer activity to stefano.moretti@contoso.com', 'not an active member'],
    ['mario.rossi@contoso.com', 'grant customer activity to sara.gallo@contoso.com', 'Sara Gallo is not a member of Finance'],
    ['mario.rossi@contoso.com', 'grant customer activity to davide.conti@contoso.com', 'Davide Conti is not a member of Finance'],
    ['mario.rossi@contoso.com', 'grant customer activity to giulia.verdi@contoso.com', 'Giulia Verdi already has the Customer Activity role in Finance'],
    ['mario.rossi@contoso.com', 'revoke learning manager from marco.bruno@contoso.com', 'does not have the Learning Manager role'],
    ['mario.rossi@contoso.com', 'grant customer activity to nobody@contoso.com', 'There is no user with the e-mail nobody@contoso.com'],
    ['mario.rossi@contoso.com', 'grant to marco.bruno@contoso.com', 'The role is missing'],
    ['mario.rossi@contoso.com', 'grant customer activity role', 'The user is missing'],
  ])('refuses %s "%s" with the reason', async (email, text, reason) => {
    const chat = conversationAs(org, email);
    const said = readable(await chat.send(text));
    if (email === 'luca.esposito@contoso.com') expect(said).toMatch(/not an active member|can only help|not a member/);
    else expect(said).toContain(reason);
    expect(said).not.toContain('Confirm');
  });

  it('lets the admin choose the workspace when the member is in several they administer', async () => {
    const storage = new MemoryStorage();
    const anna = conversationAs(org, 'anna.bianchi@contoso.com', 'en-US', storage);
    const [choice] = await anna.send('grant learning manager to giulia.verdi@contoso.com');
    const buttons = executeActions(cardOf(choice));
    expect(buttons.map((b) => b.title).sort()).toEqual(['Contoso Italia', 'Finance', 'Sales']);
    const finance = buttons.find((b) => b.title === 'Finance')!;
    const proposal = cardText(((await anna.execute(finance.verb, finance.data)).response as InvokeBody).value);
    expect(proposal).toContain('Grant **Learning Manager** to Giulia Verdi in Finance?');
  });
});

describe('invitations (rule 10)', () => {
  it.each([
    ['elena.marino@contoso.com', 'invite alessandro.deluca@outlook.it to HR', 'HR is a Premier workspace that accepts work or school accounts only'],
    ['simone.fontana@outlook.it', 'invite davide.conti@contoso.com to Partner', 'Partner is a Premier workspace that accepts personal (Microsoft) accounts only'],
    ['mario.rossi@contoso.com', 'invite someone@hotmail.com to Finance', 'Finance is a Unified workspace that is not configured to allow personal accounts'],
    ['francesca.romano@contoso.com', 'invite alessandro.deluca@outlook.it to Sales', 'Alessandro De Luca is already a member of Sales'],
    ['marco.bruno@contoso.com', 'invite davide.conti@contoso.com to Finance', 'Only the admins of Finance'],
  ])('refuses %s "%s" with the reason', async (email, text, reason) => {
    expect(readable(await conversationAs(org, email).send(text))).toContain(reason);
  });

  it('makes a listed user a member on their first message after the confirmed invitation', async () => {
    const storage = new MemoryStorage();
    const mario = conversationAs(org, 'mario.rossi@contoso.com', 'en-US', storage);
    const davide = conversationAs(org, 'davide.conti@contoso.com', 'en-US', storage);
    const invited = await sendAndClick(mario, 'invite davide.conti@contoso.com to Finance', 'Confirm');
    expect(invited.before).toContain('work or school account');
    expect(invited.after).toContain('Invited by Mario Rossi');
    const first = readable(await davide.send('which workspaces can I see?'));
    expect(first).toContain('Welcome! You are now a member of Finance, as invited.');
    expect(first).toContain('Finance');
    expect(readable(await davide.send('which workspaces can I see?'))).not.toContain('Welcome');
    // a member now, so Mario can grant him a role there
    expect(readable(await mario.send('grant customer activity to davide.conti@contoso.com'))).toContain('Grant **Customer Activity** to Davide Conti in Finance?');
    expect((await auditOf(storage)).map((e) => e.action)).toEqual(['member.invited', 'member.joined']);
    expect(readable(await mario.send('invite davide.conti@contoso.com to Finance'))).toContain('already a member');
  });

  it('lets someone new to the organization in, identified by the e-mail Teams gives', async () => {
    const storage = new MemoryStorage();
    const mario = conversationAs(org, 'mario.rossi@contoso.com', 'en-US', storage);
    await sendAndClick(mario, 'invite new.colleague@contoso.com to Finance', 'Confirm');
    expect(readable(await mario.send('invite new.colleague@contoso.com to Finance'))).toContain('already invited');
    const bot = createBot(
      { org: () => org, storage, today: () => SAMPLE_TODAY, logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } },
      () => Promise.resolve('New.Colleague@contoso.com'),
    );
    const newcomer = new LocalConversation(bot, { user: { id: 'new', email: 'new.colleague@contoso.com', displayName: 'New Colleague' }, locale: 'en-US' });
    const first = readable(await newcomer.send('which workspaces can I see?'));
    expect(first).toContain('You are now a member of Finance');
    // a member without a role: refused with the role named, never the data
    expect(readable(await newcomer.send('show usage overview'))).toContain('You need the Customer Activity role');
  });
});

describe('audit log card', () => {
  it('shows admins the changes of their workspaces, and nobody else', async () => {
    const storage = new MemoryStorage();
    const mario = conversationAs(org, 'mario.rossi@contoso.com', 'it-IT', storage);
    await sendAndClick(mario, 'assegna il ruolo responsabile dell\'apprendimento a marco.bruno@contoso.com', 'Conferma');
    const francesca = conversationAs(org, 'francesca.romano@contoso.com', 'en-US', storage);
    await sendAndClick(francesca, 'grant customer activity to stefano.moretti@contoso.com', 'Confirm').catch(() => undefined);

    const seen = readable(await mario.send('chi ha concesso ruoli questo mese?'));
    expect(seen).toContain('Modifiche a ruoli e membri');
    expect(seen).toContain('Mario Rossi ha assegnato Responsabile dell\'apprendimento a Marco Bruno');
    expect(seen).not.toContain('Stefano');
    const anna = readable(await conversationAs(org, 'anna.bianchi@contoso.com', 'en-US', storage).send('who granted roles this month?'));
    expect(anna).toContain('Mario Rossi granted Learning Manager to Marco Bruno');
    expect(readable(await conversationAs(org, 'marco.bruno@contoso.com', 'it-IT', storage).send('registro'))).toContain(
      'Solo gli amministratori possono vedere',
    );
  });
});

describe('activities from another tenant', () => {
  const otherTenant = { channelData: { tenant: { id: '11111111-2222-4333-8444-555555555555' } } };

  it('get no answer with data, and a card action from there changes nothing', async () => {
    const storage = new MemoryStorage();
    const mario = conversationAs(org, 'mario.rossi@contoso.com', 'en-US', storage);
    expect(readable(await mario.send('show usage overview', otherTenant))).toContain('I can only help people of Contoso Italia');
    const [proposal] = await mario.send('grant customer activity to marco.bruno@contoso.com');
    const confirm = executeActions(cardOf(proposal)).find((a) => a.title === 'Confirm')!;
    const replies = await mario.turn({
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: confirm.verb, data: confirm.data }, trigger: 'manual' },
      ...otherTenant,
    });
    const body = (replies.find((a) => a.type === 'invokeResponse')?.value as { body: InvokeBody }).body;
    expect(cardText(body.value)).toContain('This card comes from another organization: I did nothing.');
    expect(await auditOf(storage)).toEqual([]);
    expect(readable(await conversationAs(org, 'marco.bruno@contoso.com', 'en-US', storage).send('show usage overview'))).toContain(
      'You need the Customer Activity role',
    );
  });
});
