import type { Activity } from 'botbuilder';
import { createBot } from '../../src/bot/create-bot';
import { LocalConversation } from '../../src/bot/local-conversation';
import { cardText } from '../../src/cards/card-text';
import type { OrgIndex } from '../../src/domain/org-index';
import { MemoryStorage } from '../../src/storage/memory-storage';
import { SAMPLE_TODAY, sampleOrg } from '../support/sample-org';

let org: OrgIndex;
beforeAll(async () => {
  org = await sampleOrg();
});

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** A conversation as `email` would have it in Teams; `lookup` plays TeamsInfo.getMember. */
function talk(
  email: string,
  options: { locale?: string; kind?: 'personal' | 'groupChat' | 'channel'; lookup?: jest.Mock; sendAad?: boolean } = {},
) {
  const known = org.userByEmail(email);
  const lookup = options.lookup ?? jest.fn(() => Promise.resolve(email));
  const bot = createBot({ org: () => org, storage: new MemoryStorage(), today: () => SAMPLE_TODAY, logger: silent }, lookup);
  const user = known ?? { id: 'stranger', email, displayName: 'Stranger Danger' };
  const conversation = new LocalConversation(bot, {
    user: options.sendAad === false ? { ...user, aadObjectId: undefined } : user,
    locale: options.locale ?? 'en-US',
    conversationType: options.kind,
  });
  return { conversation, lookup };
}

const text = (replies: Partial<Activity>[]): string =>
  replies
    .map((r) => [r.text ?? '', ...(r.attachments ?? []).map((a) => cardText(a.content as Record<string, unknown>))].join('\n'))
    .join('\n---\n');

const cardOf = (reply: Partial<Activity> | undefined) => reply?.attachments?.[0];

describe('help and welcome', () => {
  it('answers help with a card in the user language', async () => {
    const { conversation } = talk('mario.rossi@contoso.com', { locale: 'it-IT' });
    const replies = await conversation.send('aiuto');
    expect(replies).toHaveLength(1);
    expect(cardOf(replies[0])?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(text(replies)).toContain('Cosa puoi chiedermi');
    expect(text(await conversation.send('help'))).toContain('What you can ask');
  });

  it('greets with the welcome card when the bot is installed, in the client language', async () => {
    const { conversation } = talk('mario.rossi@contoso.com', { locale: 'it-IT' });
    const replies = await conversation.turn({
      type: 'conversationUpdate',
      membersAdded: [{ id: '28:activity-bot', name: 'Activity Bot' }],
    });
    expect(text(replies).trim()).toMatch(/^Ciao! Sono il tuo assistente/);
  });

  it('stays quiet when someone else joins the conversation', async () => {
    const { conversation } = talk('mario.rossi@contoso.com');
    const replies = await conversation.turn({ type: 'conversationUpdate', membersAdded: [{ id: '29:someone', name: 'Someone' }] });
    expect(replies).toEqual([]);
  });
});

describe('who is asking', () => {
  it('recognises a user by aadObjectId without asking the roster', async () => {
    const { conversation, lookup } = talk('mario.rossi@contoso.com');
    expect(text(await conversation.send('which workspaces can I see?'))).toContain('Finance');
    expect(lookup).not.toHaveBeenCalled();
  });

  it('falls back to the roster e-mail, case-insensitively, and asks it once per user', async () => {
    const lookup = jest.fn(() => Promise.resolve('MARCO.Bruno@Contoso.com'));
    const { conversation } = talk('marco.bruno@contoso.com', { lookup, sendAad: false });
    expect(text(await conversation.send('help'))).toContain('What you can ask');
    await conversation.send('help');
    expect(lookup).toHaveBeenCalledTimes(1);
  });

  it('tells someone outside the organization once, politely, and nothing else', async () => {
    const { conversation } = talk('intruder@fabrikam.com', { sendAad: false });
    const replies = await conversation.send('what expires in the next 90 days?');
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toContain('Contoso Italia');
    expect(replies[0]?.text).toContain('Stranger Danger');
    expect(replies[0]?.attachments).toBeUndefined();
  });

  it('asks the roster again after a failed lookup instead of caching the failure', async () => {
    const lookup = jest.fn().mockRejectedValueOnce(new Error('roster down')).mockResolvedValue('marco.bruno@contoso.com');
    const { conversation } = talk('marco.bruno@contoso.com', { lookup, sendAad: false });
    await expect(conversation.send('help')).rejects.toThrow('roster down');
    expect(text(await conversation.send('help'))).toContain('What you can ask');
    expect(lookup).toHaveBeenCalledTimes(2);
  });
});

describe('turns in every kind of conversation', () => {
  it.each(['personal', 'groupChat', 'channel'] as const)('routes a %s message with the bot mention removed', async (kind) => {
    const { conversation } = talk('mario.rossi@contoso.com', { kind });
    const replies = await conversation.send('<at>Activity Bot</at> help', {
      entities: [{ type: 'mention', mentioned: { id: '28:activity-bot', name: 'Activity Bot' }, text: '<at>Activity Bot</at>' }],
    });
    expect(text(replies)).toContain('What you can ask');
  });

  it('never stays silent on something it does not understand', async () => {
    const { conversation } = talk('mario.rossi@contoso.com', { locale: 'it-IT' });
    const replies = await conversation.send('che tempo fa a Roma?');
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toMatch(/non ho capito.*aiuto/i);
  });

  it('refuses data without the role, naming the role and the workspace', async () => {
    const { conversation } = talk('marco.bruno@contoso.com');
    const reply = text(await conversation.send('show usage overview'));
    expect(reply).toMatch(/Customer Activity role in the workspace \w+/);
  });

  it('answers the summary with numbers from the data', async () => {
    const { conversation } = talk('mario.rossi@contoso.com');
    const reply = text(await conversation.send('show usage overview'));
    expect(reply).toContain('Usage summary · Finance');
    expect(reply).toContain('400 of 500 credits used');
  });
});

describe('conversation', () => {
  it('re-asks the last question with the category of a follow-up', async () => {
    const { conversation } = talk('mario.rossi@contoso.com', { locale: 'it-IT' });
    expect(text(await conversation.send('quanti crediti proattivi ci restano?'))).toContain('Crediti proattivi · Finance');
    expect(text(await conversation.send('e per i workshop?'))).toContain('Workshop · Finance');
  });

  it('remembers a switched scope for the next questions of this user', async () => {
    const { conversation } = talk('anna.bianchi@contoso.com');
    expect(text(await conversation.send('switch to Sales'))).toContain('**Sales**');
    expect(text(await conversation.send('show usage overview'))).toContain('Usage summary · Sales');
  });

  it('says which argument of a short command is wrong and what it expects', async () => {
    const { conversation } = talk('mario.rossi@contoso.com');
    const replies = await conversation.send('expiring 60x');
    expect(replies[0]?.text).toMatch(/60x.*expected a duration/);
  });

  it('opens the drilldown a button asks for, after checking the user may see it', async () => {
    const { conversation } = talk('mario.rossi@contoso.com');
    const finance = org.dataset.entitlements.find((e) => e.kind === 'consumption' && org.packages.get(e.packageId)?.contractId === 'c-4100-22');
    const reply = text(await conversation.send('', { value: { verb: 'history', entitlementId: finance?.id } }));
    expect(reply).toContain(finance?.name ?? '?');
    const hidden = org.dataset.entitlements.find((e) => !org.workspaces.get('ws-finance')?.contractIds.includes(org.packages.get(e.packageId)?.contractId ?? ''));
    const refused = text(await conversation.send('', { value: { verb: 'history', entitlementId: hidden?.id } }));
    expect(refused).toContain("can't find an entitlement");
    expect(refused).not.toContain(hidden?.name ?? '?');
  });

  it('answers for the contract a question names, and says so when it names none the user may see', async () => {
    const { conversation } = talk('anna.bianchi@contoso.com', { locale: 'it-IT' });
    const one = text(await conversation.send('quando scade il contratto 4100-22?'));
    expect(one).toContain('4100-22 Unified');
    expect(one).not.toContain('4100-23');
    const unknown = await conversation.send('when does contract 9999 end?');
    expect(text(unknown)).toBe('I can\'t find a contract "9999" among those you may see.');
    const near = await conversation.send('show contract 4100-2');
    expect(text(near)).toContain('Did you mean: 4100-22, 4100-23');
  });
});
