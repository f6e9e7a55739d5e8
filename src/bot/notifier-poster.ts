import type { CardAttachment } from '../cards/render-card';
import { PostError, type ChannelPoster } from '../reminders/channel-poster';
import type { ConversationAddress } from '../reminders/subscriptions';
import type { Notifier } from './notifier';
import { toActivity } from './reply-activity';

/** The HTTP answer inside a connector error (botframework-connector's RestError), if any. */
function httpFailure(error: unknown): { status: number; retryAfterMs?: number } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { statusCode?: unknown; response?: { status?: unknown; headers?: { get?: (name: string) => string | undefined } } };
  const status = typeof e.statusCode === 'number' ? e.statusCode : typeof e.response?.status === 'number' ? e.response.status : undefined;
  if (status === undefined) return undefined;
  const header = e.response?.headers?.get?.('retry-after');
  return { status, ...(header ? { retryAfterMs: retryAfterMs(header) } : {}) };
}

/** Retry-After in seconds or as an HTTP date. */
export function retryAfterMs(header: string, now = Date.now()): number | undefined {
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Reminders post through the proactive notifier; the connector's refusals become PostErrors. */
export class NotifierPoster implements ChannelPoster {
  constructor(private readonly notifier: Notifier) {}

  async post(address: ConversationAddress, card: CardAttachment): Promise<void> {
    try {
      await this.notifier.send(address, toActivity({ card }));
    } catch (error) {
      const failure = httpFailure(error);
      if (!failure) throw error;
      throw new PostError(failure.status, `connector answered HTTP ${failure.status}`, failure.retryAfterMs);
    }
  }
}
