// One recorded change of roles or memberships (rules 10–11): the audit log stores these, the
// audit query shows them to admins.

export const AUDIT_ACTIONS = [
  'role.requested',
  'role.approved',
  'role.rejected',
  'role.granted',
  'role.revoked',
  'member.invited',
  'member.joined',
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
}
