import { ActivityTypes, TestAdapter, type Activity } from 'botbuilder';
import type { User } from '../domain/records';
import type { ActivityBot } from './activity-bot';

export interface LocalConversationOptions {
  /** The dataset user the turns come from; their aadObjectId is sent when they have one. */
  user: Pick<User, 'id' | 'email' | 'displayName' | 'aadObjectId'>;
  /** BCP-47 tag as Teams sends it (`it-IT`, `en-US`). */
  locale: string;
  conversationType?: 'personal' | 'groupChat' | 'channel';
  /** Defaults to one personal chat per user (`local-<user id>`). */
  conversationId?: string;
}

/**
 * A conversation with the bot outside Teams, through the same handler Teams reaches: the `chat`
 * command and the turn tests use it. Replies are collected per turn.
 */
export class LocalConversation {
  private readonly adapter: TestAdapter;
  private counter = 0;

  constructor(
    private readonly bot: ActivityBot,
    private readonly options: LocalConversationOptions,
  ) {
    const { user } = options;
    this.adapter = new TestAdapter(undefined, {
      channelId: 'msteams',
      serviceUrl: 'https://localhost/local-conversation/',
      locale: options.locale,
      conversation: {
        id: options.conversationId ?? `local-${user.id}`,
        isGroup: options.conversationType !== undefined && options.conversationType !== 'personal',
        conversationType: options.conversationType ?? 'personal',
        name: 'local',
      },
      from: { id: `29:local-${user.id}`, name: user.displayName, aadObjectId: user.aadObjectId, role: 'user' },
      recipient: { id: '28:activity-bot', name: 'Activity Bot', role: 'bot' },
    });
  }

  /** Sends one message and returns every activity the bot sent in reply. */
  async send(text: string, extra: Partial<Activity> = {}): Promise<Partial<Activity>[]> {
    return this.turn({ type: ActivityTypes.Message, text, ...extra });
  }

  /**
   * Clicks an Action.Execute button: sends the `adaptiveCard/action` invoke Teams sends and returns
   * the invoke response (the card that replaces the clicked one) and any messages sent meanwhile.
   */
  async execute(
    verb: string,
    data: Record<string, unknown>,
    cardActivityId = 'clicked-card',
  ): Promise<{ response: unknown; replies: Partial<Activity>[] }> {
    const activities = await this.turn({
      type: ActivityTypes.Invoke,
      replyToId: cardActivityId,
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', id: `action-${this.counter + 1}`, verb, data }, trigger: 'manual' },
    });
    const invokeResponse = activities.find((a) => a.type === 'invokeResponse');
    return {
      response: (invokeResponse?.value as { body?: unknown } | undefined)?.body,
      replies: activities.filter((a) => a.type !== 'invokeResponse'),
    };
  }

  /** Runs any activity (conversationUpdate, invoke…) and returns the bot's replies. */
  async turn(activity: Partial<Activity>): Promise<Partial<Activity>[]> {
    this.counter += 1;
    this.adapter.activeQueue.splice(0);
    await this.adapter.processActivity({ id: `turn-${this.counter}`, ...activity }, (context) => this.bot.run(context));
    return this.adapter.activeQueue.splice(0).filter((a) => a.type !== ActivityTypes.Trace);
  }
}
