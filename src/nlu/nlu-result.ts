import type { Locale } from '../domain/vocabulary';

export const INTENTS = [
  'help',
  'workspace.list',
  'workspace.switch',
  'contracts.active',
  'activity.summary',
  'entitlement.remaining',
  'packages.list',
  'packages.expiring',
  'entitlement.history',
  'cases.list',
  'cases.additional',
  'training.export',
  'report.delivery',
  'role.request',
  'role.grant',
  'role.revoke',
  'member.invite',
  'reminders.subscribe',
  'reminders.unsubscribe',
  'reminders.status',
  'account.team',
  /** Beyond nlu.md: the delegation audit log (issue 7), asked by admins. */
  'audit.log',
  /** Beyond nlu.md: an admin runs the renewal reminders now (issue 8). */
  'reminders.run',
  'none',
] as const;
export type Intent = (typeof INTENTS)[number];

export const ENTITY_KEYS = [
  'category',
  'workspace',
  'contract',
  'package',
  'status',
  'within',
  'since',
  'until',
  'user',
  'role',
  'thresholds',
  /** Beyond nlu.md: the file format of an export (issue 12), `csv` or `xlsx`. */
  'format',
] as const;
export type EntityKey = (typeof ENTITY_KEYS)[number];

export type Status = 'active' | 'inactive' | 'open' | 'closed';

/** Entities of nlu.md; only those present in the text are set. */
export interface Entities {
  category?: string;
  workspace?: string;
  contract?: string;
  package?: string;
  status?: Status;
  within?: string;
  since?: string;
  until?: string;
  user?: string;
  role?: string;
  thresholds?: number[];
  format?: 'csv' | 'xlsx';
}

/** What a short command got wrong: which argument, what was written, what it expects. */
export interface CommandProblem {
  argument: EntityKey;
  /** The text written where the argument was expected ('' when it is missing). */
  value: string;
  /** The kind of value expected, and the accepted values when they are a closed list. */
  expected: 'category' | 'role' | 'status' | 'duration' | 'date' | 'email' | 'workspace' | 'days';
  allowed?: string[];
  /** The same, said in the message's language: ready for the bot to show. */
  message: string;
}

/** One line of the `nlu` command's output (interfaces.md), plus what the bot needs to converse. */
export interface NluResult {
  text: string;
  locale: Locale;
  intent: Intent;
  entities: Entities;
  /** 0–1: how sure the classifier is (1 for a parsed command); low scores come back as `none`. */
  confidence?: number;
  /** Set when the message names only entities ("e per i workshop?", "and in Sales?"): the bot
   *  applies them to the previous intent. The intent is then `none`. */
  followUp?: true;
  /** Set when a short command was recognised but one of its arguments is wrong or missing. */
  problem?: CommandProblem;
}
