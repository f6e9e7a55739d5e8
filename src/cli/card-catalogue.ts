import type { Activity } from 'botbuilder';
import { createBot } from '../bot/create-bot';
import { LocalConversation } from '../bot/local-conversation';
import { GENERATOR_TODAY } from '../data/generator';
import type { OrgIndex } from '../domain/org-index';
import type { User } from '../domain/records';
import type { KeyValueStorage } from '../storage/storage';
import { actionKey, actionSlug, executeActionsOf, isPaging, slug, type ExecuteAction } from './card-catalogue-actions';
import { QUESTIONS, WELCOME, type CatalogueQuestion } from './card-catalogue-questions';
import { RestorableStorage } from './card-catalogue-storage';
import { isJsonObject, type JsonObject as Json } from '../domain/json';

// Every card the bot sends, obtained the only honest way: by talking to the real bot (NLU, handlers,
// queries, templates) through LocalConversation and clicking what its cards offer.

export const CATALOGUE_LOCALES = ['it-IT', 'en-US'] as const;
export type CatalogueLocale = (typeof CATALOGUE_LOCALES)[number];

export interface CatalogueEntry {
  /** `<lang>--<user>--<question>[--<click>…]`, e.g. `en--mario-rossi--summary--entitlements-integrated-proactive-hours`. */
  id: string;
  /** What the card answers (summary, expiring, history…): the gallery groups by it. */
  kind: string;
  /** The key of the question asked (QUESTIONS), also for the answers to clicks on its card. */
  questionKey: string;
  user: Pick<User, 'id' | 'email' | 'displayName'>;
  locale: CatalogueLocale;
  /** The message typed (for a click, the message whose answer carried the button). */
  question: string;
  /** The button clicked, when the card is the answer to a click. */
  action?: ExecuteAction;
  /** The expanded card as sent to Teams. */
  content: Json;
}

/** An answer without a card (refusals, "not found", bad arguments): the catalogue reports, not lists, them. */
export interface TextAnswer {
  id: string;
  locale: CatalogueLocale;
  user: string;
  question: string;
  action?: ExecuteAction;
  text: string;
}

/** A question or a click the bot failed on (a template that does not expand, a handler that throws). */
export interface CatalogueFailure {
  id: string;
  locale: CatalogueLocale;
  user: string;
  question: string;
  action?: ExecuteAction;
  message: string;
}

export interface CatalogueOptions {
  /** E-mails of the users to talk as; all users of the organization by default. */
  users?: readonly string[];
  locales?: readonly CatalogueLocale[];
  questions?: readonly CatalogueQuestion[];
  /** Whether to install the bot first (the welcome card). Default true. */
  welcome?: boolean;
  /** Whether to click the Action.Execute buttons of the answers. Default true. */
  clicks?: boolean;
  today?: string;
  /** Called for every answer that has text and no card. */
  onText?: (answer: TextAnswer) => void;
  /** Called when the bot throws; the catalogue goes on with the next question. Default: throw. */
  onFailure?: (failure: CatalogueFailure) => void;
}

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
// LocalConversation talks to the bot as this recipient id; adding it is what Teams sends on install.
const BOT_ACCOUNT = { id: '28:activity-bot', name: 'Activity Bot' };

/** Teams refreshes a card for the asker only (refresh.userIds): not a difference between two cards. */
function sameness(content: Json): string {
  const refresh = content.refresh;
  if (!isJsonObject(refresh)) return JSON.stringify(content);
  const { userIds: _ignored, ...rest } = refresh;
  return JSON.stringify({ ...content, refresh: rest });
}

export const cardsOf = (replies: readonly Partial<Activity>[]): Json[] =>
  replies.flatMap((r) => (r.attachments ?? []).map((a) => a.content as unknown).filter(isJsonObject));

const textsOf = (replies: readonly Partial<Activity>[]): string[] =>
  replies.filter((r) => !r.attachments?.length && r.text).map((r) => r.text ?? '');

/** The invoke response of a click: a card that replaces the clicked one, or a plain message. */
export function clickAnswer(response: unknown): { card?: Json; text?: string } {
  if (!isJsonObject(response)) return {};
  if (response.type === 'application/vnd.microsoft.card.adaptive' && isJsonObject(response.value)) return { card: response.value };
  return typeof response.value === 'string' ? { text: response.value } : {};
}

/** A personal chat with a fresh bot (empty storage) as `user` would have it in Teams on `today`. */
export function conversationAs(
  org: OrgIndex,
  user: User,
  locale: CatalogueLocale,
  today: string,
  storage: KeyValueStorage = new RestorableStorage(),
): LocalConversation {
  const bot = createBot(
    { org: () => org, storage, today: () => today, logger: silent },
    () => Promise.resolve(user.email), // the roster lookup, for users Teams sends without an aadObjectId
  );
  return new LocalConversation(bot, { user, locale });
}

/** One user in one language: a conversation, the questions in order, and the clicks on each answer. */
class CatalogueRun {
  private readonly clicked = new Set<string>();
  private readonly storage = new RestorableStorage();
  private readonly conversation: LocalConversation;
  private readonly prefix: string;

  constructor(
    org: OrgIndex,
    private readonly user: User,
    private readonly locale: CatalogueLocale,
    private readonly options: CatalogueOptions,
    private readonly add: (entry: CatalogueEntry) => void,
  ) {
    this.conversation = conversationAs(org, user, locale, options.today ?? GENERATOR_TODAY, this.storage);
    this.prefix = `${locale.slice(0, 2)}--${slug(user.id.replace(/^u-/, ''))}`;
  }

  async run(): Promise<void> {
    if (this.options.welcome ?? true) {
      const question = '(bot installed)';
      const replies = await this.attempt(`${this.prefix}--${WELCOME.key}`, question, undefined, () =>
        this.conversation.turn({ type: 'conversationUpdate', membersAdded: [BOT_ACCOUNT] }),
      );
      if (replies) await this.answers(WELCOME, question, replies);
    }
    for (const q of this.options.questions ?? QUESTIONS) {
      const text = this.locale === 'it-IT' ? q.it : q.en;
      const replies = await this.attempt(`${this.prefix}--${q.key}`, text, undefined, () => this.conversation.send(text));
      if (replies) await this.answers(q, text, replies);
    }
  }

  /** Runs one turn; a bot that throws is reported (or rethrown without onFailure), not fatal to the rest. */
  private async attempt<T>(id: string, question: string, action: ExecuteAction | undefined, turn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await turn();
    } catch (error) {
      if (!this.options.onFailure) throw error;
      const message = error instanceof Error ? error.message : String(error);
      this.options.onFailure({ id, locale: this.locale, user: this.user.email, question, ...(action ? { action } : {}), message });
      return undefined;
    }
  }

  private async answers(asked: Pick<CatalogueQuestion, 'key' | 'kind'>, question: string, replies: Partial<Activity>[]): Promise<void> {
    const id = `${this.prefix}--${asked.key}`;
    for (const text of textsOf(replies)) this.options.onText?.({ id, locale: this.locale, user: this.user.email, question, text });
    const cards = cardsOf(replies);
    for (const [i, content] of cards.entries()) {
      const cardId = cards.length > 1 ? `${id}-${i + 1}` : id;
      this.add({ id: cardId, kind: asked.kind, questionKey: asked.key, user: this.who(), locale: this.locale, question, content });
      if (this.options.clicks ?? true) await this.click(cardId, asked.key, question, content, () => true);
    }
  }

  /** Clicks the buttons of a card that `wanted` picks; the answers to clicks are clicked once more only to page. */
  private async click(parentId: string, questionKey: string, question: string, card: Json, wanted: (a: ExecuteAction) => boolean): Promise<void> {
    // every click starts from the conversation as the card found it, and leaves it so
    const before = await this.storage.snapshot();
    for (const action of executeActionsOf(card).filter(wanted)) {
      const key = actionKey(action.verb, action.data);
      if (this.clicked.has(key)) continue;
      this.clicked.add(key);
      await this.storage.restore(before);
      const id = `${parentId}--${actionSlug(action)}`;
      const result = await this.attempt(id, question, action, () => this.conversation.execute(action.verb, action.data));
      if (!result) continue;
      const { response, replies } = result;
      const answer = clickAnswer(response);
      const cards = [...(answer.card ? [answer.card] : []), ...cardsOf(replies)];
      const texts = [...(answer.text !== undefined ? [answer.text] : []), ...textsOf(replies)];
      for (const text of texts) this.options.onText?.({ id, locale: this.locale, user: this.user.email, question, action, text });
      for (const [i, content] of cards.entries()) {
        const cardId = cards.length > 1 ? `${id}-${i + 1}` : id;
        this.add({ id: cardId, kind: action.verb, questionKey, user: this.who(), locale: this.locale, question, action, content });
        if (!isPaging(action)) await this.click(cardId, questionKey, question, content, isPaging);
      }
    }
    await this.storage.restore(before);
  }

  private who(): CatalogueEntry['user'] {
    return { id: this.user.id, email: this.user.email, displayName: this.user.displayName };
  }
}

/**
 * Every card the bot can send on `org`: each user (all of them by default, those without access
 * too) in each language asks QUESTIONS, then clicks every Action.Execute of each answer (and the
 * paging buttons of what those clicks open). Cards identical to one already listed are left out;
 * ids are stable from run to run.
 */
export async function buildCatalogue(org: OrgIndex, options: CatalogueOptions = {}): Promise<CatalogueEntry[]> {
  const users = options.users
    ? options.users.map((email) => {
        const user = org.userByEmail(email);
        if (!user) throw new Error(`${email} is not a user of ${org.organization.name}`);
        return user;
      })
    : org.dataset.users;
  const entries: CatalogueEntry[] = [];
  const seen = new Set<string>();
  const ids = new Set<string>();
  const add = (entry: CatalogueEntry): void => {
    const same = sameness(entry.content);
    if (seen.has(same)) return;
    seen.add(same);
    let id = entry.id;
    for (let n = 2; ids.has(id); n += 1) id = `${entry.id}-${n}`;
    ids.add(id);
    entries.push({ ...entry, id });
  };
  for (const locale of options.locales ?? CATALOGUE_LOCALES) {
    for (const user of users) await new CatalogueRun(org, user, locale, options, add).run();
  }
  return entries;
}

/** The JSON size Teams counts against its 28 KB message limit (UTF-8 bytes of the card). */
export const cardBytes = (content: Json): number => Buffer.byteLength(JSON.stringify(content), 'utf8');
