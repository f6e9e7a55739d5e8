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
    await this.adapter.createConversationAsync(this.appId, via.channelId ?? 'msteams', serviceUrl, CONNECTOR_AUDIENCE, parameters, async (context) => {
      const reference = { ...TurnContext.getConversationReference(context.activity), bot: via.bot, user: { id: aadObjectId, name: '', aadObjectId } };
      opened = { reference, activityId: (await context.sendActivity(activity))?.id };
    });
    if (!opened) throw new Error('the connector created no conversation');
    return opened;
  }
}
