// One recorded change of roles or memberships (rules 10–11), or one report exported in chat: the
// audit log stores these, the audit query shows them to admins.

export const AUDIT_ACTIONS = [
  'role.requested',
  'role.approved',
  'role.rejected',
  'role.granted',
  'role.revoked',
  'member.invited',
  'member.joined',
  'report.exported',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  /** Unique per event: appending the same id twice records it once (a retried append). */
  id: string;
  /** ISO date-time. */
  at: string;
  action: AuditAction;
  actorId: string;
  /** The person the action is about (the requester, the grantee, the invitee). */
  subjectId: string;
  subjectEmail?: string;
  role?: string;
  workspaceId: string;
  /** The conversation the action came from. */
  conversationId?: string;
  requestId?: string;
  comment?: string;
  /**
   * `report.exported`: which report, in which format, for which scope (a workspace id or `all`) and
   * period, and how many of its rows come from `workspaceId` (an export of `all` is recorded once
   * per workspace, so that each workspace's admins see only their workspace's share).
   */
  report?: { name: 'delivery' | 'training'; format: 'csv' | 'xlsx'; scope: string; since?: string; until?: string; rows: number; fileName: string };
}
