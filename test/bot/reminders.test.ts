import { createBot } from '../../src/bot/create-bot';
import { LocalConversation } from '../../src/bot/local-conversation';
import type { CardAttachment } from '../../src/cards/render-card';
import { cardText } from '../../src/cards/card-text';
import type { OrgIndex } from '../../src/domain/org-index';
import { PostError, type ChannelPoster } from '../../src/reminders/channel-poster';
import { ReminderService, type ReminderJob } from '../../src/reminders/reminder-service';
import type { ConversationAddress } from '../../src/reminders/subscriptions';
import { MemoryStorage } from '../../src/storage/memory-storage';
import { cardProblems } from '../cards/validate-card';
import { InstantQueue } from '../support/instant-queue';
import { SAMPLE_TODAY, sampleOrg } from '../support/sample-org';
import { executeActions, readable } from '../support/sample-bot';

let org: OrgIndex;
beforeAll(async () => {
  org = await sampleOrg();
});

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
type InvokeBody = { value: Record<string, unknown> };
const CHANNEL = '19:contoso-ops@thread.tacv2';

/** A channel with the bot, where several people talk; posts made by the reminders are recorded. */
function channelWith() {
  const storage = new MemoryStorage();
  const queue = new InstantQueue<ReminderJob>();
  const posted: { address: ConversationAddress; card: CardAttachment }[] = [];
  let failWith: PostError | undefined;
  const poster: ChannelPoster = {
    post: (address, card) => {
      if (failWith) return Promise.reject(failWith);
      posted.push({ address, card });
      return Promise.resolve();
    },
  };
  const reminders = new ReminderService({ storage, queue, poster, org: () => org, pinnedToday: SAMPLE_TODAY, hour: 9, logger: silent });
  reminders.start(3_600_000);
  const as = (email: string, locale = 'en-US', conversationType: 'channel' | 'personal' = 'channel') => {
    const user = org.userByEmail(email)!;
    const bot = createBot({ org: () => org, storage, today: () => SAMPLE_TODAY, logger: silent, reminders }, () => Promise.resolve(email));
    return new LocalConversation(bot, { user, locale, conversationType, ...(conversationType === 'channel' ? { conversationId: CHANNEL } : {}) });
  };
  const fail = (e: PostError | undefined) => {
    failWith = e;
  };
  return { reminders, queue, posted, as, fail, stop: () => reminders.stop() };
}

async function subscribe(chat: LocalConversation, text: string): Promise<string> {
  const [warning] = await chat.send(text);
  const card = warning?.attachments?.[0]?.content as Record<string, unknown>;
  expect(cardProblems(card)).toEqual([]);
  const confirm = executeActions(card).find((a) => a.data.decision === 'confirm')!;
  return `${cardText(card)}\n${cardText(((await chat.execute(confirm.verb, confirm.data)).response as InvokeBody).value)}`;
}

describe('renewal reminders in a channel', () => {
  it('subscribes after a warning, posts one card per package and threshold, and never the same one twice', async () => {
    const channel = channelWith();
    const laura = channel.as('laura.rinaldi@contoso.com', 'it-IT');
    const said = await subscribe(laura, 'avvisa questo canale 90, 30 e 7 giorni prima delle scadenze');
    expect(said).toContain('Tutti qui vedranno nomi, numeri e crediti dei pacchetti di Contoso Italia');
    expect(said).toContain('Questa conversazione riceverà i promemoria di rinnovo di Contoso Italia 90, 30, 7 giorni prima della scadenza');

    expect(readable(await laura.send('promemoria esegui'))).toContain('Controllata 1 iscrizione qui: 3 promemoria in coda.');
    await channel.queue.work();
    const titles = channel.posted.map((p) => cardText(p.card.content).split('\n')[0]);
    expect(titles.sort()).toEqual(expect.arrayContaining([expect.stringContaining('5 giorni'), expect.stringContaining('23 giorni'), expect.stringContaining('39 giorni')]));
    expect(channel.posted).toHaveLength(3);
    for (const p of channel.posted) {
      expect((p.address.conversation as { id: string }).id).toBe(CHANNEL);
      expect(cardProblems(p.card.content)).toEqual([]);
      expect(cardText(p.card.content)).toMatch(/mailto:/);
    }
    // run again the same day: nothing new
    expect(readable(await laura.send('promemoria esegui'))).toContain('0 promemoria in coda');

    const status = readable(await laura.send('quali promemoria sono attivi?'));
    expect(status).toContain('Contoso Italia');
    expect(status).toContain('90, 30, 7 giorni prima della scadenza');
    expect(status).toMatch(/Ultimi invii: .+/);
    await channel.stop();
  });

  it('refuses whoever may not see the workspace, and asks in a channel, not in a personal chat', async () => {
    const channel = channelWith();
    expect(readable(await channel.as('marco.bruno@contoso.com').send('reminders subscribe 30 in Finance'))).toContain('You need the Customer Activity role');
    expect(readable(await channel.as('laura.rinaldi@contoso.com', 'en-US', 'personal').send('reminders subscribe 30'))).toContain('for channels and group chats');
    expect(readable(await channel.as('laura.rinaldi@contoso.com').send('reminders'))).toContain('This conversation gets no renewal reminders');
    await channel.stop();
  });

  it('lets people who may see the workspace snooze or close a reminder, and stops on 403', async () => {
    const channel = channelWith();
    const laura = channel.as('laura.rinaldi@contoso.com');
    await subscribe(laura, 'remind this channel 30 days before expiry');
    await laura.send('reminders run');
    await channel.queue.work();
    const reminder = channel.posted.find((p) => cardText(p.card.content).includes('23 days'))!;
    const [, snooze, handled] = executeActions(reminder.card.content);
    expect(snooze?.title).toBe('Snooze 7 days');
    const refused = ((await channel.as('marco.bruno@contoso.com').execute(snooze!.verb, snooze!.data)).response as InvokeBody).value;
    expect(cardText(refused)).toContain('You need the Customer Activity role');
    const snoozed = ((await channel.as('giulia.verdi@contoso.com').execute(snooze!.verb, snooze!.data)).response as InvokeBody).value;
    expect(cardText(snoozed)).toContain('Snoozed by Giulia Verdi until 29 Nov 2026');
    const closed = ((await laura.execute(handled!.verb, handled!.data)).response as InvokeBody).value;
    expect(cardText(closed)).toContain('Marked handled by Laura Rinaldi');
    expect(executeActions(closed).map((a) => a.title)).toEqual(['Details']);

    // a 7-day threshold added: the package ending in 5 days is due again, but the bot was removed
    await subscribe(laura, 'remind this channel 30 and 7 days before expiry');
    channel.fail(new PostError(403, 'Forbidden'));
    expect(readable(await laura.send('reminders run'))).toContain('1 reminders queued');
    await channel.queue.work();
    expect(channel.queue.dead).toHaveLength(1);
    expect(readable(await laura.send('reminders'))).toContain('Stopped: I was removed from this conversation or blocked (403)');
    await channel.stop();
  });

  it('waits as told on 429 and retries 5xx with backoff', async () => {
    const channel = channelWith();
    const laura = channel.as('laura.rinaldi@contoso.com');
    await subscribe(laura, 'remind this channel 7 days before expiry');
    channel.fail(new PostError(429, 'Too Many Requests', 2_500));
    await laura.send('reminders run');
    await channel.queue.work();
    expect(channel.queue.retries).toEqual([expect.objectContaining({ delayMs: 2_500, throttled: true })]);
    channel.fail(new PostError(503, 'Service Unavailable'));
    await channel.queue.work();
    expect(channel.queue.retries[1]).toEqual(expect.objectContaining({ throttled: false }));
    channel.fail(undefined);
    await channel.queue.work();
    expect(channel.posted).toHaveLength(1);
    expect(channel.reminders.stats).toMatchObject({ sent: 1, throttled: 1, retried: 1 });
    await channel.stop();
  });
});
