import type { Activity } from 'botbuilder';
import { createBot } from '../../src/bot/create-bot';
import { LocalConversation } from '../../src/bot/local-conversation';
import type { ActivityBot } from '../../src/bot/activity-bot';
import { cardText } from '../../src/cards/card-text';
import { FileDataSource } from '../../src/data/file-source';
import { OrgIndex } from '../../src/domain/org-index';
import type { Dataset } from '../../src/domain/records';
import { MemoryStorage } from '../../src/storage/memory-storage';
import { executeActions, readable, recordingNotifier } from '../support/sample-bot';
import { SAMPLE_DIR, SAMPLE_TODAY } from '../support/sample-org';

// The bot keeps the answers that read only the data snapshot and the request. These tests hold it
// to the rule that makes that safe: one bot, several people, and every change of data, rights or
// day is seen at the next question, exactly as if nothing had been kept.

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

let dataset: Dataset;
beforeAll(async () => {
  dataset = await new FileDataSource(SAMPLE_DIR).load();
});

/** One bot for everyone, as in Teams: the roster lookup answers each sender's e-mail. */
function sharedBot(org: () => OrgIndex, today: () => string = () => SAMPLE_TODAY) {
  const storage = new MemoryStorage();
  const { notifier, sent } = recordingNotifier();
  const emails = new Map<string, string>();
  const bot: ActivityBot = createBot({ org, storage, today, logger: silent, notifier }, (context) =>
    Promise.resolve(emails.get(context.activity.from.id)),
  );
  const as = (email: string, locale = 'en-US'): LocalConversation => {
    const user = org().userByEmail(email);
    if (!user) throw new Error(`${email} is not in the sample`);
    emails.set(`29:local-${user.id}`, email);
    return new LocalConversation(bot, { user, locale });
  };
  return { as, sent };
}

const cardOf = (activity: Partial<Activity> | undefined): Record<string, unknown> =>
  (activity?.attachments?.[0]?.content ?? {}) as Record<string, unknown>;

describe('answers kept per data snapshot', () => {
  it('gives each person the answer their own rights allow, whoever asked the same words before', async () => {
    const org = new OrgIndex(dataset);
    const { as } = sharedBot(() => org);
    const anna = await as('anna.bianchi@contoso.com').send('show usage overview');
    const elena = await as('elena.marino@contoso.com').send('show usage overview');
    const again = await as('anna.bianchi@contoso.com').send('show usage overview');

    // what each would get from a bot that never saw the other ask
    const alone = async (email: string): Promise<string> => readable(await sharedBot(() => new OrgIndex(dataset)).as(email).send('show usage overview'));
    expect(readable(anna)).toBe(await alone('anna.bianchi@contoso.com'));
    expect(readable(elena)).toBe(await alone('elena.marino@contoso.com'));
    expect(readable(elena)).not.toBe(readable(anna));
    expect(readable(again)).toBe(readable(anna));
  });

  it('answers a question again in the other language in that language', async () => {
    const org = new OrgIndex(dataset);
    const { as } = sharedBot(() => org);
    await as('anna.bianchi@contoso.com', 'en-US').send('summary');
    expect(readable(await as('anna.bianchi@contoso.com', 'it-IT').send('riepilogo'))).toContain('Riepilogo');
  });

  it('applies a role granted in chat at the next question', async () => {
    const org = new OrgIndex(dataset);
    const { as, sent } = sharedBot(() => org);
    const mario = as('mario.rossi@contoso.com');
    const marco = as('marco.bruno@contoso.com');
    await as('anna.bianchi@contoso.com').send('help'); // the admins can be reached
    await mario.send('help');

    const [refusal] = await marco.send('show usage overview');
    expect(readable([refusal!])).not.toContain('Usage summary');
    const request = executeActions(cardOf(refusal)).find((a) => a.verb === 'request-role');
    await marco.execute(request!.verb, request!.data);
    const approve = executeActions(cardOf(sent[0]?.activity)).find((a) => a.title === 'Approve');
    await mario.execute(approve!.verb, approve!.data);

    expect(readable(await marco.send('show usage overview'))).toContain('Usage summary · Finance');
  });

  it('answers from new data as soon as it is loaded, and from the new day at midnight', async () => {
    let org = new OrgIndex(dataset);
    let today = SAMPLE_TODAY;
    const { as } = sharedBot(
      () => org,
      () => today,
    );
    const anna = as('anna.bianchi@contoso.com');
    const summary = readable(await anna.send('summary'));

    // a refresh in which the first entitlement's consumption is gone
    const entitlementId = dataset.consumption[0]!.entitlementId;
    org = new OrgIndex({ ...dataset, consumption: dataset.consumption.filter((c) => c.entitlementId !== entitlementId) });
    const refreshed = readable(await anna.send('summary'));
    expect(refreshed).not.toBe(summary);

    today = '2026-12-20';
    expect(readable(await anna.send('summary'))).not.toBe(refreshed);
  });

  it('hands out answers nobody can change for the next person', async () => {
    const org = new OrgIndex(dataset);
    const { as } = sharedBot(() => org);
    const [first] = await as('anna.bianchi@contoso.com').send('summary');
    const content = cardOf(first);
    expect(() => {
      (content.body as unknown[]).push({ type: 'TextBlock', text: 'changed' });
    }).toThrow(TypeError);
    const [second] = await as('anna.bianchi@contoso.com').send('summary');
    expect(cardText(cardOf(second))).not.toContain('changed');
  });
});
