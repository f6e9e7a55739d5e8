import type { CardAttachment } from '../cards/render-card';
import type { ConversationAddress } from './subscriptions';

/** Posts a card into a conversation; the hosting layer implements it over the Bot Framework. */
export interface ChannelPoster {
  /** Rejects with a PostError when the connector refuses (its HTTP status, and Retry-After on 429). */
  post(address: ConversationAddress, card: CardAttachment): Promise<void>;
}

export class PostError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'PostError';
  }
}

/** What a refused post means for the reminder (Teams' documented answers). */
export type PostOutcome = 'throttled' | 'retry' | 'gone' | 'refused';

export function classifyStatus(status: number): PostOutcome {
  if (status === 429) return 'throttled';
  if (status === 412 || status === 500 || status === 502 || status === 503 || status === 504 || status === 408) return 'retry';
  if (status === 403 || status === 404) return 'gone';
  return status >= 500 ? 'retry' : 'refused';
}
