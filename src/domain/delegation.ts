import { invitationPolicyRefusal, type AccountType, type PolicyRefusal } from './account-policy';
import { isAdminOf, rolesIn } from './access';
import type { OrgIndex } from './org-index';
import type { User } from './records';
import type { DelegableRoleId } from './vocabulary';

// Rules 10 and 11 as checks: who may grant, revoke or invite whom, where. Each answer names the
// reason, so that a refusal can say it.

export type DelegationProblem =
  | { reason: 'not-admin' }
  | { reason: 'not-member' }
  | { reason: 'self' }
  | { reason: 'already-has' }
  | { reason: 'does-not-have' }
  | { reason: 'already-member' }
  | { reason: 'already-invited' }
  | { reason: 'policy'; policy: PolicyRefusal };

const isActiveMember = (org: OrgIndex, userId: string, workspaceId: string): boolean =>
  org.membershipsOf(userId).some((m) => m.workspaceId === workspaceId && m.status === 'active');

/** Rule 11: an admin of W grants or revokes a delegable role of an active member of W. */
export function roleChangeProblem(
  org: OrgIndex,
  actor: User,
  target: User,
  workspaceId: string,
  role: DelegableRoleId,
  grant: boolean,
): DelegationProblem | undefined {
  if (!isAdminOf(org, actor, workspaceId)) return { reason: 'not-admin' };
  if (!isActiveMember(org, target.id, workspaceId)) return { reason: 'not-member' };
  const has = org.membershipsOf(target.id).some((m) => m.workspaceId === workspaceId && m.status === 'active' && m.roles.includes(role));
  if (grant && has) return { reason: 'already-has' };
  if (!grant && !has) return { reason: 'does-not-have' };
  return undefined;
}

/** The person an invitation is for: listed by the organization, or only an e-mail so far. */
export interface Invitee {
  email: string;
  user?: User;
  accountType: AccountType;
}

/** Rules 10–11: an admin of W invites someone who is not a member yet, if W's account policy takes them. */
export function invitationProblem(org: OrgIndex, actor: User, invitee: Invitee, workspaceId: string): DelegationProblem | undefined {
  const workspace = org.workspaces.get(workspaceId);
  if (!workspace || !isAdminOf(org, actor, workspaceId)) return { reason: 'not-admin' };
  if (invitee.user?.id === actor.id) return { reason: 'self' };
  if (invitee.user && isActiveMember(org, invitee.user.id, workspaceId)) return { reason: 'already-member' };
  if (invitee.user && org.chatInvitationsOf(invitee.user.id).includes(workspaceId)) return { reason: 'already-invited' };
  const policy = invitationPolicyRefusal(org, workspace, invitee.accountType);
  return policy ? { reason: 'policy', policy } : undefined;
}

/** Whether `role` is held by the user in W now (dataset, then changes made in chat). */
export const holdsRole = (org: OrgIndex, user: User, workspaceId: string, role: DelegableRoleId): boolean =>
  rolesIn(org, user, workspaceId).includes(role);
