import type { CardAttachment } from '../cards/render-card';
import type { OrgIndex } from '../domain/org-index';
import type { User } from '../domain/records';
import type { Locale } from '../domain/vocabulary';
import type { Translate } from '../i18n/translate';
import type { NluResult } from '../nlu/nlu-result';
import type { QueryContext } from '../queries/query-context';
import { cardContext, type CardContext } from '../cards/card-context';

export type ConversationKind = 'personal' | 'groupChat' | 'channel';

/** What a handler gets: who asks, in which language, what they meant. No SDK types. */
export interface TurnRequest {
  org: OrgIndex;
  user: User;
  locale: Locale;
  t: Translate;
  today: string;
  nlu: NluResult;
  conversation: { id: string; kind: ConversationKind };
  /** The scope remembered for this user and conversation, if they chose one. */
  scope?: string;
  /** Remembers a scope for the next turns of this user in this conversation. */
  rememberScope(workspace: string): Promise<void>;
  /** Card action data (Action.Submit `value`), present when the turn is a button click. */
  action?: Readonly<Record<string, unknown>>;
}

/** One message back: text (Teams markdown), a card, or both. */
export type Reply = { text: string; card?: undefined } | { text?: string; card: CardAttachment };

export type Handler = (request: TurnRequest) => Promise<Reply[]> | Reply[];

/** The query context of a turn: the workspace named in the message, else the remembered scope. */
export const queryContextOf = (r: TurnRequest, workspace = r.nlu.entities.workspace ?? r.scope): QueryContext => ({
  org: r.org,
  user: r.user,
  today: r.today,
  workspace,
});

export const cardContextOf = (r: TurnRequest): CardContext => cardContext(r.locale, r.today);
