import {
  type Activity,
  TeamsActivityHandler,
  TeamsInfo,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type FileConsentCardResponse,
} from 'botbuilder';
import { helpCard } from '../cards/help-card';
import { messageCard } from '../cards/message-card';
import { refusalCard } from '../cards/refusal-card';
import { VERBS } from '../cards/verbs';
import { ADAPTIVE_CARD_CONTENT_TYPE } from '../cards/render-card';
import { isAppError } from '../domain/errors';
import { isJsonObject } from '../domain/json';
import type { OrgIndex } from '../domain/org-index';
import type { User } from '../domain/records';
import type { Locale } from '../domain/vocabulary';
import { errorMessage } from '../i18n/error-message';
import { localeFrom, translator } from '../i18n/translate';
import type { NluResult } from '../nlu/nlu-result';
import { recognize } from '../nlu/recognize';
import { knownNames } from '../queries/known-names';
import { isStorageUnavailable } from '../storage/stored-value';
import { parseAction } from './action-schemas';
import { TurnLimiter } from './turn-limiter';
import { finishLate, lateReplies, withinTurn } from './slow-turns';
import { ApprovalFlow } from './approval-flow';
import { answerFileConsent, ConsentOutput } from './handlers/report-consent';
import { ReportFlow } from './report-flow';
import type { BotDeps } from './bot-deps';
import { ConversationMemory, type ConversationState } from './conversation-memory';
import { IdentityResolver } from './identity';
import { refreshFor, toActivity } from './reply-activity';
import { INTENT_ROUTES, isSnapshotAnswer, VERB_ROUTES } from './routes';
import { SnapshotMemo } from './snapshot-memo';
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

const conversationKind = (type: string | undefined): ConversationKind =>
  type === 'channel' ? 'channel' : type === 'groupChat' ? 'groupChat' : 'personal';

/** Who is asking, in which organization snapshot; undefined user: not in the organization. */
interface Asking {
  org: OrgIndex;
  user: User | undefined;
  clientLocale: Locale;
}

/**
 * Routes every message (personal, group chat, channel) and every card action to one router, and
 * greets on install. Thin on purpose: it identifies, understands, dispatches; handlers ask the
 * layers below and re-check everything a card sends.
 */
export class ActivityBot extends TeamsActivityHandler {
  private readonly identities = new IdentityResolver();
  /** The names a user may see depend only on the snapshot and the user: computed once per pair. */
  private readonly names = new WeakMap<OrgIndex, Map<string, ReturnType<typeof knownNames>>>();

  private namesFor(org: OrgIndex, user: User): ReturnType<typeof knownNames> {
    let perOrg = this.names.get(org);
    if (!perOrg) this.names.set(org, (perOrg = new Map<string, ReturnType<typeof knownNames>>()));
    let names = perOrg.get(user.id);
    if (!names) perOrg.set(user.id, (names = knownNames(org, user)));
    return names;
  }
  /** What a sentence means depends only on it, the language, the day and the names the asker may see. */
  private readonly understood = new SnapshotMemo<NluResult>(NLU_MEMO_SIZE);
  /** Answers that read nothing but the snapshot and the request (isSnapshotAnswer), per snapshot. */
  private readonly answers = new SnapshotMemo<Reply[]>(ANSWER_MEMO_SIZE);
  private readonly memory: ConversationMemory;
  private readonly approvals: ApprovalFlow;
  private readonly reports: ReportFlow;
  private overlaid: { base: OrgIndex; version: string; org: OrgIndex } | undefined;
  private readonly limiter: TurnLimiter | undefined;

  constructor(
    private readonly deps: BotDeps,
    private readonly lookupEmail: EmailLookup = teamsEmailLookup,
  ) {
    super();
    this.memory = new ConversationMemory(deps.storage);
    this.approvals = new ApprovalFlow(deps.storage, deps.notifier);
    this.reports = new ReportFlow(deps.storage, this.approvals, deps.logger);
    this.limiter = deps.turnsPerMinute ? new TurnLimiter(deps.turnsPerMinute) : undefined;
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

  /** One snapshot for the whole turn, with the changes made in chat laid over it (rules 10–11). */
  private async currentOrg(): Promise<OrgIndex> {
    const base = this.deps.org();
    const { changes, version } = await this.approvals.changes.read();
    const cached = this.overlaid;
    if (cached?.base === base && cached.version === version) return cached.org;
    const org = base.withChanges(changes);
    this.overlaid = { base, version, org };
    return org;
  }

  private async whoIsAsking(context: TurnContext): Promise<Asking> {
    const activity = context.activity;
    const org = await this.currentOrg();
    const user = await this.identities.resolve(org, {
      id: activity.from.id,
      aadObjectId: activity.from.aadObjectId,
      lookupEmail: () => this.lookupEmail(context),
    });
    return { org, user, clientLocale: localeFrom(activity.locale) };
  }

  /**
   * Teams names the tenant of every conversation; one from another organization's tenant is not
   * ours to answer, whatever e-mail its user has. (Local clients without a tenant are let through.)
   */
  private fromAnotherTenant(context: TurnContext, org: OrgIndex): boolean {
    const activity = context.activity;
    const channelData: unknown = activity.channelData;
    const fromChannelData = isJsonObject(channelData) && isJsonObject(channelData.tenant) ? channelData.tenant.id : undefined;
    const tenant = activity.conversation.tenantId ?? (typeof fromChannelData === 'string' ? fromChannelData : undefined);
    return tenant !== undefined && tenant.toLowerCase() !== org.organization.tenantId.toLowerCase();
  }

  private notInOrganization(context: TurnContext, asking: Asking): string {
    return translator(asking.clientLocale)('turn.notInOrganization', {
      name: context.activity.from.name ?? '',
      organization: asking.org.organization.name,
    });
  }

  private async request(context: TurnContext, org: OrgIndex, user: User, nlu: NluResult, action?: Record<string, unknown>): Promise<TurnRequest> {
    const conversationId = context.activity.conversation.id;
    const remembered = await this.memory.read(conversationId, user.id);
    const understood = withContext(nlu, remembered);
    return {
      org,
      user,
      locale: understood.locale,
      t: translator(understood.locale),
      today: this.deps.today(),
      nlu: understood,
      conversation: { id: conversationId, kind: conversationKind(context.activity.conversation.conversationType) },
      scope: remembered.scope,
      rememberScope: (workspace) => this.memory.update(conversationId, user.id, { scope: workspace }),
      approvals: this.approvals,
      reports: this.reports,
      ...(this.deps.reminders ? { reminders: this.deps.reminders } : {}),
      origin: {
        reference: TurnContext.getConversationReference(context.activity),
        cardActivityId: action ? context.activity.replyToId : undefined,
      },
      action,
    };
  }

  /** The per-user limit: undefined to go on, else what to answer (nothing once already warned). */
  private throttled(context: TurnContext): { text?: string } | undefined {
    const from = context.activity.from;
    const verdict = this.limiter?.take(from.aadObjectId ?? from.id) ?? 'go';
    if (verdict === 'go') return undefined;
    return verdict === 'slow-down' ? { text: translator(localeFrom(context.activity.locale))('turn.slowDown') } : {};
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const limited = this.throttled(context);
    if (limited) {
      if (limited.text) await context.sendActivity(limited.text);
      return;
    }
    let asking = await this.whoIsAsking(context);
    const { user } = asking;
    if (!user || this.fromAnotherTenant(context, asking.org)) {
      await context.sendActivity(this.notInOrganization(context, asking));
      return;
    }
    const activity = context.activity;
    // an invitation made in chat is accepted by the invitee's first message (rule 10)
    const joined = await this.approvals.delegation.joinOnFirstContact(asking.org, user, activity.conversation.id);
    if (joined.length > 0) asking = await this.whoIsAsking(context);
    const { org } = asking;
    // where to reach this user later (approval cards, decisions): their personal chat
    if (conversationKind(activity.conversation.conversationType) === 'personal') {
      await bestEffort(this.approvals.refs.remember(user.id, TurnContext.getConversationReference(activity)));
    }
    const text = TurnContext.removeRecipientMention(activity) ?? activity.text ?? '';
    const today = this.deps.today();
    const names = this.namesFor(org, user);
    const nlu = this.understood.get(names, `${asking.clientLocale}|${today}|${text}`, () => recognize(text, { locale: asking.clientLocale, today, names }));
    // a message may carry a card's Action.Submit data: it goes through the same schemas as an invoke
    const value = isJsonObject(activity.value) && activity.value.verb !== undefined ? parseAction(activity.value.verb, activity.value) : undefined;
    const request = await this.request(context, org, user, nlu, value?.ok ? value.data : undefined);
    const joinedText = joined.length > 0 ? request.t('delegation.joined', { workspaces: joined.map((id) => org.workspaces.get(id)?.name ?? id).join(', ') }) : undefined;
    const work = this.messageReplies(request, value, joinedText).then((replies) => replies.map((r) => toActivity(r, activity.from.id)));
    await this.deliver(context, request.t, work);
  }

  private async messageReplies(request: TurnRequest, value: ReturnType<typeof parseAction> | undefined, joinedText: string | undefined): Promise<Reply[]> {
    const replies: Reply[] =
      value && !value.ok
        ? [{ card: messageCard({ text: request.t(value.reason === 'unknown-verb' ? 'turn.staleAction' : 'turn.badAction'), color: 'attention' }) }]
        : request.nlu.problem
          ? [{ text: request.nlu.problem.message }]
          : await this.answer(request);
    if (joinedText) replies.unshift({ text: joinedText });
    if (!request.nlu.problem && request.nlu.intent !== 'none' && request.nlu.intent !== 'help') {
      await bestEffort(
        this.memory.update(request.conversation.id, request.user.id, {
          last: { intent: request.nlu.intent, entities: request.nlu.entities },
        }),
      );
    }
    return replies;
  }

  /** Sends a message turn's replies; when they are slow, "working on it" now and the replies in its place later. */
  private async deliver(context: TurnContext, t: TurnRequest['t'], work: Promise<Partial<Activity>[]>): Promise<void> {
    const done = await withinTurn(work, this.deps.slowTurns);
    if ('value' in done) {
      await context.sendActivities(done.value);
      return;
    }
    const placeholder = await context.sendActivity(toActivity({ text: t('turn.workingOnIt') }));
    const late = lateReplies(context, this.deps.notifier);
    done.late.continueInBackground(() => finishLate(work, toActivity({ text: t('turn.genericError') }), placeholder?.id, late, this.deps.logger));
  }

  /** Allow / Decline on a report's file consent card: untrusted, so the report flow re-checks it all. */
  protected override async handleTeamsFileConsent(context: TurnContext, response: FileConsentCardResponse): Promise<void> {
    const asking = await this.whoIsAsking(context);
    const user = this.fromAnotherTenant(context, asking.org) ? undefined : asking.user;
    // a big file can take longer to make and upload than Teams waits: the rest then goes on after the answer
    const out = new ConsentOutput(context);
    const work = answerFileConsent(context, { ...asking, user }, this.deps.today(), this.reports, response, out);
    const done = await withinTurn(work, this.deps.slowTurns);
    if ('value' in done) return;
    out.afterTurn(lateReplies(context, this.deps.notifier));
    done.late.continueInBackground(() => work.catch((error: unknown) => this.deps.logger.error({ err: error }, 'a report upload failed after its turn')));
  }

  /**
   * Action.Execute (Universal Actions): the verb and its data come from the client, so the
   * handler's query re-checks every id and every access rule; the answer replaces the card in place.
   */
  protected override async onAdaptiveCardInvoke(context: TurnContext, invoke: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const limited = this.throttled(context);
    if (limited) return messageResponse(limited.text ?? translator(localeFrom(context.activity.locale))('turn.slowDown'));
    const asking = await this.whoIsAsking(context);
    const { org, user } = asking;
    const t = translator(asking.clientLocale);
    if (this.fromAnotherTenant(context, org)) return cardResponse(messageCard({ text: t('approval.tenant'), color: 'attention' }).content);
    if (!user) return messageResponse(this.notInOrganization(context, asking));
    const data = isJsonObject(invoke.action.data) ? invoke.action.data : {};
    const action = parseAction(invoke.action.verb, data);
    if (!action.ok) return cardResponse(messageCard({ text: t(action.reason === 'unknown-verb' ? 'turn.staleAction' : 'turn.badAction'), color: 'attention' }).content);
    const locale = action.data.locale === 'it' || action.data.locale === 'en' ? action.data.locale : asking.clientLocale;
    const nlu: NluResult = { text: '', locale, intent: 'none', entities: {} };
    const request = await this.request(context, org, user, nlu, action.data);
    const fromId = context.activity.from.id;
    const work = this.answer(request).then(invokeReply);
    const done = await withinTurn(work, this.deps.slowTurns);
    if ('value' in done) return done.value.card ? cardResponse(refreshFor(done.value.card.content, fromId)) : messageResponse(done.value.text ?? '');
    // the clicked card says so now and becomes the answer when it is ready
    const late = lateReplies(context, this.deps.notifier);
    const failed = toActivity({ card: messageCard({ text: t('turn.genericError'), color: 'attention' }) });
    const answer = work.then((reply) => [toActivity(reply, fromId)]);
    done.late.continueInBackground(() => finishLate(answer, failed, context.activity.replyToId, late, this.deps.logger));
    return cardResponse(messageCard({ text: request.t('turn.workingOnIt') }).content);
  }

  private async answer(request: TurnRequest): Promise<Reply[]> {
    try {
      const verb = typeof request.action?.verb === 'string' ? request.action.verb : undefined;
      const byVerb = verb !== undefined ? VERB_ROUTES[verb] : undefined;
      if (verb !== undefined && !byVerb) return [{ card: messageCard({ text: request.t('turn.staleAction'), color: 'attention' }) }];
      const handler = byVerb ?? INTENT_ROUTES[request.nlu.intent];
      if (!isSnapshotAnswer(handler)) return await handler(request);
      return this.answers.get(request.org, answerKey(request, verb), () => handler(request));
    } catch (error) {
      if (isStorageUnavailable(error)) {
        // a change could not be saved: nothing half-done is shown as done
        const text = request.t('turn.storageDown');
        return request.action ? [{ card: messageCard({ text, color: 'attention' }) }] : [{ text }];
      }
      if (isAppError(error)) {
        const text = errorMessage(error, request.locale);
        if (error.code === 'forbidden') {
          this.deps.onRefusal?.();
          return [{ card: refusalCard(request.locale, text, error.params) }];
        }
        const buttons = didYouMean(request, error.key, error.params.suggestions);
        if (buttons.length > 0) return [{ card: messageCard({ text, color: 'attention', buttons }) }];
        // a card action answers with a card, so that the clicked card is replaced, not left stale
        return request.action ? [{ card: messageCard({ text, color: 'attention' }) }] : [{ text }];
      }
      throw error;
    }
  }
}

/** Per asker (their names are the key): a person repeats a few sentences, and 1,000 people must fit too. */
const NLU_MEMO_SIZE = 32;
/** Per snapshot: a summary card of a large organization is about 11 KB. */
const ANSWER_MEMO_SIZE = 1000;

/**
 * Everything a snapshot answer may read besides the snapshot: who asks, in which language, on which
 * day, in which scope and kind of conversation, what they asked (the intent and entities, or the
 * button's verb and data). Two requests with the same key get the same answer.
 */
const answerKey = (r: TurnRequest, verb: string | undefined): string =>
  JSON.stringify([verb ?? r.nlu.intent, r.user.id, r.locale, r.today, r.scope ?? null, r.conversation.kind, r.nlu.entities, r.action ?? null]);

// "Did you mean Finance?": the question asked again with the suggested name, one button each.
const SUGGESTED_ENTITY: Readonly<Record<string, 'workspace' | 'contract' | 'package'>> = {
  'errors.notFound.workspaceSuggest': 'workspace',
  'errors.notFound.contractSuggest': 'contract',
  'errors.notFound.packageSuggest': 'package',
};

function didYouMean(request: TurnRequest, key: string, suggestions: unknown): { title: string; verb: string; data: Record<string, unknown> }[] {
  const entity = SUGGESTED_ENTITY[key];
  const { intent, entities } = request.nlu;
  if (!entity || intent === 'none' || !Array.isArray(suggestions)) return [];
  return suggestions
    .filter((s): s is string => typeof s === 'string')
    .map((s) => ({ title: s, verb: VERBS.ask, data: { intent, entities: { ...entities, [entity]: s }, locale: request.locale } }));
}

/** An invoke answers with one card (the clicked one's replacement) or, without a card, the texts. */
const invokeReply = (replies: Reply[]): Reply => {
  const card = replies.find((r) => r.card)?.card;
  return card ? { card } : { text: replies.map((r) => r.text ?? '').join('\n') };
};

const cardResponse = (content: Record<string, unknown>): AdaptiveCardInvokeResponse => ({
  statusCode: 200,
  type: ADAPTIVE_CARD_CONTENT_TYPE,
  value: content,
});

/** Remembering (a scope, a last question, a chat) must not cost an answer while storage is down. */
async function bestEffort(write: Promise<unknown>): Promise<void> {
  try {
    await write;
  } catch (e) {
    if (!isStorageUnavailable(e)) throw e;
  }
}

const messageResponse = (text: string): AdaptiveCardInvokeResponse => ({
  statusCode: 200,
  type: 'application/vnd.microsoft.activity.message',
  value: text as unknown as Record<string, unknown>, // the schema types it as a record; Teams takes the text
});
