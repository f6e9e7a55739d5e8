import type { Activity, ConversationReference, TurnContext } from 'botbuilder';

/** Proactive messages: send a new one into a conversation, or replace one sent before. */
export interface Notifier {
  /** Returns the id of the sent activity, to update it later. */
  send(reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<string | undefined>;
  update(reference: Partial<ConversationReference>, activityId: string, activity: Partial<Activity>): Promise<void>;
}

interface ProactiveAdapter {
  continueConversationAsync(botAppId: string, reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

/** Through the Bot Framework adapter (CloudAdapter): the hosting layer passes it in. */
export class AdapterNotifier implements Notifier {
  constructor(
    private readonly adapter: ProactiveAdapter,
    private readonly appId: string,
  ) {}

  async send(reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<string | undefined> {
    let id: string | undefined;
    await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
      id = (await context.sendActivity(activity))?.id;
    });
    return id;
  }

  async update(reference: Partial<ConversationReference>, activityId: string, activity: Partial<Activity>): Promise<void> {
    await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
      await context.updateActivity({ ...activity, id: activityId });
    });
  }
}
