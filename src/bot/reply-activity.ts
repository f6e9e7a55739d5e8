import { ActivityTypes, type Activity } from 'botbuilder';
import type { Reply } from './turn-request';

/** A handler's reply as a Bot Framework message activity. */
export function toActivity(reply: Reply): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    ...(reply.text !== undefined ? { text: reply.text, textFormat: 'markdown' } : {}),
    ...(reply.card ? { attachments: [reply.card] } : {}),
  };
}
