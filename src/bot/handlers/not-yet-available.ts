import type { Handler } from '../turn-request';

const TOPIC: Readonly<Record<string, string>> = {
  'activity.summary': 'summary',
  'entitlement.remaining': 'remaining',
  'packages.list': 'packages',
  'packages.expiring': 'expiring',
  'entitlement.history': 'history',
  'cases.list': 'cases',
  'cases.additional': 'additional',
  'account.team': 'accountTeam',
  'workspace.switch': 'workspaces',
  'training.export': 'reports',
  'report.delivery': 'reports',
  'role.request': 'roles',
  'role.grant': 'roles',
  'role.revoke': 'roles',
  'member.invite': 'roles',
  'reminders.subscribe': 'reminders',
  'reminders.unsubscribe': 'reminders',
  'reminders.status': 'reminders',
};

/** An intent understood but not built yet: say so truthfully rather than guess. */
export const notYetAvailable: Handler = ({ t, nlu }) => {
  const topic = TOPIC[nlu.intent];
  return [{ text: t('turn.notYetAvailable', { what: topic ? t(`help.items.${topic}.title`) : nlu.intent }) }];
};
