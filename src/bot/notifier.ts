import { TurnContext, type Activity, type ConversationParameters, type ConversationReference } from 'botbuilder';

/** The audience of the Bot Connector for tokens the bot sends with outgoing requests. */
const CONNECTOR_AUDIENCE = 'https://api.botframework.com';

/** Proactive messages: send a new one into a conversation, or replace one sent before. */
export interface Notifier {
  /** Returns the id of the sent activity, to update it later. */
  send(reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<string | undefined>;
  update(reference: Partial<ConversationReference>, activityId: string, activity: Partial<Activity>): Promise<void>;
  /**
   * Opens a personal chat with someone who never wrote to the bot (the app installed for them),
   * through the connector of `via` (a conversation in the same tenant), and sends `activity` there.
   */
  openPersonalChat?(
    via: Partial<ConversationReference>,
    aadObjectId: string,
    activity: Partial<Activity>,
  ): Promise<{ reference: Partial<ConversationReference>; activityId: string | undefined }>;
}

interface ProactiveAdapter {
  continueConversationAsync(botAppId: string, reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
  createConversationAsync(
    botAppId: string,
    channelId: string,
    serviceUrl: string,
    audience: string,
    parameters: ConversationParameters,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void>;
}

/** Through the Bot Framework adapter (CloudAdapter): the hosting layer passes it in. */
export class AdapterNotifier implements Notifier {
  constructor(
    private readonly adapter: ProactiveAdapter,
    private readonly appId: string,
  ) {}

  async send(reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<string | undefined> {
    let id: string | undefined;
    await this.proactive(reference, async (context) => {
      // a new message in the conversation, not a reply to the continuation event the adapter made up
      context.onSendActivities(async (_context, activities, next) => {
        for (const a of activities) delete a.replyToId;
        return next();
      });
      id = (await context.sendActivity(activity))?.id;
    });
    return id;
  }

  async update(reference: Partial<ConversationReference>, activityId: string, activity: Partial<Activity>): Promise<void> {
    await this.proactive(reference, async (context) => {
      await context.updateActivity({ ...activity, id: activityId });
    });
  }

  /**
   * The adapter hands an error inside a proactive turn to its onTurnError, which would post an
   * apology into the conversation and hide the failure: the error is kept and thrown to the caller.
   */
  private async proactive(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    let failure: { error: unknown } | undefined;
    await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
      try {
        await logic(context);
      } catch (error) {
        failure = { error };
      }
    });
    if (failure) throw failure.error;
  }

  async openPersonalChat(
    via: Partial<ConversationReference>,
    aadObjectId: string,
    activity: Partial<Activity>,
  ): Promise<{ reference: Partial<ConversationReference>; activityId: string | undefined }> {
    const serviceUrl = via.serviceUrl ?? '';
    const tenantId = via.conversation?.tenantId;
    const parameters = {
      isGroup: false,
      bot: via.bot,
      members: [{ id: aadObjectId, name: '' }],
      ...(tenantId ? { tenantId, channelData: { tenant: { id: tenantId } } } : {}),
    } as ConversationParameters;
    let opened: { reference: Partial<ConversationReference>; activityId: string | undefined } | undefined;
    let failure: { error: unknown } | undefined;
    await this.adapter.createConversationAsync(this.appId, via.channelId ?? 'msteams', serviceUrl, CONNECTOR_AUDIENCE, parameters, async (context) => {
      try {
        const reference = { ...TurnContext.getConversationReference(context.activity), bot: via.bot, user: { id: aadObjectId, name: '', aadObjectId } };
        opened = { reference, activityId: (await context.sendActivity(activity))?.id };
      } catch (error) {
        failure = { error };
      }
    });
    if (failure) throw failure.error;
    if (!opened) throw new Error('the connector created no conversation');
    return opened;
  }
}
