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
  'none',
] as const;
export type Intent = (typeof INTENTS)[number];

/** Entities of nlu.md; only those present in the text are set. */
export interface Entities {
  category?: string;
  workspace?: string;
  contract?: string;
  package?: string;
  status?: 'active' | 'inactive' | 'open' | 'closed';
  within?: string;
  since?: string;
  until?: string;
  user?: string;
  role?: string;
  thresholds?: number[];
}

/** One line of the `nlu` command's output (interfaces.md). */
export interface NluResult {
  text: string;
  locale: Locale;
  intent: Intent;
  entities: Entities;
}
