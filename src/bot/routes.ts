import type { Intent } from '../nlu/nlu-result';
import { accountTeam, expiring, packages, remaining, summary } from './handlers/activity';
import { ask } from './handlers/ask';
import { additionalCases, cases } from './handlers/cases';
import { listContracts } from './handlers/contracts';
import { help } from './handlers/help';
import { entitlements, history } from './handlers/history';
import { VERBS } from '../cards/verbs';
import { notUnderstood } from './handlers/not-understood';
import { deliveryReport, trainingReport } from './handlers/report';
import { decideRole, requestRole, viewApproval } from './handlers/request-role';
import { setAdminChannel } from './handlers/admin-channel';
import {
  confirmReminders,
  reminderHandled,
  remindersStatus,
  runReminders,
  snoozeReminder,
  subscribeReminders,
  unsubscribeReminders,
} from './handlers/reminders';
import { auditLog } from './handlers/audit';
import { delegate, grantRole, inviteMember, revokeRole, settleChange } from './handlers/delegation';
import { listWorkspaces, switchWorkspace } from './handlers/workspaces';
import type { Handler, SnapshotHandler } from './turn-request';

// The table of contents of the bot: intent → handler, card verb → handler.
// A capability is a row here and a file under handlers/.
export const INTENT_ROUTES: Readonly<Record<Intent, Handler>> = {
  help,
  'workspace.list': listWorkspaces,
  'workspace.switch': switchWorkspace,
  'contracts.active': listContracts,
  'activity.summary': summary,
  'entitlement.remaining': remaining,
  'packages.list': packages,
  'packages.expiring': expiring,
  'entitlement.history': history,
  'cases.list': cases,
  'cases.additional': additionalCases,
  'account.team': accountTeam,
  'audit.log': auditLog,
  'training.export': trainingReport,
  'report.delivery': deliveryReport,
  'role.request': requestRole,
  'role.grant': grantRole,
  'role.revoke': revokeRole,
  'member.invite': inviteMember,
  'reminders.subscribe': subscribeReminders,
  'reminders.unsubscribe': unsubscribeReminders,
  'reminders.status': remindersStatus,
  'reminders.run': runReminders,
  none: notUnderstood,
};

/** Card buttons carry `{ verb, ...arguments }`; every argument is re-checked by the handler's query. */
export const VERB_ROUTES: Readonly<Record<string, Handler>> = {
  [VERBS.history]: history,
  [VERBS.entitlements]: entitlements,
  [VERBS.summary]: summary,
  [VERBS.cases]: cases,
  [VERBS.additionalCases]: additionalCases,
  [VERBS.expiring]: expiring,
  [VERBS.contracts]: listContracts,
  [VERBS.packages]: packages,
  [VERBS.workspaces]: listWorkspaces,
  [VERBS.switchWorkspace]: switchWorkspace,
  [VERBS.accountTeam]: accountTeam,
  [VERBS.requestRole]: requestRole,
  [VERBS.decideRole]: decideRole,
  [VERBS.approvalView]: viewApproval,
  [VERBS.settleChange]: settleChange,
  [VERBS.delegate]: delegate,
  [VERBS.audit]: auditLog,
  [VERBS.adminChannel]: setAdminChannel,
  [VERBS.remindersConfirm]: confirmReminders,
  [VERBS.reminderSnooze]: snoozeReminder,
  [VERBS.reminderHandled]: reminderHandled,
  [VERBS.ask]: ask(() => INTENT_ROUTES),
};

/**
 * The answers that read only the snapshot and the request: the same request on the same snapshot
 * gets the same answer, so the bot may keep it (a new snapshot starts afresh). A handler belongs
 * here only while it reads no storage, no clock and changes nothing.
 */
const SNAPSHOT_ANSWERS: ReadonlySet<Handler> = new Set<SnapshotHandler>([
  summary,
  remaining,
  packages,
  expiring,
  accountTeam,
  history,
  entitlements,
  listContracts,
  cases,
  additionalCases,
]);

export const isSnapshotAnswer = (handler: Handler): handler is SnapshotHandler => SNAPSHOT_ANSWERS.has(handler);
