import type { CardAttachment } from '../cards/render-card';
import type { OrgIndex } from '../domain/org-index';
import type { User } from '../domain/records';
import type { Locale } from '../domain/vocabulary';
import type { Translate } from '../i18n/translate';
import type { NluResult } from '../nlu/nlu-result';

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
}

/** One message back: text (Teams markdown), a card, or both. */
export type Reply = { text: string; card?: undefined } | { text?: string; card: CardAttachment };

export type Handler = (request: TurnRequest) => Promise<Reply[]> | Reply[];
