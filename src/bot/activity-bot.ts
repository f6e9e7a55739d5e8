import { TeamsActivityHandler, TeamsInfo, TurnContext } from 'botbuilder';
import { isAppError } from '../domain/errors';
import { errorMessage } from '../i18n/error-message';
import { localeFrom, translator } from '../i18n/translate';
import { helpCard } from '../cards/help-card';
import { recognize } from '../nlu/recognize';
import type { BotDeps } from './bot-deps';
import { IdentityResolver, type Asker } from './identity';
import { toActivity } from './reply-activity';
import { knownNames } from '../queries/known-names';
import type { NluResult } from '../nlu/nlu-result';
import { ConversationMemory, type ConversationState } from './conversation-memory';
import { INTENT_ROUTES, VERB_ROUTES } from './routes';
import type { ConversationKind, Reply, TurnRequest } from './turn-request';

/** How the bot learns an asker's e-mail when the activity carries no known aadObjectId. */
export type EmailLookup = (context: TurnContext) => Promise<string | undefined>;

/** In Teams: the roster's e-mail, else the UPN (TeamsInfo.getMember). */
export const teamsEmailLookup: EmailLookup = async (context) => {
  const member = await TeamsInfo.getMember(context, context.activity.from.id);
  return member.email ?? member.userPrincipalName ?? undefined;
};

/** "e per i workshop?", "and in Sales?": the entities of a follow-up re-ask the previous question. */
function withContext(nlu: NluResult, remembered: ConversationState): NluResult {
  if (!nlu.followUp || !remembered.last) return nlu;
  return { ...nlu, intent: remembered.last.intent, entities: { ...remembered.last.entities, ...nlu.entities } };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const conversationKind = (type: string | undefined): ConversationKind =>
  type === 'channel' ? 'channel' : type === 'groupChat' ? 'groupChat' : 'personal';

/**
 * Routes every message (personal, group chat, channel) to one router, and greets on install.
 * Thin on purpose: it identifies, understands, dispatches; handlers ask the layers below.
 */
export class ActivityBot extends TeamsActivityHandler {
  private readonly identities = new IdentityResolver();
  private readonly memory: ConversationMemory;

  constructor(
    private readonly deps: BotDeps,
    private readonly lookupEmail: EmailLookup = teamsEmailLookup,
  ) {
    super();
    this.memory = new ConversationMemory(deps.storage);
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient.id);
      if (botAdded) await context.sendActivity(toActivity({ card: helpCard(localeFrom(context.activity.locale), { welcome: true }) }));
      await next();
    });
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const clientLocale = localeFrom(activity.locale);
    const org = this.deps.org(); // one snapshot for the whole turn
    const asker: Asker = {
      id: activity.from.id,
      aadObjectId: activity.from.aadObjectId,
      lookupEmail: () => this.lookupEmail(context),
    };
    const user = await this.identities.resolve(org, asker);
    if (!user) {
      const t = translator(clientLocale);
      await context.sendActivity(
        t('turn.notInOrganization', { name: activity.from.name ?? '', organization: org.organization.name }),
      );
      return;
    }
    const text = TurnContext.removeRecipientMention(activity) ?? activity.text ?? '';
    const today = this.deps.today();
    const conversationId = activity.conversation.id;
    const remembered = await this.memory.read(conversationId, user.id);
    const nlu = withContext(recognize(text, { locale: clientLocale, today, names: knownNames(org, user) }), remembered);
    const action = isRecord(activity.value) ? activity.value : undefined;
    const request: TurnRequest = {
      org,
      user,
      locale: nlu.locale,
      t: translator(nlu.locale),
      today,
      nlu,
      conversation: { id: conversationId, kind: conversationKind(activity.conversation.conversationType) },
      scope: remembered.scope,
      rememberScope: (workspace) => this.memory.update(conversationId, user.id, { scope: workspace }),
      action,
    };
    const replies = nlu.problem ? [{ text: nlu.problem.message }] : await this.answer(request);
    if (!nlu.problem && nlu.intent !== 'none' && nlu.intent !== 'help') {
      await this.memory.update(conversationId, user.id, { last: { intent: nlu.intent, entities: nlu.entities } });
    }
    await context.sendActivities(replies.map(toActivity));
  }

  private async answer(request: TurnRequest): Promise<Reply[]> {
    try {
      const verb = typeof request.action?.verb === 'string' ? request.action.verb : undefined;
      const handler = (verb !== undefined ? VERB_ROUTES[verb] : undefined) ?? INTENT_ROUTES[request.nlu.intent];
      return await handler(request);
    } catch (error) {
      if (isAppError(error)) return [{ text: errorMessage(error, request.locale) }];
      throw error;
    }
  }
}
