import type { Activity } from 'botbuilder';
import { createBot } from '../../src/bot/create-bot';
import { LocalConversation } from '../../src/bot/local-conversation';
import type { Notifier } from '../../src/bot/notifier';
import { cardText } from '../../src/cards/card-text';
import type { OrgIndex } from '../../src/domain/org-index';
import { MemoryStorage } from '../../src/storage/memory-storage';
import { SAMPLE_TODAY } from './sample-org';

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** A conversation with the bot on `org` as `email` would have it in Teams (roster lookup answers the e-mail). */
export function conversationAs(
  org: OrgIndex,
  email: string,
  locale = 'en-US',
  storage = new MemoryStorage(),
  notifier?: Notifier,
): LocalConversation {
  const user = org.userByEmail(email);
  if (!user) throw new Error(`${email} is not in the sample`);
  const bot = createBot({ org: () => org, storage, today: () => SAMPLE_TODAY, logger: silent, notifier }, () =>
    Promise.resolve(email),
  );
  return new LocalConversation(bot, { user, locale });
}

/** Everything a person reads in some replies: texts and card texts. */
export const readable = (replies: Partial<Activity>[]): string =>
  replies
    .map((r) => [r.text ?? '', ...(r.attachments ?? []).map((a) => cardText(a.content as Record<string, unknown>))].join('\n'))
    .join('\n---\n');

type CardJson = Record<string, unknown>;

/** The Action.Execute actions of a card (buttons and clickable lines): title, verb, data. */
export function executeActions(card: CardJson): { title: string; verb: string; data: Record<string, unknown> }[] {
  const found: { title: string; verb: string; data: Record<string, unknown> }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as CardJson;
      if (o.type === 'Action.Execute') found.push({ title: String(o.title), verb: String(o.verb), data: (o.data ?? {}) as Record<string, unknown> });
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** A notifier that records what the bot sends and updates proactively, by conversation. */
export function recordingNotifier() {
  const sent: { conversationId: string; activityId: string; activity: Partial<Activity> }[] = [];
  const updates: { conversationId: string; activityId: string; activity: Partial<Activity> }[] = [];
  const opened: string[] = [];
  const notifier: Notifier = {
    send: (reference, activity) => {
      const activityId = `proactive-${sent.length + 1}`;
      sent.push({ conversationId: reference.conversation?.id ?? '', activityId, activity });
      return Promise.resolve(activityId);
    },
    update: (reference, activityId, activity) => {
      updates.push({ conversationId: reference.conversation?.id ?? '', activityId, activity });
      return Promise.resolve();
    },
    // a chat the connector opens for someone who never wrote to the bot: `opened:<aadObjectId>`
    openPersonalChat: (via, aadObjectId, activity) => {
      const conversationId = `opened:${aadObjectId}`;
      opened.push(aadObjectId);
      const activityId = `proactive-${sent.length + 1}`;
      sent.push({ conversationId, activityId, activity });
      return Promise.resolve({
        reference: { ...via, conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' }, user: { id: aadObjectId, name: '', aadObjectId } },
        activityId,
      });
    },
  };
  return { notifier, sent, updates, opened };
}
