// The verbs of our card actions (Action.Execute). Cards put them on buttons; src/bot/routes.ts
// routes them to handlers, which re-check every argument as if typed by the user.

export const VERBS = {
  /** Consumption history of one entitlement: { entitlementId, workspace?, since?, until?, page? }. */
  history: 'history',
  /** The entitlements behind one summary line: { group, unit, workspace? }. */
  entitlements: 'entitlements',
  /** The summary again, with current numbers (a card's refresh): { workspace?, contract? }. */
  summary: 'summary',
  /** Lists, re-run at another page or with other filters: { workspace?, page?, and their filters }. */
  cases: 'cases',
  additionalCases: 'additional-cases',
  expiring: 'expiring',
  contracts: 'contracts',
  packages: 'packages',
  workspaces: 'workspaces',
  /** Make a workspace (or all) the scope of this conversation: { workspace }. */
  switchWorkspace: 'switch-workspace',
  accountTeam: 'account-team',
  /** Ask a question again with other entities (a "did you mean" button): { intent, entities }. */
  ask: 'ask',
  /** An admin decides a role request: { requestId, decision: approve|reject, comment? (input) }. */
  decideRole: 'decide-role',
  /** Ask for a role in a workspace (rule 11): { role, workspaceId }. */
  requestRole: 'request-role',
  /** The approval card as the clicking (or refreshing) user may see it: { requestId }. */
  approvalView: 'approval-view',
  /** The admin who proposed a grant, revoke or invitation settles it: { changeId, decision: confirm|cancel }. */
  settleChange: 'settle-change',
  /** Grant, revoke or invite again with one more argument chosen (a workspace): { intent, entities }. */
  delegate: 'delegate',
  /** The audit log at another page: { since, until, page }. */
  audit: 'audit',
  /** Post a workspace's role requests in this channel too: { workspaceId }. */
  adminChannel: 'admin-channel',
  /** Subscribe this channel after the warning: { workspaceId, thresholds (e.g. "90,30,7") }. */
  remindersConfirm: 'reminders-confirm',
  /** A reminder: no more for 7 days in this channel: { subscriptionId, packageId }. */
  reminderSnooze: 'reminder-snooze',
  /** A reminder: no more for this package in this channel: { subscriptionId, packageId }. */
  reminderHandled: 'reminder-handled',
} as const;

/** The status drop-down's "any status" choice (the SDK wants every choice to have a value). */
export const ANY_STATUS = 'any';
