import type { Intent } from '../nlu/nlu-result';
import { listContracts } from './handlers/contracts';
import { help } from './handlers/help';
import { notUnderstood } from './handlers/not-understood';
import { notYetAvailable } from './handlers/not-yet-available';
import { listWorkspaces } from './handlers/workspaces';
import type { Handler } from './turn-request';

// The table of contents of the bot: intent → handler. A capability is a row and a file.
export const INTENT_ROUTES: Readonly<Record<Intent, Handler>> = {
  help,
  'workspace.list': listWorkspaces,
  'contracts.active': listContracts,
  'workspace.switch': notYetAvailable,
  'activity.summary': notYetAvailable,
  'entitlement.remaining': notYetAvailable,
  'packages.list': notYetAvailable,
  'packages.expiring': notYetAvailable,
  'entitlement.history': notYetAvailable,
  'cases.list': notYetAvailable,
  'cases.additional': notYetAvailable,
  'training.export': notYetAvailable,
  'report.delivery': notYetAvailable,
  'role.request': notYetAvailable,
  'role.grant': notYetAvailable,
  'role.revoke': notYetAvailable,
  'member.invite': notYetAvailable,
  'reminders.subscribe': notYetAvailable,
  'reminders.unsubscribe': notYetAvailable,
  'reminders.status': notYetAvailable,
  'account.team': notYetAvailable,
  none: notUnderstood,
};
