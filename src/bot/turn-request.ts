import type { ConversationReference } from 'botbuilder';
import type { Reply } from './reply';
import type { ApprovalFlow } from './approval-flow';
import type { ReportFlow } from './report-flow';
import type { ReminderService } from '../reminders/reminder-service';
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
  /** The role-request workflow (rule 11). */
  approvals: ApprovalFlow;
  /** Reports offered as files (issue 12). */
  reports: ReportFlow;
  /** Renewal reminders, where the host runs them (the server; not the `chat` command). */
  reminders?: ReminderService;
  /** Where this turn came from, and the card message a button was clicked on (to update it later). */
  origin: { reference: Partial<ConversationReference>; cardActivityId?: string };
  /** Card action data (Action.Submit `value`), present when the turn is a button click. */
  action?: Readonly<Record<string, unknown>>;
}

export type { Reply } from './reply';

export type Handler = (request: TurnRequest) => Promise<Reply[]> | Reply[];

/** A handler that reads only the snapshot and the request: no storage, no clock, nothing it changes. */
export type SnapshotHandler = (request: TurnRequest) => Reply[];

/** A card action's argument as text; anything else (numbers, objects, missing) counts as absent. */
export const actionArg = (r: TurnRequest, key: string): string | undefined => {
  const v = r.action?.[key];
  return typeof v === 'string' && v.trim() !== '' ? v : undefined;
};

/**
 * The query context of a turn: the workspace a card action names, else the one named in the
 * message, else the remembered scope. Whatever it is, the query resolves it under rule 1.
 */
export const queryContextOf = (r: TurnRequest, workspace = actionArg(r, 'workspace') ?? r.nlu.entities.workspace ?? r.scope): QueryContext => ({
  org: r.org,
  user: r.user,
  today: r.today,
  workspace,
});

/** The card context of a turn; a page sent by a button is taken only as a whole number ≥ 1. */
export const cardContextOf = (r: TurnRequest): CardContext => {
  const page = r.action?.page;
  const n = typeof page === 'string' && /^\d{1,7}$/.test(page) ? Number(page) : 1;
  return cardContext(r.locale, r.today, Math.max(1, n));
};
