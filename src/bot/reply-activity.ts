import { ActivityTypes, type Activity } from 'botbuilder';
import type { Reply } from './reply';

/** A handler's reply as a Bot Framework message activity. */
export function toActivity(reply: Reply, userId?: string): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    ...(reply.text !== undefined ? { text: reply.text, textFormat: 'markdown' } : {}),
    ...(reply.card ? { attachments: [{ ...reply.card, content: refreshFor(reply.card.content, userId) }] } : {}),
    ...(reply.file ? { attachments: [reply.file] } : {}),
  };
}

/**
 * Teams runs a card's `refresh` (current numbers when the card is opened later) only for the
 * users listed; the card is answered to one asker, so it refreshes for them. Others see it as sent.
 */
export function refreshFor(content: Record<string, unknown>, userId: string | undefined): Record<string, unknown> {
  const refresh = content.refresh;
  if (!userId || !refresh || typeof refresh !== 'object') return content;
  return { ...content, refresh: { ...refresh, userIds: [userId] } };
}
